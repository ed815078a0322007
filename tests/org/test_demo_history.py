from datetime import date

import pytest

from doanso.members import counters as member_counters
from doanso.org import services
from doanso.org.models import Unit


@pytest.mark.django_db
def test_2024_tree_has_63_provinces_and_today_34(unit):
    tw = unit("TW")
    then = [v for v in services.children_on(tw, date(2024, 12, 31)) if v.kind == "tinh"]
    now = services.children(tw).filter(kind="tinh")
    assert len(then) == 63
    assert now.count() == 34
    names_then = {v.name for v in then}
    assert "Tỉnh đoàn Sóc Trăng" in names_then
    assert "Tỉnh đoàn Thừa Thiên Huế" in names_then
    assert "Tỉnh đoàn Sóc Trăng" not in set(now.values_list("name", flat=True))


@pytest.mark.django_db
def test_soc_trang_now_inside_can_tho(unit):
    st, ct = unit("ST"), unit("CT")
    assert not st.active and st.successor == ct and st.dissolved_on == date(2025, 7, 1)
    former = Unit.objects.filter(code__startswith="ST-", kind="chi_doan")
    assert former.exists()
    assert all(u.path.startswith(ct.path) and u.active for u in former)
    # Districts were dissolved; their branches now sit under new communes of Cần Thơ.
    assert not Unit.objects.filter(kind="huyen", active=True).exists()
    branch = former.first()
    assert branch.parent.kind == "xa" and branch.parent.parent == ct
    assert services.version_on(branch, date(2024, 12, 31)).parent.code.startswith("ST-H")


@pytest.mark.django_db
def test_seeded_counters_equal_a_recount(unit):
    for code in ["TW", "HN", "HCM", "CT", "ST", "HN-H01-X01-C01"]:
        u = unit(code)
        assert member_counters.stored(u) == member_counters.recount(u), code


@pytest.mark.django_db
def test_demo_is_deterministic():
    from doanso.demo.seed import member_rows
    from doanso.demo.tree import TreeBuilder

    a, b = TreeBuilder("tiny").build(), TreeBuilder("tiny").build()
    assert [(u.code, u.name, u.path) for u in a.units] == [(u.code, u.name, u.path) for u in b.units]
    assert list(member_rows(a))[:50] == list(member_rows(b))[:50]


@pytest.mark.django_db
def test_unit_counters_equal_a_recount_after_restructuring(unit):
    from collections import Counter

    from doanso.org import counters, services

    def recount(u):
        rows = Unit.objects.subtree(u).filter(active=True).values_list("kind", flat=True)
        return dict(Counter(rows))

    hn, hcm = unit("HN"), unit("HCM")
    services.move_unit(None, unit("HN-H01-X01-C01"), unit("HCM-P001"))
    services.create_and_merge(
        None, [unit("HN-P001"), unit("HN-P002")], code="HN-M", name="Đoàn phường M", kind="xa", parent=hn
    )
    services.rename_unit(None, unit("HN-M"), "Đoàn xã M", kind="co_so")
    for u in (unit("TW"), hn, hcm, unit("HN-M"), unit("CT")):
        assert counters.read(u, counters.UNITS) == recount(u), u.code
