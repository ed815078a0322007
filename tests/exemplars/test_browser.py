"""Done-when, in headless Chromium on a phone: a member self-assesses against the role-model criteria,
the branch confirms, the nomination climbs two levels (branch → commune → province) with evidence
links, the province honours it with its deciding document, and the exemplar's story appears in the
province's good-news calendar (outreach)."""

import pytest

from tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.donewhen, pytest.mark.django_db(transaction=True)]

PASSWORD = "doanso-demo"
YEAR = 2026


@pytest.fixture
def site(transactional_db, live_server, settings, reseeded):
    from doanso.accounts.models import User
    from tests.factories import UserFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    secretary = User.objects.get(username="chidoan.demo")
    branch = secretary.roles.get().unit
    UserFactory(unit=branch.parent, username="xa.demo", password=PASSWORD)
    member = User.objects.get(username="doanvien.demo").member
    return type(
        "Site", (), {"url": live_server.url, "branch": branch, "commune": branch.parent, "member": member}
    )


def _phone(browser, site):
    ctx = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, base_url=site.url)
    ctx.set_default_timeout(45_000)
    ctx.set_default_navigation_timeout(60_000)
    return ctx


def _login(browser, site, username):
    ctx = _phone(browser, site)
    page = ctx.new_page()
    log_in(page, username, PASSWORD)
    return page


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


def test_a_member_climbs_from_self_assessment_to_an_honour_and_a_good_news_story(browser, site):
    # the province sets its criterion under one of the 12 values
    ct = _login(browser, site, "ct.admin")
    ct.goto(f"/exemplars/units/CT/criteria/?year={YEAR}")
    ct.get_by_label("Giá trị").select_option("YEU_NUOC")
    ct.locator("#criterion-form").get_by_label("Nội dung tiêu chí").fill(
        "Tham gia ít nhất 2 hoạt động về nguồn"
    )
    ct.get_by_role("button", name="Thêm tiêu chí").click()
    ct.get_by_text("Đã thêm tiêu chí.").wait_for()

    # the member self-assesses on the phone and sends it to the branch
    me = _login(browser, site, "doanvien.demo")
    me.goto(f"/exemplars/me/?year={YEAR}")
    me.get_by_label("Đạt", exact=True).check()
    me.get_by_label("Liên kết minh chứng").fill("https://ct.doan.vn/ve-nguon")
    _fits(me)
    me.get_by_role("button", name="Gửi chi đoàn xác nhận").click()
    me.get_by_text("Đã gửi bản tự đánh giá cho chi đoàn xác nhận.").wait_for()
    assert "Chờ chi đoàn xác nhận" in me.locator("#status").inner_text()

    # the branch confirms, then proposes the member to the commune
    cd = _login(browser, site, "chidoan.demo")
    cd.goto(f"/exemplars/units/{site.branch.code}/confirmations/?year={YEAR}")
    _fits(cd)
    cd.get_by_role("button", name="Xác nhận").click()
    cd.get_by_text("Đã xác nhận bản tự đánh giá.").wait_for()
    cd.goto(f"/exemplars/units/{site.branch.code}/nominations/?year={YEAR}")
    cd.get_by_label("Đoàn viên (đã được chi đoàn xác nhận)").select_option(str(site.member.pk))
    cd.get_by_label("Thành tích, việc làm tiêu biểu").fill("Dẫn đội hiến máu 5 lần trong năm")
    cd.get_by_label("Liên kết minh chứng (mỗi dòng một liên kết)").fill("https://ct.doan.vn/hien-mau")
    cd.get_by_role("button", name="Gửi đề nghị").click()
    cd.get_by_text("Đã gửi đề nghị lên cấp trên.").wait_for()

    # level one: the commune sends it up to the province
    xa = _login(browser, site, "xa.demo")
    xa.goto(f"/exemplars/units/{site.commune.code}/nominations/?year={YEAR}")
    card = xa.locator(".nomination").first
    assert "Đang xét" in card.inner_text()
    card.get_by_label("Ý kiến khi đề nghị lên cấp trên").fill("Tiêu biểu của xã")
    card.get_by_role("button", name="Đề nghị lên cấp trên").click()
    xa.get_by_text("Đã đề nghị lên cấp trên.").wait_for()

    # level two: the province honours it with the deciding document
    ct.goto(f"/exemplars/units/CT/nominations/?year={YEAR}")
    card = ct.locator(".nomination").first
    card.get_by_text("Tuyên dương tại cấp này").click()
    card.get_by_label("Danh hiệu, nội dung tuyên dương").fill("Thanh niên tiên tiến làm theo lời Bác")
    card.get_by_label("Số quyết định").fill("125-QĐ/TĐTN")
    card.get_by_label("Ngày quyết định").fill("20/11/2026")
    card.get_by_role("button", name="Ghi nhận tuyên dương").click()
    ct.get_by_text("Đã ghi nhận quyết định tuyên dương.").wait_for()
    steps = ct.locator(".nomination").first.inner_text()
    assert "Đã tuyên dương" in steps and steps.count("Đề nghị") >= 2

    # the story goes to the good-news calendar
    ct.goto(f"/exemplars/units/CT/honours/?year={YEAR}")
    honour = ct.locator(".honour").first
    assert "125-QĐ/TĐTN" in honour.inner_text() and "20/11/2026" in honour.inner_text()
    honour.get_by_text("Kể câu chuyện của gương này").click()
    honour.get_by_label("Tiêu đề câu chuyện").fill("Người dẫn đội hiến máu")
    honour.get_by_label("Nội dung").fill("Năm lần hiến máu, một đội tình nguyện.")
    honour.get_by_label("Địa chỉ bài viết (nếu đã đăng)").fill("https://ct.doan.vn/cau-chuyen/hien-mau")
    honour.get_by_label("Ngày đăng").fill("25/11/2026")
    honour.get_by_role("button", name="Gửi vào lịch tin tốt").click()
    ct.get_by_text("Đã gửi câu chuyện vào lịch tin tốt.").wait_for()
    ct.goto("/outreach/CT/")
    posts = " ".join(ct.locator("#posts").inner_text().split())  # a table, or labelled cards on a phone
    assert "25/11/2026 Câu chuyện đẹp Người dẫn đội hiến máu" in posts
