"""Creating and editing an activity take the same `ActivityFields` and refuse the same input with
the same Vietnamese message (the rules live in one place, `services.check_fields`)."""

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from doanso.activities import editing, services
from doanso.core.errors import UserError

pytestmark = pytest.mark.django_db


@pytest.fixture
def good():
    now = timezone.now()
    return services.ActivityFields(
        title="Ngày chủ nhật xanh", type_code="trong_cay", start=now, end=now + timedelta(hours=3)
    )


BAD = [
    ({"title": "  "}, "title"),
    ({"end_before_start": True}, "end"),
    ({"lat": Decimal("10.03")}, "lat"),
    ({"campaign_id": 987654}, "campaign"),
    ({"type_code": "khong_co"}, "type"),
]


def _bad(good, change):
    if change.get("end_before_start"):
        return replace(good, end=good.start - timedelta(hours=1))
    return replace(good, **change)


@pytest.mark.parametrize(("change", "field"), BAD)
def test_create_and_edit_refuse_alike(world, good, change, field):
    user = world.commune_admin
    with pytest.raises(UserError) as created:
        services.create_activity(user, unit=world.commune, fields=_bad(good, change))
    a = services.create_activity(user, unit=world.commune, fields=good)
    with pytest.raises(UserError) as edited:
        editing.update_activity(user, a, _bad(good, change))
    assert created.value.field == edited.value.field == field
    assert created.value.message == edited.value.message
    a.refresh_from_db()
    assert a.title == "Ngày chủ nhật xanh"


def test_edit_writes_every_field(world, good):
    user = world.commune_admin
    a = services.create_activity(user, unit=world.commune, fields=good)
    changed = replace(
        good,
        title="Chủ nhật xanh lần 2",
        place_name="Công viên",
        lat=Decimal("10.030000"),
        lon=Decimal("105.770000"),
        capacity=80,
        hours=Decimal("2.5"),
        open_to_public=True,
        description="Trồng 200 cây",
        audience=[world.branch.code],
        co_organisers=[world.other_branch.code],
    )
    editing.update_activity(user, a, changed)
    a.refresh_from_db()
    assert (a.title, a.place_name, a.capacity, a.hours, a.open_to_public, a.description) == (
        "Chủ nhật xanh lần 2",
        "Công viên",
        80,
        Decimal("2.5"),
        True,
        "Trồng 200 cây",
    )
    assert (a.lat, a.lon) == (Decimal("10.030000"), Decimal("105.770000"))
    assert list(a.audience.values_list("code", flat=True)) == [world.branch.code]
    assert list(a.organisers.values_list("unit__code", flat=True)) == [world.other_branch.code]
