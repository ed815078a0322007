"""The plans → dashboard → report flow in headless Chromium (Playwright). SQLite run only.

ct.admin opens the Sóc Trăng 2024 programme, sees its 19 targets, follows them on Cần Thơ's
dashboard and drills down to a child; a commune secretary files a weekly report through the
generated form, and Cần Thơ's dashboard number for 2026 changes.
"""

import types
from datetime import date
from pathlib import Path
from unittest import mock

import pytest

from tests.browser import log_in
from tests.conftest import docs_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "dashboard.png"
PASSWORD = "doanso-demo"


@pytest.fixture
def site(transactional_db, live_server):
    from doanso.accounts.models import Role, RoleKind, User
    from doanso.demo import plans as plans_demo
    from doanso.demo import seed as demo
    from doanso.org.models import Unit
    from doanso.plans import api as plans_api
    from doanso.plans.models import Plan

    if not Unit.objects.exists():
        with mock.patch.object(demo, "STEPS", [plans_demo.step]):
            demo.seed("tiny", log=lambda *a: None)
    elif not Plan.objects.filter(issuer__code="ST").exists():
        plans_demo.step(types.SimpleNamespace(log=lambda *a: None))
    ct = Unit.objects.get(code="CT")
    # Cần Thơ's own 2026 plan: weekly reports from today's communes.
    plan = plans_api.create_plan(
        None, ct, title="Công tác Đoàn năm 2026", issued_on=date(2026, 1, 5), period_start="2026", issue=True
    )
    t = plans_api.add_target(None, plan, indicator="TN_LUOT", value=50000, period="2026")
    communes = list(Unit.objects.filter(parent=ct, active=True).order_by("path"))
    plans_api.allocate_proportional(None, t, communes)
    plans_api.add_obligation(
        None,
        plan,
        title="Báo cáo tuần",
        due_rule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0",
        indicators=["TN_LUOT"],
    )
    commune = communes[0]
    user = User(username="xa.demo", email="xa.demo@demo.doanso.vn", first_name="Bí thư xã")
    user.set_password(PASSWORD)
    user.save()
    Role.objects.create(user=user, unit=commune, role=RoleKind.ADMIN)
    return types.SimpleNamespace(url=live_server.url, plan=plan, commune=commune)


def _page(browser, site):
    ctx = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}, base_url=site.url)
    ctx.set_default_timeout(15_000)
    return ctx, ctx.new_page()


def test_programme_dashboard_drill_down_and_report(browser, site):
    from playwright.sync_api import expect

    ctx, page = _page(browser, site)
    log_in(page, "ct.admin", PASSWORD)
    page.goto("/plans/?unit=CT")
    page.get_by_role("link", name="Công tác đoàn và phong trào thanh thiếu nhi năm 2024").click()
    expect(page.locator("h1")).to_contain_text("Chương trình Công tác đoàn")
    expect(page.locator("table.targets tbody tr")).to_have_count(19)
    # statuses arrive by htmx, seen from Cần Thơ (Sóc Trăng's successor)
    expect(page.locator("table.targets .st").first).to_be_visible()
    expect(page.get_by_role("link", name="Tải .docx")).to_be_visible()

    page.get_by_role("link", name="Bảng theo dõi chỉ tiêu").click()
    page.wait_for_url("**/dashboard/**/CT/")
    expect(page.locator("h1")).to_have_text("Thành đoàn Cần Thơ — Năm 2024")
    row = page.locator('table.dash-targets tr[data-indicator="TN_LUOT"]')
    expect(row.locator("td.target")).to_have_text("85.000")
    assert row.locator("td.actual").inner_text() not in ("", "—", "Chưa có số liệu")
    # choose the volunteers indicator, then drill into a district of 2024 (now merged)
    row.get_by_role("link").click()
    children = page.locator("table.dash-children")
    district = children.locator('tbody[data-unit="ST-H01"]')
    expect(district).to_be_visible()
    district.get_by_role("button").click()
    expect(children.locator('tbody[data-parent="ST-H01"]').first).to_be_visible()
    expect(page.locator("svg.chart rect.b")).to_have_count(12)
    expect(page.locator("svg.chart line.target-line")).to_have_count(1)
    docs_screenshot(page, SCREENSHOT, full_page=True)

    page.goto(f"/dashboard/{site.plan.pk}/CT/")
    before = page.locator('table.dash-targets tr[data-indicator="TN_LUOT"] td.actual').inner_text()
    assert before == "Chưa có số liệu"  # said in words, not a dash

    xa_ctx, xa = _page(browser, site)
    log_in(xa, "xa.demo", PASSWORD)
    xa.goto(f"/reports/units/{site.commune.code}/due/")
    xa.get_by_role("button", name="Lập báo cáo").first.click()
    xa.wait_for_url("**/reports/*/")
    xa.get_by_label("Lượt đoàn viên, thanh niên tham gia hoạt động tình nguyện").fill("abc")
    xa.get_by_role("button", name="Nộp báo cáo").click()
    expect(xa.locator(".msg.error")).to_contain_text("không phải là số")
    xa.locator('input[name="v_TN_LUOT"]').fill("1234")
    xa.get_by_role("button", name="Nộp báo cáo").click()
    expect(xa.locator("#report-status")).to_have_text("Đã nộp")
    xa_ctx.close()

    page.reload()
    expect(page.locator('table.dash-targets tr[data-indicator="TN_LUOT"] td.actual')).to_have_text("1.234")
    ctx.close()
