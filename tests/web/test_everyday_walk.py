"""A branch secretary's week and a member's visit in headless Chromium, on a phone (390×844) and
on a desktop: open the home, submit a late report, rate members, accept a transfer, record dues;
a member opens their home and record. axe-core checks every page (no serious or critical
violation) and each step leaves a small screenshot in docs/screenshots/. SQLite run only.

Written against the demo as it is: when the demo gives the branch no late report or no transfer
to accept, the fixture adds one (a plan of the commune with weekly reports since January, a
member of another branch asking to move in), so the walk always does every step.
"""

from __future__ import annotations

import types
from datetime import date
from pathlib import Path

import pytest

from tests.browser import log_in
from tests.conftest import docs_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSWORD = "doanso-demo"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 860}}
WORST = ("serious", "critical")


@pytest.fixture
def site(transactional_db, live_server, reseeded):
    from doanso.accounts.models import User
    from doanso.members.actions.transfers import request_transfer
    from doanso.members.models import Member, Transfer
    from doanso.plans import api as plans_api
    from doanso.reports import queries

    _restore_migration_rows()
    secretary = User.objects.get(username="chidoan.demo")
    branch = secretary.roles.first().unit
    if not any(i.get("overdue") for i in queries.due_for_unit(branch)):
        commune = branch.parent
        plan = plans_api.create_plan(
            None,
            commune,
            title="Công tác Đoàn năm 2026",
            issued_on=date(2026, 1, 5),
            period_start="2026",
            issue=True,
        )
        plans_api.add_target(None, plan, indicator="TN_LUOT", value=500, period="2026")
        plans_api.add_obligation(
            None,
            plan,
            title="Báo cáo tuần",
            due_rule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0",
            indicators=["TN_LUOT"],
        )
    if not Transfer.objects.filter(to_branch=branch, status="pending").exists():
        mover = Member.objects.filter(status="active").exclude(branch=branch).order_by("id").first()
        admin = User.objects.get(username="tw.admin")
        request_transfer(admin, mover, branch, reason="Chuyển nơi làm việc")
    return types.SimpleNamespace(url=live_server.url, branch=branch)


def _restore_migration_rows() -> None:
    """Rows that data migrations wrote (the đoàn phí rules and rates), gone when an earlier
    transactional test flushed the database: written again as the migrations leave them."""
    import importlib

    from doanso.members.models import DuesRate, DuesRule

    m5 = importlib.import_module("doanso.members.migrations.0005_dues_rules")
    m3 = importlib.import_module("doanso.members.migrations.0003_fill_years_dues_rates")
    if not DuesRate.objects.exists():
        DuesRate.objects.bulk_create(
            DuesRate(category=c, monthly_amount=a, valid_from=m5.SINCE, source=m5.RATES_2011)
            for c, a, _keep in m3.RATES
        )
    if not DuesRule.objects.exists():
        DuesRule.objects.create(
            valid_from=m5.SINCE,
            keep_numerator=2,
            keep_denominator=3,
            max_excused_months=6,
            branch_remit_months=1,
            grassroots_remit_months=3,
            province_remits_per_year="1–2",
            province_remit_deadline="30/12",
            source=m5.GUIDANCE,
            source_url=m5.GUIDANCE_URL,
        )


def new_page(browser, site, size: str):
    ctx = browser.new_context(locale="vi-VN", viewport=SIZES[size], base_url=site.url)
    ctx.set_default_timeout(15_000)
    return ctx, ctx.new_page()


def check(page, name: str, size: str, seen: dict) -> None:
    """axe-core on the page (no serious or critical violation), a screenshot, the header height."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in WORST
    ]
    assert bad == [], f"{name} ({size}): {bad}"
    header = page.locator("header.top").bounding_box()
    if size == "phone":
        assert header["height"] <= 64, f"{name}: the phone header is {header['height']} px"
        assert page.locator("nav.bottom-nav").is_visible()
    seen[f"{name}-{size}"] = page.evaluate("document.documentElement.scrollHeight")
    docs_screenshot(page, SHOTS / f"{name}-{size}.png")


def go(page, size: str, label: str) -> None:
    """Follow a menu item as a person would: on a phone the bottom bar, or "Thêm" and the item on the
    page it opens; on a desktop the top menu, opening the item's group first when it has one."""
    if size == "phone":
        bar = page.locator("nav.bottom-nav")
        if bar.get_by_role("link", name=label, exact=True).count() == 0:
            bar.get_by_role("link", name="Thêm").click()
            page.wait_for_load_state()
            page.locator("main").get_by_role("link", name=label, exact=True).click()
        else:
            bar.get_by_role("link", name=label, exact=True).click()
    else:
        link = page.locator("nav.nav").get_by_role("link", name=label, exact=True)
        if not link.is_visible():
            # a closed group's links are hidden, so out of the accessibility tree: found by their text
            item = page.locator(f'a:text-is("{label}")')
            page.locator("nav.nav details.menu-group", has=item).locator("summary").click()
        link.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_branch_secretary_week(browser, site, size):
    from playwright.sync_api import expect

    seen: dict[str, int] = {}
    ctx, page = new_page(browser, site, size)
    log_in(page, "chidoan.demo", PASSWORD)
    check(page, "secretary-home", size, seen)
    # the skip link is the first stop of the keyboard and leads to the content
    page.keyboard.press("Tab")
    expect(page.locator("a.skip")).to_be_focused()

    # submit a late report
    go(page, size, "Báo cáo")
    expect(page.locator("h1")).to_contain_text("Báo cáo phải nộp")
    check(page, "secretary-reports-due", size, seen)
    late = page.locator("tr.overdue").first
    expect(late).to_be_visible()
    late.get_by_role("button").click()
    page.wait_for_url("**/reports/*/")
    for box in page.locator("form.report-form input[inputmode=decimal]").all():
        if not box.input_value():
            box.fill("12")
    assert page.locator("input[inputmode=decimal]").count() >= 1  # the numeric keypad on phones
    page.get_by_label("Nội dung báo cáo").fill("Chi đoàn đã tổ chức sinh hoạt chủ điểm.")
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.locator("#report-status")).not_to_contain_text("Nháp")
    expect(page.locator("section.card").last).to_contain_text("Nộp báo cáo")  # the history, in words
    check(page, "secretary-report", size, seen)

    # rate members
    go(page, size, "Đoàn viên")
    check(page, "secretary-members", size, seen)
    page.get_by_role("link", name="Xếp loại đoàn viên").click()
    page.wait_for_load_state()
    rows = page.locator("table.ratings tbody tr")

    def rate(skip: str = "") -> None:
        for i in range(rows.count()):
            row = rows.nth(i)
            left_out = skip and row.locator("td").first.inner_text().strip() in skip
            row.locator("select").select_option(index=0 if left_out else 2)  # "Hoàn thành tốt nhiệm vụ"
            row.locator("input[name^=note_]").fill("Chi đoàn nhất trí")
        page.get_by_role("button", name="Lưu", exact=True).click()
        page.wait_for_load_state()

    if page.locator("select[name^=level_]:not([disabled])").count():
        rate()
        if page.locator(".msg.error").count():  # members too new to be rated this year are left out
            rate(skip=page.locator(".msg.error").inner_text())
        expect(page.locator(".msg.error")).to_have_count(0)
        expect(page.locator(".msg.success")).to_be_visible()
    check(page, "secretary-ratings", size, seen)

    # accept a transfer
    go(page, size, "Chuyển sinh hoạt")
    incoming = page.locator("#incoming tbody tr")
    before = page.locator("#incoming").get_by_role("button", name="Tiếp nhận").count()
    assert before >= 1
    check(page, "secretary-transfers", size, seen)
    page.locator("#incoming").get_by_role("button", name="Tiếp nhận").first.click()
    page.wait_for_load_state()
    expect(page.locator(".msg.success")).to_be_visible()
    assert page.locator("#incoming").get_by_role("button", name="Tiếp nhận").count() == before - 1
    assert incoming.count() >= 1

    # record dues: select all with one tap, then record
    page.goto(f"/members/units/{site.branch.code}/dues/")
    check(page, "secretary-dues", size, seen)
    boxes = page.locator("input[name=member_ids]")
    if boxes.count():
        page.get_by_label("Chọn tất cả").check()
        assert all(b.is_checked() for b in boxes.all())
        page.get_by_role("button", name="Ghi nhận đã nộp").click()
        page.wait_for_load_state()
        expect(page.locator(".msg.success")).to_contain_text("Đã ghi nhận")
    ctx.close()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_member_visit(browser, site, size):
    from playwright.sync_api import expect

    seen: dict[str, int] = {}
    ctx, page = new_page(browser, site, size)
    log_in(page, "doanvien.demo", PASSWORD)
    menu = page.locator("nav.bottom-nav" if size == "phone" else "nav.nav").get_by_role("link")
    assert menu.all_inner_texts() and not any("Tài khoản" in t or "Nhập" in t for t in menu.all_inner_texts())
    expect(page.locator("body")).not_to_contain_text("chưa được giao đơn vị")
    check(page, "member-home", size, seen)
    go(page, size, "Hồ sơ của tôi" if size == "desktop" else "Hồ sơ")
    expect(page.locator("h1")).to_be_visible()
    check(page, "member-record", size, seen)
    ctx.close()


def test_fifty_one_members_fit_a_phone(browser, site):
    """The issue measured 8,771 px for 51 members on a 390×844 phone (six unlabelled lines each)."""
    from doanso.members.models import Member
    from tests.factories import MemberFactory

    branch = site.branch
    for _ in range(max(0, 51 - Member.objects.filter(branch=branch).count())):
        MemberFactory(branch=branch)
    ctx, page = new_page(browser, site, "phone")
    log_in(page, "chidoan.demo", PASSWORD)
    page.goto(f"/members/units/{branch.code}/")
    cards = page.locator("ul.member-cards > li")
    assert cards.count() >= 50  # a page of the list (50 a page), the pager below it
    total = int(page.locator("#total").inner_text().split()[0].replace(".", ""))
    assert total >= 51
    assert page.locator("table.member-table").is_hidden()
    first = cards.first.inner_text()
    assert "Ngày sinh" in first and "Trạng thái" in first  # labelled
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"51-member list on 390×844: {height} px (was 8771)")
    assert height < 8771 / 2
    docs_screenshot(page, SHOTS / "members-51-phone.png")
    ctx.close()


def test_schedule_form_asks_only_what_the_rule_needs(browser, site):
    """The reporting-schedule form in the browser: ui.js hides the fields the chosen rule does not
    need and filters the indicator list as one types (accents not needed)."""
    from playwright.sync_api import expect

    from doanso.plans import api as plans_api

    plan = plans_api.create_plan(
        None,
        site.branch,
        title="Kế hoạch của chi đoàn năm 2026",
        issued_on=date(2026, 1, 10),
        period_start="2026",
    )
    ctx, page = new_page(browser, site, "desktop")
    log_in(page, "chidoan.demo", PASSWORD)
    page.goto(f"/plans/{plan.pk}/obligations/new/")
    weekday, day = page.get_by_label("Thứ (báo cáo tuần)"), page.get_by_label("Ngày hạn")
    expect(weekday).to_be_visible()
    expect(day).to_be_hidden()
    page.get_by_label("Hằng tháng").check()
    expect(day).to_be_visible()
    expect(weekday).to_be_hidden()
    expect(page.locator('[data-show-when="applies_to=chosen"]')).to_be_hidden()
    page.get_by_label("Các đơn vị được chọn", exact=True).first.check()
    expect(page.locator('[data-show-when="applies_to=chosen"]')).to_be_visible()
    items = page.locator("#indicator-list [data-filter-text]")
    before = items.count()
    page.get_by_label("Tìm chỉ số").fill("luot")
    visible = [i for i in items.all() if i.is_visible()]
    assert 0 < len(visible) < before
    ctx.close()
