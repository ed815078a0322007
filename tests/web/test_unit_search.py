"""Unit search: ignores accents and case, stays inside the user's scope."""

import pytest

from doanso.core.text import fold
from doanso.org.models import Unit

pytestmark = pytest.mark.django_db


def codes(r) -> list[str]:
    return [u.code for u in r.context["page"].object_list]


def test_ha_noi_finds_ha_noi(login):
    r = login("tw.admin").get("/units/search/", {"q": "ha noi"})
    assert r.status_code == 200
    assert codes(r)[0] == "HN"
    assert "Thành đoàn Hà Nội" in r.content.decode()


def test_thanh_doan_finds_thanh_doan(login):
    r = login("tw.admin").get("/units/search/", {"q": "THANH DOAN", "page": 1})
    page = r.context["page"]
    expected = [u for u in Unit.objects.all() if {"thanh", "doan"} <= set(fold(f"{u.name} {u.code}").split())]
    assert page.paginator.count == len(expected)
    # active units first, then by depth: the six city unions lead the list
    assert set(codes(r)[:6]) == {"CT", "HP", "HN", "HCM", "DN", "HUE"}


def test_search_stays_in_scope(login):
    r = login("hn.admin").get("/units/search/", {"q": "thanh doan"})
    found = list(r.context["page"].paginator.object_list)
    assert found[0].code == "HN"
    assert all(u.code.startswith("HN") for u in found)
    r = login("hn.admin").get("/units/search/", {"q": "ho chi minh"})
    assert r.context["page"].paginator.count == 0
    assert "TP. Hồ Chí Minh" not in r.content.decode()


def test_search_by_code_and_dissolved_units(login):
    r = login("ct.admin").get("/units/search/", {"q": "soc trang"})
    assert "ST" in codes(r)
    assert "đã sáp nhập/giải thể" in r.content.decode()


def test_htmx_gets_only_the_results(login):
    r = login("hn.admin").get("/units/search/", {"q": "hà nội"}, headers={"HX-Request": "true"})
    assert r.status_code == 200
    body = r.content.decode()
    assert "<html" not in body
    assert 'href="/units/HN/"' in body


def test_empty_query(login):
    r = login("hn.admin").get("/units/search/")
    assert r.status_code == 200
    assert r.context["page"] is None


def test_member_finds_nothing(login):
    r = login("doanvien.demo").get("/units/search/", {"q": "chi doan"})
    assert r.context["page"].paginator.count == 0
