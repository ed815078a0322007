"""Issue 12, finding 7 (URL part): a CCCD is searched by POST, never sent in a URL that access logs keep."""

import pytest

from tests.factories import BranchFactory, MemberFactory


@pytest.fixture
def with_cccd(unit):
    return MemberFactory(
        branch=BranchFactory(parent=unit("HN")), full_name="Lê Căn Cước", cccd="001303999321"
    )


def test_api_refuses_a_cccd_in_the_query_string_and_finds_it_by_post(api, with_cccd):
    m = with_cccd
    r = api("tw.admin").get(f"/units/{m.branch.code}/members", q=m.cccd)
    assert r.status_code == 400
    assert (r.json()["field"], "POST" in r.json()["detail"]) == ("q", True)
    assert api("tw.admin").get(f"/units/{m.branch.code}/members", q=m.cccd[:9]).status_code == 400
    found = api("tw.admin").post(f"/units/{m.branch.code}/members/search", {"q": m.cccd})
    assert found.status_code == 200
    assert [x["id"] for x in found.json()["items"]] == [m.pk]
    assert m.cccd not in found.content.decode()  # masked in the answer too
    by_name = api("tw.admin").post(f"/units/{m.branch.code}/members/search", {"q": m.full_name, "limit": 500})
    assert m.pk in [x["id"] for x in by_name.json()["items"]]
    # names still search by GET
    assert api("tw.admin").get(f"/units/{m.branch.code}/members", q=m.full_name).status_code == 200


def test_web_search_box_posts_and_a_cccd_in_the_address_bar_is_not_searched(login, with_cccd):
    m = with_cccd
    client = login("tw.admin")
    page = client.get(f"/members/units/{m.branch.code}/").content.decode()
    assert 'hx-post="/members/units/' in page and 'hx-get="/members/units/' not in page
    rows = client.post(f"/members/units/{m.branch.code}/", {"q": m.cccd}, headers={"HX-Request": "true"})
    assert rows.status_code == 200 and m.full_name in rows.content.decode()
    assert f"q={m.cccd}" not in rows.content.decode()  # no pager link carries it
    ignored = client.get(f"/members/units/{m.branch.code}/", {"q": m.cccd}, headers={"HX-Request": "true"})
    assert ignored.status_code == 200
