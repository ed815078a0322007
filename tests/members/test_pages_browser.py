"""Editing a member record in headless Chromium: save, then a stale second tab gets the conflict message."""

import pytest

from tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(transactional_db, live_server, reseeded):
    return live_server.url


@pytest.fixture
def context(site, browser):
    ctx = browser.new_context(locale="vi-VN", base_url=site)
    ctx.set_default_timeout(15_000)
    yield ctx
    ctx.close()


def test_edit_a_record_and_meet_a_concurrent_edit(context):
    from playwright.sync_api import expect

    from doanso.demo.seed import DEMO_PASSWORD
    from doanso.members.models import Member

    m = Member.objects.filter(branch__code__startswith="HN-", status="active").order_by("id").first()
    page = context.new_page()
    log_in(page, "hn.admin", DEMO_PASSWORD)

    page.goto(f"/members/units/{m.branch.code}/")
    page.locator(f'a[href="/members/records/{m.pk}/"]:visible').click()
    expect(page.get_by_role("heading", level=1)).to_have_text(m.full_name)
    page.get_by_role("link", name="Sửa hồ sơ").click()

    other = context.new_page()  # a second tab opens the same form before the first one saves
    other.goto(f"/members/records/{m.pk}/edit/")

    page.get_by_label("Địa chỉ").fill("Số 5 Lý Thái Tổ, Hoàn Kiếm")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".msg.success")).to_have_text("Đã lưu hồ sơ đoàn viên.")
    expect(page.locator(".facts")).to_contain_text("Số 5 Lý Thái Tổ, Hoàn Kiếm")

    other.get_by_label("Số điện thoại").fill("0911222333")
    other.get_by_role("button", name="Lưu").click()
    expect(other.locator("#conflict")).to_contain_text(
        "Hồ sơ đã được người khác sửa; hãy tải lại trang trước khi lưu."
    )
    expect(other.locator("#conflict")).to_contain_text("Số 5 Lý Thái Tổ, Hoàn Kiếm")
    m.refresh_from_db()
    assert (m.address, m.phone == "0911222333") == ("Số 5 Lý Thái Tổ, Hoàn Kiếm", False)

    other.get_by_role("link", name="Tải lại bản mới nhất").click()
    other.get_by_label("Số điện thoại").fill("0911222333")
    other.get_by_role("button", name="Lưu").click()
    expect(other.locator(".msg.success")).to_have_text("Đã lưu hồ sơ đoàn viên.")
    m.refresh_from_db()
    assert (m.address, m.phone) == ("Số 5 Lý Thái Tổ, Hoàn Kiếm", "0911222333")
