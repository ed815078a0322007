"""Done-when, in headless Chromium on a phone: a commune's branches log a week of posts through the
quick form, the calendar shows which branch missed days, and a plan target on TIN_TOT moves on the
dashboard. SQLite run (the API parts run on both databases in the other test files)."""

from datetime import date

import pytest

from tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.donewhen, pytest.mark.django_db(transaction=True)]

PASSWORD = "doanso-demo"


@pytest.fixture
def site(transactional_db, live_server, settings, reseeded):
    from doanso.org.models import Unit
    from doanso.plans import api as plans
    from doanso.plans.models import Indicator

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }  # no previews fetched
    Indicator.objects.filter(code="TIN_TOT").update(source="mixed")
    commune = (
        Unit.objects.filter(parent__code="HCM", active=True, children__active=True).order_by("path").first()
    )
    branches = list(Unit.objects.filter(parent=commune, active=True).order_by("name", "pk")[:2])
    plan = plans.create_plan(
        None,
        Unit.objects.get(code="HCM"),
        title="Mỗi ngày một tin tốt 2026",
        issued_on=date(2026, 1, 5),
        period_start="2026",
        issue=True,
    )
    plans.add_target(None, plan, indicator="TIN_TOT", value=20, period="2026")
    return type("Site", (), {"url": live_server.url, "commune": commune, "branches": branches, "plan": plan})


def test_a_commune_logs_a_week_and_the_calendar_shows_who_missed_days(browser, site):
    ctx = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, base_url=site.url)
    ctx.set_default_timeout(15_000)
    page = ctx.new_page()
    log_in(page, "hcm.admin", PASSWORD)

    dashboard = f"/dashboard/{site.plan.pk}/HCM/?period=2026"
    page.goto(dashboard)
    actual = page.locator('tr[data-indicator="TIN_TOT"] td.actual')
    before = actual.inner_text().split()[0]

    full, partial = site.branches
    for branch, days in ((full, range(2, 9)), (partial, range(2, 5))):
        page.goto(f"/outreach/{branch.code}/")
        for d in days:
            page.get_by_label("Địa chỉ bài viết").fill(f"https://{branch.code.lower()}.doan.vn/tin-tot/{d}")
            page.get_by_label("Loại bài").select_option("tin_tot")
            page.get_by_label("Ngày đăng").fill(f"2026-03-0{d}")
            page.get_by_role("button", name="Ghi nhận").click()
            page.locator("#posts").get_by_text(f"tin-tot/{d}").wait_for()  # htmx redrew the list
    # a duplicate typed again is refused in Vietnamese, nothing added
    page.get_by_label("Địa chỉ bài viết").fill(
        f"HTTPS://{partial.code.lower()}.doan.vn/tin-tot/2/?utm_source=zalo"
    )
    page.get_by_role("button", name="Ghi nhận").click()
    page.get_by_text("đã được ghi nhận").first.wait_for()

    page.goto(f"/outreach/{site.commune.code}/compliance/?period=2026W10")
    full_row = page.locator(f'tr[data-unit="{full.code}"]')
    partial_row = page.locator(f'tr[data-unit="{partial.code}"]')
    assert "Không thiếu ngày nào" in full_row.inner_text()
    missing = partial_row.locator("td.missing .badge").all_inner_texts()
    assert missing == ["05/03", "06/03", "07/03", "08/03"]
    assert "Chưa đạt" in partial_row.inner_text()

    page.goto(dashboard)
    # the total first; a mixed indicator then shows its two parts ("10 theo dữ liệu hệ thống, …")
    after = page.locator('tr[data-indicator="TIN_TOT"] td.actual').inner_text().split()[0]
    assert before != after
    assert (
        int(after.replace(".", "")) == (0 if not before[:1].isdigit() else int(before.replace(".", ""))) + 10
    )
    ctx.close()
