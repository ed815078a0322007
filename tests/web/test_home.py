"""Home: the user's own units with counts; a member sees their own record."""

import pytest

from doanso.members.models import Member
from doanso.org.models import Unit

pytestmark = pytest.mark.django_db


def active_members(unit: Unit) -> int:
    lo, hi = unit.subtree_range
    return Member.objects.filter(branch__path__gte=lo, branch__path__lt=hi, status="active").count()


def active_units(unit: Unit) -> int:
    return Unit.objects.subtree(unit).filter(active=True).count()


def test_admin_sees_own_unit_with_counts(login, unit):
    r = login("hn.admin").get("/")
    assert r.status_code == 200
    hn = unit("HN")
    rows = r.context["rows"]
    assert [row.unit.code for row in rows] == ["HN"]
    assert (rows[0].members, rows[0].units) == (active_members(hn), active_units(hn))
    body = r.content.decode()
    assert "Thành đoàn Hà Nội" in body
    assert 'href="/units/HN/accounts/"' in body
    assert "Thành đoàn TP. Hồ Chí Minh" not in body


def test_member_sees_own_record(login, user):
    me = user("doanvien.demo")
    r = login("doanvien.demo").get("/")
    assert r.status_code == 200
    assert r.context["member"] == me.member
    assert r.context["rows"] == []
    body = r.content.decode()
    assert "Hồ sơ đoàn viên của tôi" in body
    assert me.member.full_name in body
    assert me.member.branch.name in body


def test_user_without_units(login, django_user_model):
    django_user_model.objects.create_user("nobody", password="x-very-long-pw")
    r = login("nobody").get("/")
    assert r.status_code == 200
    assert "chưa được giao đơn vị nào" in r.content.decode()
