from datetime import date

import pytest

from doanso.core.errors import UserError
from doanso.core.models import AuditLog
from doanso.members import counters as member_counters
from doanso.members.models import Member
from doanso.org import services, stats
from doanso.org.models import RestructureEvent, Unit, UnitVersion

D = date(2026, 1, 15)


def snapshot():
    return (
        sorted(Unit.objects.values_list("code", "path", "parent_id", "active", "name")),
        UnitVersion.objects.count(),
        RestructureEvent.objects.count(),
    )


def assert_counters_match(*units):
    for u in units:
        u.refresh_from_db()
        assert member_counters.stored(u) == member_counters.recount(u)


@pytest.mark.django_db
def test_move_carries_subtree_and_counters(unit):
    branch, src, dst = unit("HN-H01-X01-C01"), unit("HN"), unit("HCM")
    moved_members = Member.objects.filter(branch=branch, status="active").count()
    before_src, before_dst = stats.unit_stats(src)["members"], stats.unit_stats(dst)["members"]
    new_parent = Unit.objects.filter(kind="xa", active=True, path__startswith=dst.path).first()
    services.move_unit(None, branch, new_parent, D)
    branch.refresh_from_db()
    assert branch.path.startswith(new_parent.path) and branch.parent == new_parent
    assert stats.unit_stats(unit("HN"))["members"] == before_src - moved_members
    assert stats.unit_stats(unit("HCM"))["members"] == before_dst + moved_members
    assert_counters_match(unit("TW"), unit("HN"), unit("HCM"), new_parent)
    # history: the old parent until D, the new one from D
    versions = list(UnitVersion.objects.filter(unit=branch).order_by("valid_from"))
    assert versions[-2].valid_to == D and versions[-1].parent == new_parent and versions[-1].valid_from == D
    assert AuditLog.objects.filter(action="unit.move").exists()


@pytest.mark.django_db
def test_move_into_own_descendant_is_refused_and_changes_nothing(unit):
    before = snapshot()
    with pytest.raises(UserError, match="cấp dưới của chính nó"):
        services.move_unit(None, unit("HN"), unit("HN-H01-X01-C01"), D)
    assert snapshot() == before


@pytest.mark.django_db
def test_merge_a_and_b_into_new_c(unit):
    a, b, parent = unit("HN-P001"), unit("HN-P002"), unit("HN")
    children = set(Unit.objects.filter(parent__in=[a, b], active=True).values_list("code", flat=True))
    total = stats.unit_stats(a)["members"] + stats.unit_stats(b)["members"]
    c = services.create_and_merge(
        None, [a, b], code="HN-NEW", name="Đoàn phường Mới", kind="xa", parent=parent, on=D
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.active, a.successor, a.dissolved_on) == (False, c, D)
    assert set(services.children(c).values_list("code", flat=True)) == children
    assert stats.unit_stats(c)["members"] == total
    # The dissolved unit keeps its code and still answers, inside its successor's subtree.
    assert Unit.objects.subtree(c).filter(code=a.code).exists()
    assert a.final_successor() == c
    # History: as of the day before, the branches were under A.
    before = {v.unit.code for v in services.children_on(a, date(2026, 1, 14))}
    assert before and before <= children
    assert_counters_match(c, parent, unit("TW"))


@pytest.mark.django_db
def test_merge_into_own_descendant_is_refused(unit):
    before = snapshot()
    with pytest.raises(UserError, match="cấp dưới"):
        services.merge_units(None, [unit("HN-P001")], unit("HN-H01-X01-C01"), D)
    with pytest.raises(UserError, match="chính nó"):
        services.merge_units(None, [unit("HN")], unit("HN"), D)
    assert snapshot() == before


@pytest.mark.django_db
def test_split_assigns_every_child(unit):
    x = unit("HCM-P001")
    kids = list(services.children(x).values_list("code", flat=True))
    with pytest.raises(UserError, match="Chưa giao"):
        services.split_unit(
            None,
            x,
            [
                {"code": "S1", "name": "Một", "children": kids[:1]},
                {"code": "S2", "name": "Hai", "children": []},
            ],
            D,
        )
    assert not Unit.objects.filter(code__in=["S1", "S2"]).exists()
    p1, p2 = services.split_unit(
        None,
        x,
        [
            {"code": "S1", "name": "Một", "children": kids[:1]},
            {"code": "S2", "name": "Hai", "children": kids[1:]},
        ],
        D,
    )
    x.refresh_from_db()
    assert not x.active and x.successor == p1
    assert list(services.children(p1).values_list("code", flat=True)) == kids[:1]
    assert_counters_match(p1, p2, unit("HCM"))


@pytest.mark.django_db
def test_dissolve_refuses_units_with_children_or_members(unit):
    with pytest.raises(UserError, match="đơn vị trực thuộc"):
        services.dissolve_unit(None, unit("HN-P001"), D)
    with pytest.raises(UserError, match="đoàn viên"):
        services.dissolve_unit(None, unit("HN-H01-X01-C01"), D)
    empty = services.create_unit(
        None, code="EMPTY", name="Chi đoàn trống", kind="chi_doan", parent=unit("HN-P001"), on=D
    )
    services.dissolve_unit(None, empty, date(2026, 2, 1))
    empty.refresh_from_db()
    assert not empty.active and empty.dissolved_on == date(2026, 2, 1)
    assert services.version_on(empty, date(2026, 1, 20)) is not None
    assert services.version_on(empty, date(2026, 2, 1)) is None


@pytest.mark.django_db
def test_rename_keeps_old_name_in_history(unit):
    u = unit("HN-P001")
    old = u.name
    services.rename_unit(None, u, "Đoàn phường Ba Đình", D)
    assert services.version_on(u, date(2025, 12, 31)).name == old
    assert services.version_on(u, D).name == "Đoàn phường Ba Đình"


@pytest.mark.django_db
def test_operation_dated_before_last_change_is_refused(unit):
    u = unit("HN-H01-X01-C01")  # its parent changed on 2025-07-01 in the demo history
    before = snapshot()
    with pytest.raises(UserError, match="sớm hơn"):
        services.rename_unit(None, u, "Tên mới", date(2025, 1, 1))
    assert snapshot() == before


@pytest.mark.django_db
def test_duplicate_code_and_bad_kind(unit):
    with pytest.raises(UserError, match="đã tồn tại"):
        services.create_unit(None, code="HN", name="X", kind="tinh", parent=unit("TW"))
    with pytest.raises(UserError, match="không hợp lệ"):
        services.create_unit(None, code="NEWX", name="X", kind="planet", parent=unit("TW"))
