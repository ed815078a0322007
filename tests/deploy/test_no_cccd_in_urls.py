"""Issue 12, finding 7: a CCCD in a query string lands in access logs. Every GET ?q= that could
carry one refuses or ignores it (the member searches POST it instead): unit search page and API."""

import pytest

from tests.factories import BranchFactory

pytestmark = pytest.mark.django_db

CCCD = "001303777123"


@pytest.fixture
def numbered(unit):
    """A unit whose name holds the digits, so a search that ran would find it."""
    return BranchFactory(parent=unit("HN"), name=f"Chi đoàn {CCCD}")


def test_unit_search_page_ignores_a_cccd_in_the_url(login, numbered):
    c = login("hn.admin")
    for headers in ({}, {"HX-Request": "true"}):
        body = c.get("/units/search/", {"q": CCCD}, headers=headers).content.decode()
        assert numbered.name not in body and f'value="{CCCD}"' not in body
    # a short number (a unit code, a class) is still searched
    assert numbered.name in c.get("/units/search/", {"q": CCCD[-4:]}).content.decode()


def test_api_unit_list_refuses_a_cccd_in_the_url(api, numbered):
    r = api("hn.admin").get("/units", q=CCCD)
    assert r.status_code == 400
    assert "CCCD" in r.json()["detail"] and r.json().get("field") == "q"
    r = api("hn.admin").get("/units", q="001.303.777.123")
    assert r.status_code == 400
    r = api("hn.admin").get("/units", q=CCCD[-4:])
    assert r.status_code == 200 and [u["name"] for u in r.json()["items"]] == [numbered.name]


def test_the_search_boxes_post_what_is_typed_so_a_cccd_never_enters_a_url(login, numbered):
    c = login("hn.admin")
    home = c.get("/").content.decode()
    assert 'class="nav-search"' in home and 'method="post" role="search"' in home
    page = c.get("/units/search/").content.decode()
    assert "hx-post=" in page and "hx-get=" not in page and "hx-push-url" not in page
    # A CCCD typed in the box: answered in place, never redirected into a URL, never searched.
    r = c.post("/units/search/", {"q": CCCD})
    assert r.status_code == 200 and numbered.name not in r.content.decode()
    assert "Số CCCD không được tìm ở đây" in r.content.decode()
    live = c.post("/units/search/", {"q": CCCD}, headers={"HX-Request": "true"})
    assert live.status_code == 200 and numbered.name not in live.content.decode()
    # A name: redirected to a shareable address (post/redirect/get); live search answers in place.
    r = c.post("/units/search/", {"q": "chi đoàn 7123"})
    assert r.status_code == 302 and r["Location"].endswith("?q=chi+%C4%91o%C3%A0n+7123")
    live = c.post("/units/search/", {"q": CCCD[-4:]}, headers={"HX-Request": "true"})
    assert numbered.name in live.content.decode()
