"""Dues months have one spelling (issue 12, finding 8): "2025-03", "2025-3", "2025-003" and
" 2025-03" are one month, so a member pays it once; garbage is refused in Vietnamese; the
database refuses a second spelling; the data migration merges the payments made twice."""

import pytest
from django.db import IntegrityError, transaction

from doanso.core.errors import UserError
from doanso.members import actions, dues
from doanso.members.models import DuesPayment
from tests.factories import BranchFactory, MemberFactory
from tests.members.test_dues_rules import run_migration_check

SPELLINGS = ["2025-03", "2025-3", "2025-003", " 2025-03", "2025-03 "]


@pytest.mark.parametrize("raw", SPELLINGS)
def test_every_spelling_is_the_one_month(raw):
    assert dues.canonical_month(raw) == "2025-03"


@pytest.mark.parametrize("raw", ["2025-13", "2025-0", "03-2025", "2025/03", "abc", "", "25-03", "2025-03x"])
def test_garbage_is_refused_in_vietnamese(raw):
    with pytest.raises(UserError) as e:
        dues.canonical_month(raw)
    assert e.value.field == "month" and "YYYY-MM" in e.value.message and "không hợp lệ" in e.value.message


@pytest.fixture
def branch(unit):
    return BranchFactory(parent=unit("HN"))


@pytest.mark.django_db
def test_a_month_is_charged_once_whatever_its_spelling(branch, user):
    m = MemberFactory(branch=branch)
    admin = user("hn.admin")
    written = [actions.dues.record_dues(admin, branch, raw, [m.pk]) for raw in SPELLINGS[:4]]
    assert written == [1, 0, 0, 0]
    assert list(DuesPayment.objects.filter(member=m).values_list("month", flat=True)) == ["2025-03"]


@pytest.mark.django_db
def test_the_api_and_page_read_every_spelling_as_one_month(branch, api, login):
    m = MemberFactory(branch=branch)
    hn = api("hn.admin")
    for raw in ("2025-3", " 2025-003"):
        r = hn.post(f"/units/{branch.code}/dues", {"month": raw, "member_ids": [m.pk]})
        assert r.status_code in (200, 201), r.content
    assert DuesPayment.objects.filter(member=m).count() == 1
    r = hn.get(f"/units/{branch.code}/dues", month="2025-3")
    assert r.status_code == 200 and r.json()["month"] == "2025-03" and r.json()["paid"]["count"] == 1
    r = hn.post(f"/units/{branch.code}/dues", {"month": "2025-13", "member_ids": [m.pk]})
    assert (r.status_code, r.json()["field"]) == (400, "month") and "không hợp lệ" in r.json()["detail"]
    page = login("hn.admin").get(f"/members/units/{branch.code}/dues/?month=2025-3").content.decode()
    assert "2025-03" in page and DuesPayment.objects.get(member=m).month == "2025-03"


@pytest.mark.django_db
def test_the_database_refuses_a_second_spelling(branch, user):
    m = MemberFactory(branch=branch)
    actions.dues.record_dues(user("hn.admin"), branch, "2025-03", [m.pk])
    p = DuesPayment.objects.get(member=m)
    with pytest.raises(IntegrityError), transaction.atomic():
        DuesPayment.objects.filter(pk=p.pk).update(month="2025-3")


@pytest.mark.django_db
def test_migration_0007_merges_the_months_paid_twice():
    res = run_migration_check("migration_0007_check.py")
    assert len({p[1] for p in res["before"]}) == 4 and len(res["before"]) == 5
    assert res["after"] == [["A", "2025-03", 2000], ["B", "2025-03", 2000]]
    assert res["back"] == res["after"] and res["again"] == res["after"]
