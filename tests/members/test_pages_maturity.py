"""The maturity page: members turning 30 listed ahead of time; trưởng thành Đoàn recorded."""

from datetime import date, timedelta

import pytest

from doanso.members.charter import add_years
from doanso.members.models import Member
from tests.factories import BranchFactory, MemberFactory

pytestmark = pytest.mark.django_db


def _born(years: int, days: int = 0) -> date:
    """Born so as to turn `years` old `days` from today."""
    return add_years(date.today(), -years) + timedelta(days=days)


def test_list_ahead_of_time_and_record_maturity(login, unit):
    b = BranchFactory(parent=unit("HN"))
    due = MemberFactory(
        branch=b, full_name="Đã Đủ Ba Mươi", birth_date=_born(30, -10), admitted_on=date(2012, 3, 26)
    )
    soon = MemberFactory(
        branch=b, full_name="Sắp Ba Mươi", birth_date=_born(30, 100), admitted_on=date(2012, 3, 26)
    )
    MemberFactory(branch=b, full_name="Còn Trẻ", birth_date=_born(25))
    c = login("hn.admin")
    page = c.get(f"/members/units/{b.code}/maturity/").content.decode()
    assert "Đã Đủ Ba Mươi" in page and "Sắp Ba Mươi" in page and "Còn Trẻ" not in page
    assert page.index("Đã Đủ Ba Mươi") < page.index("Sắp Ba Mươi")  # oldest first
    assert "2 đoàn viên" in page
    narrow = c.get(f"/members/units/{b.code}/maturity/?days=30").content.decode()
    assert "Đã Đủ Ba Mươi" in narrow and "Sắp Ba Mươi" not in narrow

    r = c.post(f"/members/records/{due.pk}/mature/", {"unit": b.code})
    assert (r.status_code, r["Location"]) == (302, f"/members/units/{b.code}/maturity/")
    due.refresh_from_db()
    assert (due.status, due.status_changed_on) == ("matured", date.today())
    assert due.history.filter(kind="update", changes__has_key="status").exists()
    page = c.get(r["Location"]).content.decode()
    assert "Đã ghi nhận Đã Đủ Ba Mươi trưởng thành Đoàn." in page
    table = page.split('id="maturity"')[1]
    assert "Đã Đủ Ba Mươi" not in table and "Sắp Ba Mươi" in table
    assert soon.pk in set(Member.objects.filter(status="active").values_list("pk", flat=True))


def test_too_young_for_maturity_is_refused(login, unit):
    b = BranchFactory(parent=unit("HN"))
    young = MemberFactory(branch=b, birth_date=_born(25))
    r = login("hn.admin").post(f"/members/records/{young.pk}/mature/", {"unit": b.code}, follow=True)
    assert "còn hơn một năm mới đến tuổi trưởng thành Đoàn" in r.content.decode()
    young.refresh_from_db()
    assert young.status == "active"


def test_staff_of_another_province_sees_nothing(login, unit):
    b = BranchFactory(parent=unit("HN"))
    m = MemberFactory(branch=b, birth_date=_born(30, -1), admitted_on=date(2012, 3, 26))
    c = login("hcm.admin")
    assert c.get(f"/members/units/{b.code}/maturity/").status_code == 404
    assert c.post(f"/members/records/{m.pk}/mature/").status_code == 404
    m.refresh_from_db()
    assert m.status == "active"
