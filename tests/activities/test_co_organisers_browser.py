"""In headless Chromium on a phone: the commune's secretary types part of a branch's name into the
activity form's co-organiser box, picks it from the results by name, saves, and the activity is
co-organised by that branch (its name on the detail page); a unit of another province is never
offered."""

from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-9"


@pytest.fixture
def site(transactional_db, live_server, reseeded):
    from doanso.org.models import Unit, UnitKind
    from tests.factories import BranchFactory, UnitFactory, UserFactory

    district = UnitFactory(kind=UnitKind.HUYEN, parent=Unit.objects.get(code="HCM"))
    commune = UnitFactory(kind=UnitKind.XA, parent=district)
    partner = BranchFactory(parent=commune, name="Chi đoàn Trường Tiểu học Hòa Bình")
    BranchFactory(parent=Unit.objects.get(code="HN"), name="Chi đoàn Trường Tiểu học Hòa Lạc")
    UserFactory(unit=commune, username="xa.phoihop", password=PASSWORD)
    return type("Site", (), {"url": live_server.url, "commune": commune, "partner": partner})


def _dt(hours: float) -> str:
    t = timezone.localtime(timezone.now() + timedelta(hours=hours))
    return f"{t:%d/%m/%Y %H:%M}"


def test_pick_a_co_organiser_by_name(browser, site):
    from playwright.sync_api import expect

    from doanso.activities.models import Activity

    ctx = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, base_url=site.url)
    ctx.set_default_timeout(60_000)
    page = ctx.new_page()
    log_in(page, "xa.phoihop", PASSWORD)

    page.goto(f"/activities/new/?unit={site.commune.code}")
    page.get_by_label("Tên hoạt động").fill("Ngày hội đọc sách")
    page.get_by_label("Bắt đầu").fill(_dt(24))
    page.get_by_label("Kết thúc").fill(_dt(27))
    search = page.get_by_label("Tìm đơn vị phối hợp theo tên")
    search.press_sequentially("tieu hoc hoa", delay=30)  # no accents: the search folds them
    results = page.locator("#co-organisers-results button.pick")
    expect(results).to_have_count(1)  # Hòa Lạc (Hà Nội) is outside the secretary's scope
    expect(results.first).to_contain_text("Chi đoàn Trường Tiểu học Hòa Bình")
    # Enter searches again and does not send the form; wait for that search's answer, or it could
    # land after the pick below and show the list again
    with page.expect_response(lambda r: "/units/search/" in r.url and r.request.method == "POST"):
        search.press("Enter")
    expect(results).to_have_count(1)
    assert urlparse(page.url).path == "/activities/new/"
    results.first.click()
    picked = page.locator("[data-picked=co_organisers] input[name=co_organisers]")
    expect(picked).to_have_count(1)
    expect(picked.first).to_be_checked()
    expect(page.locator("[data-picked=co_organisers]")).to_contain_text("Chi đoàn Trường Tiểu học Hòa Bình")
    expect(page.locator("#co-organisers-results button.pick")).to_have_count(0)
    page.locator("#activity-form").get_by_role("button", name="Lưu").click()
    page.wait_for_url(lambda url: urlparse(url).path.rstrip("/").split("/")[-1].isdigit())
    a = Activity.objects.get(title="Ngày hội đọc sách")
    assert list(a.organisers.values_list("unit", flat=True)) == [site.partner.pk]
    expect(page.locator("dl, main").first).to_contain_text("Chi đoàn Trường Tiểu học Hòa Bình (phối hợp)")
    ctx.close()
