"""Done-when (issue 14 item 3), in headless Chromium on a phone: the organiser opens the offline
check-in page online, loses the network, reloads it from the service worker, enters three e-card codes
(one valid, one forged, the valid one again), gets the network back and the queue syncs through the
check-in API: one lượt counted, the forged one shown refused with its reason, the repeat refused by the
server in Vietnamese; sending everything again counts nothing more."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.donewhen, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-9"


@pytest.fixture
def site(transactional_db, live_server, reseeded):
    from doanso.activities import services
    from doanso.org.models import Unit, UnitKind
    from tests.factories import BranchFactory, MemberFactory, UnitFactory, UserFactory

    hcm = Unit.objects.get(code="HCM")
    district = UnitFactory(kind=UnitKind.HUYEN, parent=hcm)
    commune = UnitFactory(kind=UnitKind.XA, parent=district)
    branch = BranchFactory(parent=commune)
    members = [MemberFactory(branch=branch) for _ in range(3)]
    admin = UserFactory(unit=commune, username="xa.offline", password=PASSWORD)
    now = timezone.now()
    activity = services.create_activity(
        admin,
        unit=commune,
        fields=services.ActivityFields(
            title="Ngày chủ nhật xanh",
            type_code="tinh_nguyen",
            start=now - timedelta(hours=1),
            end=now + timedelta(hours=3),
        ),
    )
    return type("Site", (), {"url": live_server.url, "activity": activity, "members": members})


def _settled(page):
    from playwright.sync_api import expect

    expect(page.locator("#scans li[data-state=queued]")).to_have_count(0)


def test_offline_scans_sync_once_and_show_what_was_refused(browser, site):
    from playwright.sync_api import expect

    from doanso.activities.models import Activity, Participation
    from doanso.members.card import payload

    a, members = site.activity, site.members
    good = payload(members[0].pk, members[0].card_number)
    other = payload(members[1].pk, members[1].card_number)
    forged = other.replace(f":{members[1].pk}:", f":{members[2].pk}:")  # another member's id, same signature

    ctx = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, base_url=site.url)
    ctx.set_default_timeout(60_000)  # a loaded machine (shared CI) serves the live server slowly
    page = ctx.new_page()
    log_in(page, "xa.offline", PASSWORD)

    url = f"/activities/{a.pk}/offline/"
    page.goto(url)
    page.locator("#checkin[data-ready='1']").wait_for()
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)").endswith(url)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    assert "3 đoàn viên" in page.locator("#list-state").inner_text()

    ctx.set_offline(True)
    page.reload()  # served by the service worker: the page, its scripts and the signed list
    page.locator("#checkin[data-ready='1']").wait_for()
    assert "Mất mạng" in page.locator("#net").inner_text()
    assert "3 đoàn viên" in page.locator("#list-state").inner_text()
    for code in (good, forged, good):
        page.get_by_label("Hoặc nhập / dán mã thẻ").fill(code)
        page.get_by_role("button", name="Ghi nhận").click()
    expect(page.locator("#scans li")).to_have_count(3)
    assert page.locator("#scans li[data-state=queued]").count() == 2
    refused = page.locator("#scans li[data-state=rejected]")
    assert refused.count() == 1
    assert "chữ ký không đúng" in refused.inner_text()  # checked in the page, never sent
    assert Participation.objects.filter(activity=a).count() == 0
    scanned_before = timezone.now()

    ctx.set_offline(False)  # the page syncs by itself when the network comes back
    _settled(page)
    assert Participation.objects.filter(activity=a).count() == 1
    p = Participation.objects.get(activity=a)
    assert p.member_id == members[0].pk and p.method == "staff" and p.nonce.startswith("off-")
    assert p.at <= scanned_before  # the time of the scan, not of the upload
    assert Activity.objects.get(pk=a.pk).participations_count == 1
    assert page.locator("#scans li[data-state=accepted]").count() == 1
    refused = page.locator("#scans li[data-state=rejected]")
    assert refused.count() == 2
    texts = " | ".join(refused.all_inner_texts())
    assert "chữ ký không đúng" in texts
    assert "đã điểm danh hoạt động này rồi" in texts  # the server's own message for the repeat
    assert "Chờ gửi: 0 · Đã ghi nhận: 1 · Bị từ chối: 2" in page.locator("#summary").inner_text()

    page.get_by_role("button", name="Gửi lại tất cả").click()  # the same nonces again
    # the server answers the known nonce with the first check-in (200), shown as already recorded
    expect(page.locator("#scans li[data-state=accepted]")).to_contain_text("không tính thêm lượt")
    _settled(page)
    assert Participation.objects.filter(activity=a).count() == 1
    assert Activity.objects.get(pk=a.pk).participations_count == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    ctx.close()
