"""The tree lists sub-units in Vietnamese alphabetical order (core.collation), not byte order."""

import pytest

from doanso.core.collation import sorted_vi

pytestmark = pytest.mark.django_db


def test_children_of_the_centre_in_vietnamese_order(login):
    r = login("tw.admin").get("/units/TW/")
    names = [row.name for row in r.context["rows"]]
    assert len(names) > 5
    assert names == sorted_vi(names)
    if any(n.startswith("Tỉnh đoàn Đ") for n in names) and any(n.startswith("Tỉnh đoàn V") for n in names):
        first_d = min(i for i, n in enumerate(names) if n.startswith("Tỉnh đoàn Đ"))
        first_v = min(i for i, n in enumerate(names) if n.startswith("Tỉnh đoàn V"))
        assert first_d < first_v


def test_children_fragment_in_the_same_order(login):
    r = login("hn.admin").get("/units/HN/children/", headers={"HX-Request": "true"})
    names = [row.name for row in r.context["rows"]]
    assert names and names == sorted_vi(names)
