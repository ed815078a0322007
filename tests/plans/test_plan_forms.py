"""The web forms of a plan: create it, add a target, allocate it to the children, add an obligation.

Django client tests of each form, and one Playwright run (ct.admin creates a plan, adds a target,
allocates it in proportion to member count and sees the allocations)."""

import types
from datetime import date
from decimal import Decimal
from unittest import mock
from urllib.parse import urlparse

import pytest

from doanso.core.models import AuditLog
from doanso.org.models import Unit
from doanso.plans import api as plans_api
from doanso.plans.models import Allocation, Assignment, Obligation, Plan, Target
from tests.browser import log_in


def _counts():
    return (
        Plan.objects.count(),
        Target.objects.count(),
        Allocation.objects.count(),
        Obligation.objects.count(),
        Assignment.objects.count(),
        AuditLog.objects.count(),
    )


@pytest.fixture
def ct_plan(db):
    ct = Unit.objects.get(code="CT")
    return plans_api.create_plan(
        None, ct, title="Công tác Đoàn năm 2026", issued_on=date(2026, 1, 5), period_start="2026", issue=True
    )


@pytest.fixture
def ct_target(ct_plan):
    return plans_api.add_target(None, ct_plan, indicator="TN_LUOT", value=1000, period="2026")


def _children(plan):
    return list(Unit.objects.filter(parent=plan.issuer, active=True).order_by("path"))


def _errors(r, field):
    return r.context["form"].errors.get(field, [])


# ---- plan ------------------------------------------------------------------------------

PLAN = {
    "unit": "CT",
    "kind": "KH",
    "title": "Tổ chức Tháng Thanh niên năm 2026",
    "period_start": "2026Q1",
    "period_end": "2026Q2",
    "issued_on": "2026-02-10",
    "place": "Cần Thơ",
    "department": "BTG",
    "signature": "TM. BAN THƯỜNG VỤ",
    "signer_title": "PHÓ BÍ THƯ",
    "signer_name": "Nguyễn Văn A",
    "recipients": "Trung ương Đoàn (để b/c)\nCác cơ sở Đoàn trực thuộc\nLưu VP",
    "implements_refs": "Kết luận số 121-KL/TWĐTN-BTG",
}


def test_plan_list_and_detail_link_the_forms(login, ct_plan, ct_target):
    c = login("ct.admin")
    body = c.get("/plans/?unit=CT").content.decode()
    assert "/plans/new/?unit=CT" in body
    body = c.get(f"/plans/{ct_plan.pk}/").content.decode()
    assert f"/plans/{ct_plan.pk}/targets/new/" in body
    assert f"/plans/{ct_plan.pk}/obligations/new/" in body
    assert f"/plans/{ct_plan.pk}/targets/{ct_target.pk}/allocate/" in body


def test_create_plan_writes_a_draft_then_ban_hanh_gives_it_its_number(login):
    c = login("ct.admin")
    r = c.get("/plans/new/?unit=CT")
    assert r.status_code == 200 and "Tạo kế hoạch mới" in r.content.decode()
    before = Plan.objects.filter(issuer__code="CT", kind="KH", year=2026).count()
    r = c.post("/plans/new/", PLAN)
    assert r.status_code == 302
    plan = Plan.objects.filter(issuer__code="CT").order_by("-id").first()
    assert r["Location"] == f"/plans/{plan.pk}/"
    assert Plan.objects.filter(issuer__code="CT", kind="KH", year=2026).count() == before + 1
    assert plan.title == PLAN["title"] and plan.status == "draft" and plan.number is None
    assert "Chưa cấp số" in c.get(r["Location"]).content.decode()
    r = c.post(f"/plans/{plan.pk}/issue/", {"symbol": "TĐTN"})
    assert r.status_code == 302 and r["Location"] == f"/plans/{plan.pk}/"
    plan.refresh_from_db()
    assert plan.status == "issued" and plan.number
    assert plan.symbol == f"{plan.number}-KH/TĐTN-BTG"
    assert (plan.period_start, plan.period_end) == ("2026Q1", "2026Q2")
    assert plan.recipients == ["Trung ương Đoàn (để b/c)", "Các cơ sở Đoàn trực thuộc", "Lưu VP"]
    assert plan.implements_refs == ["Kết luận số 121-KL/TWĐTN-BTG"]
    assert (plan.signer_title, plan.signer_name, plan.place) == ("PHÓ BÍ THƯ", "Nguyễn Văn A", "Cần Thơ")


def test_create_plan_implementing_a_parent_plan(login, ct_plan):
    c = login("ct.admin")
    r = c.post("/plans/new/", {**PLAN, "implements": [str(ct_plan.pk)]})
    assert r.status_code == 302
    plan = Plan.objects.filter(issuer__code="CT").order_by("-id").first()
    assert list(plan.implements.all()) == [ct_plan]


@pytest.mark.parametrize(
    "change, field, text",
    [
        ({"title": "  "}, "title", "Trích yếu"),
        ({"period_start": "2026X9"}, "period_start", "không phải là kỳ"),
        ({"period_start": "2026Q3", "period_end": "2026Q1"}, "period_end", "phải sau kỳ bắt đầu"),
    ],
)
def test_create_plan_bad_input_is_shown_on_the_field(login, change, field, text):
    c = login("ct.admin")
    before = _counts()
    r = c.post("/plans/new/", {**PLAN, **change})
    assert r.status_code == 200
    assert any(text in e for e in _errors(r, field)), r.context["form"].errors
    assert _counts() == before


def test_create_plan_by_htmx_swaps_the_form_or_redirects(login):
    c = login("ct.admin")
    r = c.post("/plans/new/", {**PLAN, "title": ""}, headers={"HX-Request": "true"})
    body = r.content.decode()
    assert r.status_code == 200 and body.lstrip().startswith("<form") and "<html" not in body
    assert 'role="alert"' in body
    r = c.post("/plans/new/", PLAN, headers={"HX-Request": "true"})
    assert r.status_code == 204 and r["HX-Redirect"].startswith("/plans/")


# ---- target ----------------------------------------------------------------------------


def test_add_target_writes_one_target(login, ct_plan):
    c = login("ct.admin")
    r = c.get(f"/plans/{ct_plan.pk}/targets/new/")
    assert r.status_code == 200 and 'value="TN_LUOT"' in r.content.decode()  # the catalogue select
    r = c.post(
        f"/plans/{ct_plan.pk}/targets/new/",
        {"indicator": "TN_LUOT", "value": "85000", "period": "2026", "direction": "at_least"},
    )
    assert r.status_code == 302
    (t,) = Target.objects.filter(plan=ct_plan)
    assert r["Location"] == f"/plans/{ct_plan.pk}/targets/{t.pk}/allocate/"
    assert (t.value, t.period, t.direction) == (Decimal(85000), "2026", "at_least")
    assert t.indicator.code == "TN_LUOT"


@pytest.mark.parametrize(
    "change, field, text",
    [
        ({"value": "-5"}, "value", "không được âm"),
        ({"value": "nhiều"}, "value", "không phải là số"),
        ({"period": "2025"}, "period", "nằm ngoài thời gian"),
        ({"direction": "range"}, "value_max", "giá trị tối đa"),
        ({"direction": "milestone"}, "due_on", "hạn hoàn thành"),
    ],
)
def test_add_target_bad_input_is_shown_on_the_field(login, ct_plan, change, field, text):
    c = login("ct.admin")
    before = _counts()
    data = {"indicator": "TN_LUOT", "value": "100", "period": "2026", "direction": "at_least", **change}
    r = c.post(f"/plans/{ct_plan.pk}/targets/new/", data)
    assert r.status_code == 200
    assert any(text in e for e in _errors(r, field)), r.context["form"].errors
    assert _counts() == before


# ---- allocation ------------------------------------------------------------------------


def test_allocate_by_hand_writes_a_row_per_child(login, ct_target):
    kids = _children(ct_target.plan)[:2]
    c = login("ct.admin")
    r = c.get(f"/plans/{ct_target.plan_id}/targets/{ct_target.pk}/allocate/")
    assert r.status_code == 200
    assert f'name="share_{kids[0].code}"' in r.content.decode()
    url = f"/plans/{ct_target.plan_id}/targets/{ct_target.pk}/allocate/"
    r = c.post(url, {f"share_{kids[0].code}": "600", f"share_{kids[1].code}": "400"})
    assert r.status_code == 302
    got = dict(Allocation.objects.filter(target=ct_target).values_list("unit__code", "value"))
    assert got == {kids[0].code: Decimal(600), kids[1].code: Decimal(400)}
    body = c.get(url).content.decode()
    assert 'id="total-preserved"' in body


def test_allocate_bad_share_is_shown_on_its_row(login, ct_target):
    kids = _children(ct_target.plan)[:2]
    plans_api.allocate(None, ct_target, {kids[0]: 10})
    before = _counts()
    c = login("ct.admin")
    url = f"/plans/{ct_target.plan_id}/targets/{ct_target.pk}/allocate/"
    r = c.post(url, {f"share_{kids[0].code}": "600", f"share_{kids[1].code}": "abc"})
    assert r.status_code == 200
    assert any("không phải là số" in e for e in _errors(r, f"share_{kids[1].code}"))
    assert _counts() == before
    assert list(Allocation.objects.filter(target=ct_target).values_list("value", flat=True)) == [Decimal(10)]


def test_allocate_in_proportion_to_members_preserves_the_total(login, ct_target):
    kids = _children(ct_target.plan)
    c = login("ct.admin")
    url = f"/plans/{ct_target.plan_id}/targets/{ct_target.pk}/allocate/"
    r = c.post(url, {"proportional": "1"})
    assert r.status_code == 302
    rows = Allocation.objects.filter(target=ct_target)
    assert rows.count() == len(kids)
    assert sum(a.value for a in rows) == Decimal(1000)
    assert {a.method for a in rows} == {"proportional"}
    body = c.get(url).content.decode()
    assert 'id="total-preserved"' in body and 'id="allocated-total">1.000<' in body


# ---- obligation ------------------------------------------------------------------------


def test_add_weekly_obligation_for_all_children(login, ct_plan):
    kids = _children(ct_plan)
    c = login("ct.admin")
    assert c.get(f"/plans/{ct_plan.pk}/obligations/new/").status_code == 200
    r = c.post(
        f"/plans/{ct_plan.pk}/obligations/new/",
        {
            "title": "Báo cáo tuần",
            "indicators": ["TN_LUOT"],
            "due_rule": "weekly",
            "weekday": "FR",
            "at": "12:00",
            "applies_to": "children",
        },
    )
    assert r.status_code == 302
    (ob,) = Obligation.objects.filter(plan=ct_plan)
    assert ob.due_rule == "FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0"
    assert [i.code for i in ob.indicators.all()] == ["TN_LUOT"]
    assert set(ob.assignments.values_list("unit_id", flat=True)) == {u.pk for u in kids}


@pytest.mark.parametrize(
    "due, rule",
    [
        ({"due_rule": "monthly", "day": "25"}, "FREQ=MONTHLY;BYMONTHDAY=25;BYHOUR=17;BYMINUTE=0"),
        (
            {"due_rule": "quarterly", "day": "20"},
            "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20;BYHOUR=17;BYMINUTE=0",
        ),
        ({"due_rule": "yearly", "day": "30/11"}, "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30;BYHOUR=17;BYMINUTE=0"),
        (
            {"due_rule": "every 2 years", "day": "30/11"},
            "FREQ=YEARLY;INTERVAL=2;BYMONTH=11;BYMONTHDAY=30;BYHOUR=17;BYMINUTE=0",
        ),
        ({"due_rule": "once", "on": "2026-06-25"}, "DTSTART:20260625T170000\nRRULE:FREQ=DAILY;COUNT=1"),
    ],
)
def test_add_obligation_due_rules_for_chosen_units(login, ct_plan, due, rule):
    kid = _children(ct_plan)[0]
    c = login("ct.admin")
    data = {"title": "Báo cáo", "indicators": ["TN_LUOT"], "applies_to": "chosen", "units": [kid.code], **due}
    r = c.post(f"/plans/{ct_plan.pk}/obligations/new/", data)
    assert r.status_code == 302, r.context["form"].errors
    (ob,) = Obligation.objects.filter(plan=ct_plan)
    assert ob.due_rule == rule  # stored as an RFC 5545 RRULE
    assert list(ob.assignments.values_list("unit_id", flat=True)) == [kid.pk]


def test_add_obligation_down_to_a_level(login, ct_plan):
    c = login("ct.admin")
    data = {"title": "Báo cáo năm", "indicators": ["TN_LUOT"], "due_rule": "yearly", "day": "30/11"}
    r = c.post(f"/plans/{ct_plan.pk}/obligations/new/", {**data, "applies_to": "level", "level": "chi_doan"})
    assert r.status_code == 302
    ob = Obligation.objects.get(plan=ct_plan)
    assert ob.level == "chi_doan" and ob.assignments.count() >= len(_children(ct_plan))


@pytest.mark.parametrize(
    "change, field, text",
    [
        ({"title": ""}, "title", "Tên báo cáo"),
        ({"indicators": []}, "indicators", "ít nhất một chỉ số"),
        ({"due_rule": "once", "on": "2025-06-25"}, "due_rule", ""),
        ({"due_rule": "yearly", "day": "31/02"}, "due_rule", ""),
        ({"at": "25:00"}, "due_rule", "25:00"),
        ({"due_rule": "monthly", "day": "32"}, "due_rule", "32"),
        ({"due_rule": "yearly", "day": "30"}, "due_rule", "30"),
        ({"applies_to": "chosen"}, "units", "Chưa chọn"),
        ({"applies_to": "level", "level": "tinh"}, "level", "không hợp lệ"),
    ],
)
def test_add_obligation_bad_input_is_shown_on_the_field(login, ct_plan, change, field, text):
    c = login("ct.admin")
    before = _counts()
    data = {"title": "Báo cáo tuần", "indicators": ["TN_LUOT"], "due_rule": "weekly", "weekday": "FR"}
    data.update({"at": "12:00", "applies_to": "children", **change})
    r = c.post(f"/plans/{ct_plan.pk}/obligations/new/", data)
    assert r.status_code == 200
    errs = _errors(r, field)
    assert errs and any(text in e for e in errs), r.context["form"].errors
    assert _counts() == before


# ---- scope -----------------------------------------------------------------------------


def test_another_province_gets_404_on_every_form(login, ct_target):
    plan = ct_target.plan
    c = login("hn.admin")
    before = _counts()
    urls = [
        f"/plans/{plan.pk}/targets/new/",
        f"/plans/{plan.pk}/targets/{ct_target.pk}/allocate/",
        f"/plans/{plan.pk}/obligations/new/",
    ]
    for url in urls:
        assert c.get(url).status_code == 404, url
    assert c.get("/plans/new/?unit=CT").status_code == 404
    assert c.post("/plans/new/", PLAN).status_code == 404
    assert c.post(urls[0], {"indicator": "TN_LUOT", "value": "1", "period": "2026"}).status_code == 404
    assert c.post(urls[1], {"proportional": "1"}).status_code == 404
    assert c.post(urls[2], {"title": "x", "indicators": ["TN_LUOT"], "due_rule": "weekly"}).status_code == 404
    assert _counts() == before


def test_a_sub_unit_may_read_but_not_edit_its_parents_plan(login, ct_target):
    """A unit below CT reads CT's plan, but the forms of a plan issued above it are 404."""
    from doanso.accounts.models import Role, RoleKind, User

    kid = _children(ct_target.plan)[0]
    user = User.objects.create(username="xa.forms")
    Role.objects.create(user=user, unit=kid, role=RoleKind.ADMIN)
    from django.test import Client

    c = Client()
    c.force_login(user)
    assert c.get(f"/plans/{ct_target.plan_id}/").status_code == 200
    assert "/targets/new/" not in c.get(f"/plans/{ct_target.plan_id}/").content.decode()
    assert c.get(f"/plans/{ct_target.plan_id}/targets/new/").status_code == 404


# ---- in the browser --------------------------------------------------------------------

PASSWORD = "doanso-demo"


@pytest.fixture
def site(transactional_db, live_server):
    from doanso.demo import plans as plans_demo
    from doanso.demo import seed as demo

    if not Unit.objects.exists():
        with mock.patch.object(demo, "STEPS", [plans_demo.step]):
            demo.seed("tiny", log=lambda *a: None)
    return types.SimpleNamespace(url=live_server.url)


@pytest.mark.browser
def test_secretary_creates_plan_adds_target_and_allocates(browser, site):
    from playwright.sync_api import expect

    ctx = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}, base_url=site.url)
    ctx.set_default_timeout(15_000)
    page = ctx.new_page()
    log_in(page, "ct.admin", PASSWORD)

    page.goto("/plans/?unit=CT")
    page.get_by_role("link", name="Tạo kế hoạch mới").click()
    page.get_by_label("Trích yếu").fill("Ra quân Tháng Thanh niên 2026")
    page.get_by_label("Từ kỳ").fill("2026")
    page.get_by_label("Ngày ban hành").fill("2026-02-10")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(lambda url: urlparse(url).path.startswith("/plans/") and "new" not in url)
    expect(page.locator("h1")).to_contain_text("Ra quân Tháng Thanh niên 2026")
    plan = Plan.objects.get(title="Ra quân Tháng Thanh niên 2026")
    expect(page.locator("#plan-symbol")).to_contain_text("Chưa cấp số")  # a draft until "Ban hành"

    page.get_by_role("link", name="Thêm chỉ tiêu").click()
    page.get_by_label("Chỉ số", exact=True).select_option("TN_LUOT")
    page.get_by_label("Giá trị", exact=True).fill("-3")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".field.has-error")).to_contain_text("không được âm")  # swapped in by htmx
    page.get_by_label("Giá trị", exact=True).fill("50000")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/allocate/")

    page.get_by_role("button", name="Chia theo số đoàn viên").click()
    expect(page.locator("#total-preserved")).to_be_visible()
    expect(page.locator("#allocated-total")).to_have_text("50.000")
    kids = _children(plan)
    expect(page.locator("table.allocations tbody tr")).to_have_count(len(kids))
    allocated = dict(Allocation.objects.filter(target__plan=plan).values_list("unit__code", "value"))
    assert len(allocated) == len(kids) and sum(allocated.values()) == 50000
    first = kids[0]
    expect(page.locator(f'tr[data-unit="{first.code}"] td.allocated')).not_to_have_text("—")

    # issue the draft: numbered from Cần Thơ's register with its symbol, history in Vietnamese
    page.goto(f"/plans/{plan.pk}/")
    expect(page.get_by_label("Ký hiệu của đơn vị")).to_have_value("TĐTN")
    page.locator("#issue-plan").get_by_role("button", name="Ban hành").click()
    plan.refresh_from_db()
    expect(page.locator("#plan-symbol")).to_contain_text(f"{plan.number}-KH/TĐTN")
    expect(page.locator("#plan-history")).to_contain_text("Tạo dự thảo")
    expect(page.locator("#plan-history")).to_contain_text("Ban hành")
    expect(page.locator("#issue-plan")).to_have_count(0)
    ctx.close()


def test_forms_in_english(login, ct_target):
    c = login("ct.admin")
    assert c.post("/i18n/setlang/", {"language": "en", "next": "/plans/"}).status_code == 302
    body = c.get("/plans/new/?unit=CT").content.decode()
    assert "New plan" in body and "Document type" in body and "Signing authority" in body
    assert "Tạo kế hoạch mới" not in body
    body = c.get(f"/plans/{ct_target.plan_id}/targets/{ct_target.pk}/allocate/").content.decode()
    assert "Split by member count" in body and "Chia theo số đoàn viên" not in body
    body = c.get(f"/plans/{ct_target.plan_id}/obligations/new/").content.decode()
    assert "Every 2 years" in body and "Due day" in body and "Applies to" in body
