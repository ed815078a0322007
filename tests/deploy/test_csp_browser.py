"""Under the Content Security Policy, in Chromium: htmx pages and Swagger UI work, nothing is blocked."""

from unittest import mock
from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser, transactional_db, live_server):
    from doanso.demo import seed as demo
    from doanso.org.models import Unit

    if not Unit.objects.exists():  # the session's seed is still there until the first flush
        with mock.patch.object(demo, "STEPS", []):
            demo.seed("tiny", log=lambda *a: None)
    ctx = browser.new_context(locale="vi-VN", base_url=live_server.url)
    ctx.set_default_timeout(10_000)
    p = ctx.new_page()
    p.blocked = []
    p.on("console", lambda m: "Content Security Policy" in m.text and p.blocked.append(m.text))
    p.on("request", lambda r: urlparse(r.url).hostname not in ("localhost", None) and p.blocked.append(r.url))
    yield p
    ctx.close()


def test_swagger_ui_renders_from_local_files(page):
    from playwright.sync_api import expect

    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title").first).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.blocked == []


def test_tree_page_with_htmx_has_no_blocked_script(page):
    from playwright.sync_api import expect

    from doanso.demo.seed import DEMO_PASSWORD

    page.goto("/login/")
    page.get_by_label("Tên đăng nhập, e-mail hoặc số điện thoại").fill("hn.admin")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: urlparse(url).path == "/")
    page.goto("/units/HN/")
    first = page.locator("ul.tree > li.node").first
    first.locator("button.toggle").click()
    expect(first.locator(".kids li.node").first).to_be_visible()
    assert page.blocked == []
