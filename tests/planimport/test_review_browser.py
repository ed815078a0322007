"""The review screen in headless Chromium (Playwright): upload, highlights, delete, map, accept."""

import os
from pathlib import Path

import pytest

from tests.conftest import docs_screenshot

from ._helpers import SEEDS, THUYNGUYEN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "planimport-review.png"


@pytest.fixture
def site(transactional_db, live_server):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    from doanso.org.models import Unit
    from doanso.plans.catalogue import INDICATORS
    from doanso.plans.models import Indicator

    # transactional tests flush the database, data migrations included: restore the catalogue
    for code, name, uom, agg, source in INDICATORS:
        Indicator.objects.update_or_create(
            code=code, defaults={"name": name, "unit_of_measure": uom, "aggregation": agg, "source": source}
        )
    if not Unit.objects.exists():
        from doanso.demo.seed import seed

        seed("tiny", log=lambda *a: None)
    return live_server.url


@pytest.fixture
def page(site, browser):
    ctx = browser.new_context(locale="vi-VN", viewport={"width": 1440, "height": 900}, base_url=site)
    ctx.set_default_timeout(15_000)
    yield ctx.new_page()
    ctx.close()


def test_upload_review_and_accept(page):
    from playwright.sync_api import expect

    from doanso.planimport.models import PlanDraft
    from doanso.plans.models import Target

    page.goto("/login/")
    page.get_by_label("Tên đăng nhập, e-mail hoặc số điện thoại").fill("ct.admin")
    page.get_by_label("Mật khẩu").fill("doanso-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/")

    page.goto("/plan-import/")
    page.get_by_label("Đơn vị thực hiện").select_option("CT")
    page.get_by_label("Tệp văn bản").set_input_files(str(SEEDS / THUYNGUYEN))
    page.get_by_role("button", name="Tải lên và đọc").click()
    page.wait_for_url("**/plan-import/*/")
    expect(page.locator("h1")).to_have_text("Tháng Thanh niên năm 2023")

    draft = PlanDraft.objects.get()
    targets = draft.reviewed["targets"]
    assert len(targets) == 2
    first, second = targets
    # every item is highlighted on its source line
    for it in targets + draft.reviewed["deadlines"][:3] + draft.reviewed["recurring"]:
        expect(page.locator(f"#L{it['line']}.hit mark[data-item~='{it['id']}']")).to_be_visible()
    expect(page.locator("#source mark.k-targets").first).to_be_visible()
    expect(page.locator("#source mark.k-recurring").first).to_be_visible()

    # clicking an item's line link scrolls the source there
    page.locator(f"#item-{second['id']} a.goto").click()
    expect(page.locator(f"#L{second['line']}")).to_be_in_viewport()

    # delete the first target: its item and its highlight go away
    page.locator(f"#item-{first['id']}").get_by_role("button", name="Xoá").click()
    expect(page.locator(f"#item-{first['id']}")).to_have_count(0)
    expect(page.locator(f"#source mark[data-item~='{first['id']}']")).to_have_count(0)

    # map the other one to an indicator (fuzzy suggestions are offered in the list)
    select = page.locator(f"#ind-{second['id']}")
    expect(select.locator("optgroup[label='Gợi ý'] option").first).to_be_attached()
    select.select_option("TAP_HOP_TN")
    mapped = page.locator(f"#item-{second['id']} .mapped")
    expect(mapped).to_contain_text("Tỷ lệ đoàn kết, tập hợp thanh niên")
    expect(page.locator("#problems")).not_to_contain_text("chưa gắn chỉ số")

    page.locator(f"#item-{second['id']} a.goto").click()
    page.wait_for_timeout(600)
    page.evaluate("window.scrollTo(0, 0)")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    docs_screenshot(page, SCREENSHOT, full_page=False)

    page.get_by_role("button", name="Nhận thành kế hoạch").click()
    page.wait_for_load_state()
    expect(page.locator("body")).to_contain_text("Đã tạo kế hoạch")
    # the plan's targets appear on its dashboard
    expect(page.locator("body")).to_contain_text("Tỷ lệ đoàn kết, tập hợp thanh niên")
    draft.refresh_from_db()
    assert draft.status == "accepted"
    assert list(Target.objects.filter(plan=draft.plan).values_list("indicator__code", "value")) == [
        ("TAP_HOP_TN", 100)
    ]
