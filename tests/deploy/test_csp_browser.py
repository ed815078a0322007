"""Under the Content Security Policy, in Chromium: htmx pages and Swagger UI work, nothing is blocked."""

from unittest import mock
from urllib.parse import urlparse

import pytest

from tests.browser import log_in

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
    # the 180-operation schema takes its time on a loaded machine
    expect(page.locator(".swagger-ui .info .title").first).to_be_visible(timeout=30_000)
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.blocked == []


def test_tree_page_with_htmx_has_no_blocked_script(page):
    from playwright.sync_api import expect

    from doanso.demo.seed import DEMO_PASSWORD

    log_in(page, "hn.admin", DEMO_PASSWORD)
    page.goto("/units/HN/")
    first = page.locator("ul.tree > li.node").first
    first.locator("button.toggle").click()
    expect(first.locator(".kids li.node").first).to_be_visible()
    assert page.blocked == []


def _login(page, username="hn.admin"):
    from doanso.demo.seed import DEMO_PASSWORD

    log_in(page, username, DEMO_PASSWORD)


def test_style_src_has_no_unsafe_inline_and_htmx_search_posts(page):
    """Issue 12: no inline style is allowed (htmx's indicator <style> is turned off) and the
    nominations candidate search runs under that policy, by POST, with nothing in the URL."""
    from playwright.sync_api import expect

    sent = []
    page.on("request", lambda r: "/nominations/" in r.url and sent.append((r.method, r.url, r.post_data)))
    _login(page)
    response = page.goto("/members/units/HN/nominations/")
    policy = response.headers["content-security-policy"]
    assert "style-src 'self'" in policy and "unsafe-inline" not in policy
    rows = page.locator("#candidates tbody tr td:first-child a")
    expect(rows.first).to_be_visible()
    name = rows.last.inner_text()
    with page.expect_response(lambda r: "part=candidates" in r.url) as answer:
        page.locator("#candidate-q").fill(name)
    request = answer.value.request
    assert answer.value.status == 200 and request.method == "POST"
    assert "q=" in (request.post_data or "") and "q=" not in request.url
    expect(rows.first).to_have_text(name)
    assert not any("q=" in url for _, url, _ in sent), sent
    assert page.blocked == []


def test_import_errors_are_laid_out_by_classes_under_the_policy(page):
    """The import result's table and message took style="" attributes; they now take app.css
    classes, which the strict policy lets through (an inline style would be refused and logged)."""
    from playwright.sync_api import expect

    from doanso.accounts.models import User
    from doanso.members.models import ImportStatus, MemberImport
    from doanso.org.models import Unit

    long = "không có chi đoàn mã “" + "X" * 300 + "”"
    rec = MemberImport.objects.create(
        created_by=User.objects.get(username="hn.admin"),
        unit=Unit.objects.get(code="HN"),
        file_name="doan-vien.xlsx",
        mode="valid",
        status=ImportStatus.DONE,
        rejected=1,
        message=f"Đã nhập 0 đoàn viên.\nDòng 8, cột “Mã chi đoàn”: {long}",
    )
    _login(page)
    page.goto(f"/members/imports/{rec.pk}/")
    table = page.locator("#import-errors")
    expect(table.locator("tbody tr")).to_have_count(1)
    assert table.evaluate("e => getComputedStyle(e).tableLayout") == "fixed"
    assert table.locator("col").first.evaluate("e => getComputedStyle(e).width") == "80px"  # 5rem
    cell = table.locator("tbody td").nth(2)
    assert cell.evaluate("e => getComputedStyle(e).overflowWrap") == "anywhere"
    assert table.bounding_box()["width"] <= page.viewport_size["width"]
    message = page.locator("#import-message")
    assert message.evaluate("e => getComputedStyle(e).whiteSpace") == "pre-line"
    assert page.blocked == []
