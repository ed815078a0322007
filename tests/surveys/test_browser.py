"""Done-when, in headless Chromium on a phone: Cần Thơ's admin builds a survey through the form,
two members of two branches and one visitor of the public link (no login) answer it, a second
answer is refused in Vietnamese, and the results page shows the charts, per unit too."""

from urllib.parse import urlparse

import pytest

from tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.donewhen, pytest.mark.django_db(transaction=True)]

PASSWORD = "doanso-demo"


@pytest.fixture
def site(transactional_db, live_server, settings, reseeded):
    from doanso.accounts.models import RoleKind, User
    from doanso.members.models import Member
    from doanso.org.models import Unit
    from tests.factories import UserFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    first = User.objects.get(username="doanvien.demo").member
    lo, hi = Unit.objects.get(code="CT").subtree_range
    other = (
        Member.objects.filter(branch__path__gte=lo, branch__path__lt=hi, status="active")
        .exclude(branch=first.branch)
        .order_by("id")
        .first()
    )
    UserFactory(
        unit=other.branch, username="doanvien2.demo", role=RoleKind.MEMBER, member=other, password=PASSWORD
    )
    return type("Site", (), {"url": live_server.url, "branches": (first.branch, other.branch)})


def _context(browser, site):
    ctx = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, base_url=site.url)
    ctx.set_default_timeout(45_000)
    ctx.set_default_navigation_timeout(60_000)
    return ctx


def _login(browser, site, username):
    page = _context(browser, site).new_page()
    log_in(page, username, PASSWORD)
    return page


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


def _answer(page, choice, level, text=""):
    page.get_by_label(choice).check()
    page.locator("#question-2").get_by_label(str(level), exact=True).check()
    if text:
        page.get_by_label("Góp ý", exact=True).fill(text)
    _fits(page)
    page.get_by_role("button", name="Gửi trả lời").click()
    page.get_by_text("Cảm ơn bạn đã trả lời khảo sát.").wait_for()


def test_a_survey_collects_answers_and_shows_charts(browser, site):
    admin = _login(browser, site, "ct.admin")
    admin.goto("/surveys/")
    admin.get_by_role("link", name="Tạo khảo sát").click()
    admin.get_by_label("Tên khảo sát").fill("Thanh niên và sân chơi cuối tuần")
    admin.get_by_label("Ngày mở").fill("01/11/2026")
    admin.get_by_label("Ngày đóng").fill("31/12/2026")
    admin.get_by_label("Đối tượng", exact=True).select_option("public")
    admin.get_by_label("Nội dung câu 1", exact=True).fill("Bạn biết chương trình qua đâu?")
    admin.get_by_label("Loại câu 1", exact=True).select_option("one")
    admin.get_by_label("Phương án câu 1", exact=True).fill("Fanpage\nChi đoàn\nBạn bè")
    admin.get_by_label("Nội dung câu 2", exact=True).fill("Mức độ hài lòng")
    admin.get_by_label("Loại câu 2", exact=True).select_option("scale")
    admin.get_by_label("Nội dung câu 3", exact=True).fill("Góp ý")
    admin.get_by_label("Loại câu 3", exact=True).select_option("long")
    _fits(admin)
    admin.get_by_role("button", name="Lưu khảo sát").click()
    admin.get_by_text("Đã tạo khảo sát").wait_for()
    link = urlparse(admin.locator("#public-link").get_attribute("href")).path
    results = urlparse(admin.url).path

    for username, choice, level in (("doanvien.demo", "Chi đoàn", 5), ("doanvien2.demo", "Fanpage", 4)):
        member = _login(browser, site, username)
        member.goto(link)
        _answer(member, choice, level)
    # the second member tries again: refused in Vietnamese, nothing added
    member.goto(link)
    member.get_by_label("Fanpage").check()
    member.get_by_role("button", name="Gửi trả lời").click()
    member.get_by_text("Bạn đã trả lời khảo sát này rồi; mỗi người chỉ trả lời một lần.").wait_for()

    visitor = _context(browser, site).new_page()
    visitor.goto(link)
    _answer(visitor, "Chi đoàn", 3, "Nên có thêm sân bóng")

    admin.goto(results)
    assert "3 người trả lời" in admin.locator("#responses").inner_text()
    q1 = admin.locator("#result-1")
    assert q1.locator("svg.survey-chart rect").count() == 3
    assert "2 (67%)" in q1.inner_text() and "1 (33%)" in q1.inner_text()
    assert "trung bình 4" in admin.locator("#result-2").inner_text()
    assert "Nên có thêm sân bóng" in admin.locator("#result-3").inner_text()
    per_unit = admin.locator("#per-unit")
    assert per_unit.locator("svg.survey-chart").count() == 1
    _fits(admin)
