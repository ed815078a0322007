"""The unit tree browser: unit page, htmx children fragment, tree as of a date, scoping."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doanso.members.models import Member
from doanso.org.models import Unit

pytestmark = pytest.mark.django_db


def active_members(unit: Unit) -> int:
    lo, hi = unit.subtree_range
    return Member.objects.filter(branch__path__gte=lo, branch__path__lt=hi, status="active").count()


def test_unit_page_lists_children_with_counts(login, unit):
    hn = unit("HN")
    r = login("hn.admin").get("/units/HN/")
    assert r.status_code == 200
    rows = r.context["rows"]
    expected = list(Unit.objects.filter(parent=hn, active=True).order_by("name"))
    assert [row.unit for row in rows] == expected
    for row in rows:
        assert row.members == active_members(row.unit)
        assert row.units == Unit.objects.subtree(row.unit).filter(active=True).count()
    assert r.context["stats"].members == active_members(hn)
    assert sum(row.members for row in rows) == active_members(hn)
    # merged districts are listed apart, with their successor
    assert sorted(row.unit.code for row in r.context["former"]) == [f"HN-H0{i}" for i in range(1, 6)]
    body = r.content.decode()
    assert 'hx-get="/units/HN-P001/children/"' in body


def test_breadcrumb_links_only_inside_scope(login, unit):
    branch = Unit.objects.filter(parent__code="HN-P001", kind="chi_doan").order_by("code").first()
    r = login("hn.admin").get(f"/units/{branch.code}/")
    assert r.status_code == 200
    crumbs = [(c.unit.code, c.link) for c in r.context["crumbs"]]
    assert crumbs == [("TW", False), ("HN", True), ("HN-P001", True)]
    body = r.content.decode()
    assert 'href="/units/TW/"' not in body
    assert "Trung ương Đoàn TNCS Hồ Chí Minh" in body
    assert 'href="/units/HN/"' in body


def test_children_fragment(login, unit):
    r = login("hn.admin").get("/units/HN-P001/children/", headers={"HX-Request": "true"})
    assert r.status_code == 200
    body = r.content.decode()
    assert "<html" not in body
    kids = list(Unit.objects.filter(parent=unit("HN-P001"), active=True))
    assert kids
    for k in kids:
        assert k.name in body
    assert r["Vary"].count("HX-Request") == 1


def test_leaf_fragment_says_no_children(login, unit):
    leaf = Unit.objects.filter(code__startswith="HN-", kind="chi_doan", active=True).first()
    r = login("hn.admin").get(f"/units/{leaf.code}/children/")
    assert r.status_code == 200
    assert "Không có đơn vị trực thuộc." in r.content.decode()


def test_children_counts_take_few_queries(login):
    c = login("tw.admin")
    c.get("/units/TW/")  # warm up session/user queries
    with CaptureQueriesContext(connection) as ctx:
        r = c.get("/units/TW/children/")
    assert r.status_code == 200
    n_children = len(r.context["rows"])
    assert n_children == 37  # 34 provinces + 3 directly affiliated unions
    counter_queries = [q for q in ctx.captured_queries if "org_subtreecounter" in q["sql"]]
    assert len(counter_queries) == 2  # members and units of every child, one query each
    assert len(ctx.captured_queries) < 15  # not one per child


def test_dissolved_unit_still_answers_with_successor(login):
    r = login("ct.admin").get("/units/ST/")
    assert r.status_code == 200
    body = r.content.decode()
    assert "Tỉnh đoàn Sóc Trăng" in body
    assert "Đã sáp nhập từ 01/07/2025 vào" in body
    assert 'href="/units/CT/">Thành đoàn Cần Thơ</a>' in body


def test_tree_as_of_date_shows_old_provinces(login):
    r = login("tw.admin").get("/units/TW/?on=2024-12-31")
    assert r.status_code == 200
    names = [row.name for row in r.context["rows"]]
    assert len(names) == 66  # 63 provinces + 3 directly affiliated unions
    assert "Tỉnh đoàn Sóc Trăng" in names
    assert "Tỉnh đoàn Thừa Thiên Huế" in names  # its name then
    body = r.content.decode()
    assert "sáp nhập vào Thành đoàn Cần Thơ từ 01/07/2025" in body
    assert 'href="/units/ST/?on=2024-12-31"' in body
    assert "nay là Thành đoàn Huế" in body
    # today the merged provinces are gone from the list
    r = login("tw.admin").get("/units/TW/")
    today = [row.unit.code for row in r.context["rows"]]
    assert "ST" not in today and "CT" in today


def test_tree_as_of_date_for_a_city(login, unit):
    r = login("ct.admin").get("/units/CT/?on=2024-12-31")
    codes = sorted(row.unit.code for row in r.context["rows"])
    assert codes == ["CT-H01", "CT-H02"]
    r = login("ct.admin").get("/units/CT/children/?on=2024-12-31")
    assert "Huyện đoàn" in r.content.decode()


def test_unit_that_did_not_exist_yet(login):
    r = login("hn.admin").get("/units/HN-P001/?on=2024-12-31")
    assert r.status_code == 200
    assert r.context["then"] is None
    assert "Đơn vị này chưa có hoặc không còn vào ngày 31/12/2024." in r.content.decode()


def test_bad_date_falls_back_to_today(login):
    r = login("hn.admin").get("/units/HN/?on=31-12-2024")
    assert r.status_code == 200
    assert r.context["on"] is None
    assert "Ngày không hợp lệ" in r.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/units/HCM/",
        "/units/HCM/children/",
        "/units/HCM/?on=2024-12-31",
        "/units/TW/",
        "/units/TW/children/",
        "/units/CT/",
        "/units/NOPE/",
        "/units/ST/",
        "/units/HCM/accounts/",
    ],
)
def test_outside_scope_is_404(login, path):
    assert login("hn.admin").get(path).status_code == 404


def test_city_as_of_2024_lists_its_old_districts(login):
    r = login("hn.admin").get("/units/HN/?on=2024-12-31")
    assert {row.unit.code for row in r.context["rows"]} == {f"HN-H0{i}" for i in range(1, 6)}
    r = login("chidoan.demo").get("/units/ST-H01-X01-C01/?on=2024-12-31")
    assert r.status_code == 200
    assert r.context["then"].name == r.context["unit"].name


def test_member_cannot_browse_units(login):
    assert login("doanvien.demo").get("/units/ST-H01-X01-C01/").status_code == 404
