"""The bulk loader drops indexes and constraints only with an operator's explicit permission."""

import pytest
from django.db import connection, transaction

from doanso.core import bulk

pytestmark = pytest.mark.django_db


def _indexes(table: str) -> set[str]:
    with connection.cursor() as cur:
        return {
            name
            for name, info in connection.introspection.get_constraints(cur, table).items()
            if info["index"] and not info["unique"] and not info["primary_key"]
        }


def test_deferred_refuses_without_permission():
    before = _indexes("members_member")
    with pytest.raises(bulk.SchemaChangeRefused):
        bulk.Deferred("members_member", constraints=True).drop()
    with pytest.raises(bulk.SchemaChangeRefused), bulk.indexes_deferred("members_member"):
        pass
    assert _indexes("members_member") == before and before


@pytest.mark.parametrize("how", ["flag", "context"])
def test_deferred_drops_and_restores_with_permission(how):
    before = _indexes("members_member")
    with transaction.atomic():
        if how == "flag":
            d = bulk.Deferred("members_member", allow_schema_changes=True)
            d.drop()
        else:
            with bulk.schema_changes_allowed():
                d = bulk.Deferred("members_member")
                d.drop()
            with pytest.raises(bulk.SchemaChangeRefused):  # the permission ends with the block
                bulk.Deferred("members_member").drop()
        assert not _indexes("members_member") & before
        d.restore()
    assert _indexes("members_member") == before


def test_insert_unless_conflict_writes_once_and_keeps_partial_unique_constraints(unit):
    """Any unique constraint stops the second row (the nonce's, and the partial one on (activity,
    member)); nothing half-written, and the first row's values are the stored ones."""
    from datetime import timedelta

    from django.utils import timezone

    from doanso.activities.models import Activity, ActivityType, Participation
    from tests.factories import BranchFactory, MemberFactory

    now = timezone.now()
    t = ActivityType.objects.get(code="tinh_nguyen")
    a = Activity.objects.create(
        unit=unit("HN"), title="Ngày chủ nhật xanh", type=t, start=now, end=now + timedelta(hours=2)
    )
    m = MemberFactory(branch=BranchFactory(parent=unit("HN")))
    first = Participation(activity=a, member=m, hours=a.hours, method="staff", at=now, nonce="n-1")
    assert bulk.insert_unless_conflict(first) is True
    assert first.pk and Participation.objects.get(pk=first.pk).nonce == "n-1"
    again = Participation(activity=a, member=m, hours=a.hours, method="staff", at=now, nonce="n-2")
    assert bulk.insert_unless_conflict(again) is False and again.pk is None
    other = MemberFactory(branch=m.branch)
    same_nonce = Participation(activity=a, member=other, hours=a.hours, method="staff", at=now, nonce="n-1")
    assert bulk.insert_unless_conflict(same_nonce) is False
    guest = Participation(
        activity=a, guest_name="Khách", guest_phone_hash="h1", hours=0, method="walkin", at=now
    )
    assert bulk.insert_unless_conflict(guest) is True
    assert list(Participation.objects.order_by("pk").values_list("member_id", "nonce")) == [
        (m.pk, "n-1"),
        (None, None),
    ]
