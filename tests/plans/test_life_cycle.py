"""A plan's life cycle end to end: received from above → "lập kế hoạch thực hiện" (a draft inheriting
targets and reporting schedules) → "Ban hành" with the unit's own symbol and number → sub-units owe
reports from the issue date only; every step on the plan page in Vietnamese words."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from doanso.core.errors import UserError
from doanso.org.models import UnitKind
from doanso.plans import api as plans
from doanso.plans.models import Plan, Register
from doanso.reports import api as reports
from tests.factories import BranchFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

WEEKLY = "FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0"


@pytest.fixture
def tree(unit):
    """Hà Nội's grassroots union with a branch that has no symbol yet, a union with two branches of
    its own under it, and the city's plan for this year with a target allocated and a weekly report."""
    today = timezone.localdate()
    base = UnitFactory(code="LC", name="Đoàn cơ sở Vòng Đời", kind=UnitKind.CO_SO, parent=unit("HN"))
    branch = BranchFactory(code="LC-A", name="Chi đoàn Vòng Đời A", parent=base)
    BranchFactory(code="LC-B", name="Chi đoàn Vòng Đời B", parent=base)
    UserFactory(unit=base, username="lc.admin")
    UserFactory(unit=branch, username="lca.admin")
    parent = plans.create_plan(
        None,
        base,
        title="Kế hoạch công tác năm",
        issued_on=today - timedelta(days=60),
        period_start=str(today.year),
    )
    t = plans.add_target(None, parent, indicator="TN_LUOT", value="100", period=str(today.year))
    plans.allocate(None, t, {branch: "40"})
    plans.add_obligation(None, parent, title="Báo cáo tuần", due_rule=WEEKLY, indicators=["TN_LUOT"])
    plans.issue_plan(None, parent)
    return {"base": base, "branch": branch, "parent": parent, "today": today}


def test_a_branch_carries_out_the_plan_from_above_and_issues_it_with_its_own_symbol(login, tree):
    c = login("lca.admin")
    parent = tree["parent"]
    page = c.get(f"/plans/{parent.pk}/?unit=LC-A").content.decode()
    assert 'id="adopt"' in page and '<option value="LC-A" selected>' in page
    r = c.post(f"/plans/{parent.pk}/adopt/", {"unit": "LC-A"})
    draft = Plan.objects.get(issuer=tree["branch"])
    assert r["Location"] == f"/plans/{draft.pk}/"
    assert draft.status == "draft" and draft.issuing_body == ""  # a branch's symbol is never guessed
    assert [(t.indicator.code, t.value) for t in draft.targets.all()] == [("TN_LUOT", 40)]
    page = c.get(f"/plans/{draft.pk}/").content.decode()
    shown = page[page.index('id="plan-symbol"') :].split("</dd>")[0]
    assert "Chưa cấp số" in shown and "-KH/" not in shown
    assert 'id="issue-plan"' in page
    # without a symbol the number is refused, in Vietnamese, and nothing is issued
    r = c.post(f"/plans/{draft.pk}/issue/", {"symbol": ""}, follow=True)
    assert "Đơn vị chưa có ký hiệu văn bản" in r.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.number is None
    r = c.post(f"/plans/{draft.pk}/issue/", {"symbol": "cđ"}, follow=True)
    draft.refresh_from_db()
    assert draft.status == "issued" and draft.symbol == f"{draft.number}-KH/CĐ"
    assert draft.issued_on == tree["today"]
    assert Register.objects.get(unit=tree["branch"]).symbol == "CĐ"
    page = r.content.decode()
    assert f"{draft.number}-KH/CĐ" in page and 'id="issue-plan"' not in page
    history = page[page.index('id="plan-history"') :]
    for words in ("Tạo dự thảo", "Nhận chỉ tiêu cấp trên giao", "Ban hành"):
        assert words in history
    for code in ("plan.create", "plan.issue", "create", "submit", "save"):
        assert f"<strong>{code}</strong>" not in history
    # the next plan of the branch takes the register's symbol and the next number
    nxt = plans.create_plan(
        None,
        tree["branch"],
        title="Kế hoạch hai",
        issued_on=tree["today"],
        period_start=str(tree["today"].year),
        issue=True,
    )
    assert nxt.symbol == f"{draft.number + 1}-KH/CĐ"


def test_a_symbol_that_is_no_symbol_is_refused(tree):
    draft = plans.create_plan(
        None, tree["branch"], title="Thử", issued_on=tree["today"], period_start=str(tree["today"].year)
    )
    with pytest.raises(UserError) as e:
        plans.issue_plan(None, draft, symbol="CĐ A/1")
    assert e.value.field == "symbol" and "không hợp lệ" in e.value.message
    with pytest.raises(UserError):
        plans.issue_plan(None, draft)  # no register, no symbol
    draft.refresh_from_db()
    assert draft.status == "draft"
    plans.issue_plan(None, draft, symbol="CDSV")
    with pytest.raises(UserError) as e:
        plans.issue_plan(None, draft)
    assert "đã ban hành" in e.value.message


def test_a_union_carrying_out_a_plan_inherits_its_reporting_schedule(tree, unit):
    city = plans.create_plan(
        None,
        unit("HN"),
        title="Kế hoạch của Thành đoàn",
        issued_on=tree["today"] - timedelta(days=3),
        period_start=str(tree["today"].year),
    )
    t = plans.add_target(None, city, indicator="CAY_XANH", value="1000", period=str(tree["today"].year))
    plans.allocate(None, t, {tree["base"]: "100"})
    plans.add_obligation(
        None,
        city,
        title="Báo cáo tháng",
        due_rule="FREQ=MONTHLY;BYMONTHDAY=25;BYHOUR=17;BYMINUTE=0",
        indicators=["CAY_XANH"],
        applies_to="level",
        level="co_so",
    )
    plans.issue_plan(None, city)
    mine = plans.adopt_plan(None, city, tree["base"])
    obs = list(mine.obligations.all())
    assert [(o.title, o.due_rule) for o in obs] == [
        ("Báo cáo tháng", "FREQ=MONTHLY;BYMONTHDAY=25;BYHOUR=17;BYMINUTE=0")
    ]
    assert sorted(obs[0].assignments.values_list("unit__code", flat=True)) == ["LC-A", "LC-B"]


def test_a_schedule_added_to_a_draft_appears_on_the_draft_page(login, tree):
    c = login("lc.admin")
    draft = plans.create_plan(
        None,
        tree["base"],
        title="Dự thảo có mục",
        issued_on=tree["today"],
        period_start=str(tree["today"].year),
        sections=[{"heading": "Chỉ tiêu", "body": "@targets"}],
    )
    r = c.post(
        f"/plans/{draft.pk}/obligations/new/",
        {
            "title": "Báo cáo quý thử",
            "indicators": ["TN_LUOT"],
            "due_rule": "weekly",
            "weekday": "FR",
            "at": "12:00",
            "applies_to": "children",
        },
    )
    assert r.status_code in (204, 302), r.content.decode()[:2000]
    page = c.get(f"/plans/{draft.pk}/").content.decode()
    assert 'id="obligations"' in page and "Báo cáo quý thử" in page
    assert "Thêm chế độ báo cáo" in page[page.index('id="plan-history"') :]


def test_sub_units_owe_nothing_from_before_the_plan_was_issued(tree):
    today = tree["today"]
    plan = plans.create_plan(
        None, tree["base"], title="Ban hành hôm nay", issued_on=today, period_start=str(today.year)
    )
    plans.add_obligation(None, plan, title="Báo cáo tuần mới", due_rule=WEEKLY, indicators=["AP_NTM"])
    plans.issue_plan(None, plan, issued_on=today)
    due = [d for d in reports.due_for_unit(tree["branch"]) if d["plan_id"] == plan.pk]
    assert due and not [d for d in due if d["overdue"] and d["due_at"].date() < today]
    assert all(d["due_at"].astimezone(timezone.get_default_timezone()).date() >= today for d in due)


def test_creating_a_plan_on_the_web_leaves_the_new_plan_page(login):
    c = login("ct.admin")
    r = c.post(
        "/plans/new/",
        {
            "unit": "CT",
            "kind": "KH",
            "title": "Kế hoạch chuyển trang",
            "period_start": "2026",
            "issued_on": "15/03/2026",
            "signature": "TM. BAN THƯỜNG VỤ",
            "signer_title": "BÍ THƯ",
        },
    )
    plan = Plan.objects.get(title="Kế hoạch chuyển trang")
    assert r.status_code == 302 and r["Location"] == f"/plans/{plan.pk}/"
    page = c.get("/plans/new/?unit=CT").content.decode()
    assert 'hx-post="/plans/new/"' not in page  # a plain POST: the browser follows the redirect


def test_the_issue_date_moves_to_the_day_of_ban_hanh(tree):
    draft = plans.create_plan(
        None,
        tree["base"],
        title="Ngày",
        issued_on=date(tree["today"].year, 1, 2),
        period_start=str(tree["today"].year),
    )
    plans.issue_plan(None, draft, issued_on=tree["today"])
    draft.refresh_from_db()
    assert draft.issued_on == tree["today"] and draft.symbol.endswith("-KH/ĐTN")
