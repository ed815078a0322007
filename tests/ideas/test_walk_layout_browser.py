"""What the page-walk of session 22 showed on the ideas board, in headless Chromium where layout is
the point: the rows of a list of links sit inside their box (not flush with its border), and the
board's two links stay side by side instead of being pushed to both ends with a stray "·"."""

import types

import pytest

from tests.ideas.test_donewhen_browser import _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(transactional_db, live_server, settings, reseeded):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return types.SimpleNamespace(url=live_server.url)


def test_board_rows_are_padded_and_links_stay_together(browser, site):
    page = _login(browser, site, "chidoan.demo")
    page.goto("/ideas/")
    row = page.locator("#board .touch-list > li").first
    link = row.locator("a").first
    row_box, link_box = row.bounding_box(), link.bounding_box()
    assert link_box["x"] - row_box["x"] >= 8, (row_box, link_box)
    assert link_box["y"] - row_box["y"] >= 6, (row_box, link_box)
    gallery = page.get_by_role("link", name="Thư viện ý tưởng").bounding_box()
    moderation = page.get_by_role("link", name="Kiểm duyệt").bounding_box()
    gap = moderation["x"] - (gallery["x"] + gallery["width"])
    assert 0 < gap < 40, (gallery, moderation)
    page.context.close()
