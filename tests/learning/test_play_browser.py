"""A non-member takes a round on a 390×844 phone page in Chromium: sign-up, the countdown ticking
from the server's deadline (static script, CSP-safe), answers, the result and the leaderboard."""

from datetime import timedelta

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def public_contest(transactional_db):
    from django.utils import timezone

    from doanso.learning import contests
    from tests.factories import UnitFactory

    unit = UnitFactory(code="BRW", name="Tỉnh đoàn Thử", kind="tinh")
    qs = [{"text": f"Câu {i}?", "options": [f"Đúng {i}", f"Sai {i}"], "answer": 0} for i in range(3)]
    c = contests.create_contest(
        unit=unit, title="Cuộc thi trên điện thoại", questions_per_round=3, questions=qs, allow_public=True
    )
    now = timezone.now()
    contests.add_round(c, now - timedelta(minutes=5), now + timedelta(hours=1))
    return c


def test_guest_takes_a_round_on_a_phone(browser, live_server, public_contest):
    ctx = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}, base_url=live_server.url
    )
    page = ctx.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"/learning/contests/{public_contest.pk}/")
    page.get_by_label("Họ và tên").fill("Nguyễn Khách")
    page.get_by_label("Số điện thoại").fill("0909123456")
    page.get_by_role("button", name="Đăng ký").click()
    page.get_by_role("link", name="Vào thi").click()
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    countdown = page.locator("#countdown strong")
    countdown.wait_for()
    page.wait_for_function("document.querySelector('#countdown strong').textContent !== '--:--'")
    first = countdown.text_content()
    assert first.startswith(("09:", "10:"))  # 600 s allowed
    for label in page.locator("label.choice").all():
        if label.text_content().strip().startswith("Đúng"):
            label.click()
    page.get_by_role("button", name="Nộp bài").click()
    page.get_by_text("Đúng 3/3 câu").wait_for()
    page.get_by_role("link", name="Xem bảng xếp hạng").click()
    assert page.locator("#ranking").get_by_text("Nguyễn Khách").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not [e for e in errors if "Content Security Policy" in e]
    ctx.close()
