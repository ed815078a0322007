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
