"""Guards no other test would miss (found by guard-mutants): the outputs of an activity are for
those who run it, not for the members who may join it; the services that take an already scoped
unit still refuse one outside the user's scope when a caller forgets to scope it."""

from datetime import date, timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from doanso.activities import outputs, services
from doanso.activities.models import Activity, ExtraFigure
from tests.activities.test_pages import _form

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(login, world):
    r = login("xa.admin").post("/activities/new/", _form(world))
    assert r.status_code == 302, r.content.decode()[:2000]
    return Activity.objects.get()


def test_a_member_who_may_join_does_not_see_the_outputs(login, api, world, activity):
    member = login("dv.mot")
    assert member.get(f"/activities/{activity.pk}/").status_code == 200  # they may join it
    assert member.get(f"/activities/{activity.pk}/outputs/").status_code == 404
    assert api("dv.mot").get(f"/activities/{activity.pk}").status_code == 200
    assert api("dv.mot").get(f"/activities/{activity.pk}/outputs").status_code == 404
    # those who run it do
    assert login("xa.admin").get(f"/activities/{activity.pk}/outputs/").status_code == 200
    assert api("huyen.admin").get(f"/activities/{activity.pk}/outputs").status_code == 200


def test_create_activity_refuses_a_unit_outside_the_scope(world, unit):
    start = timezone.now() + timedelta(days=1)
    fields = services.ActivityFields(
        title="Hiến máu", type_code="tinh_nguyen", start=start, end=start + timedelta(hours=3)
    )
    with pytest.raises(Http404):
        services.create_activity(world.commune_admin, unit=unit("HN"), fields=fields)
    with pytest.raises(Http404):  # the district above the commune is outside its scope too
        services.create_activity(world.commune_admin, unit=world.district, fields=fields)
    assert not Activity.objects.exists()
    assert (
        services.create_activity(world.commune_admin, unit=world.branch, fields=fields).unit == world.branch
    )


def test_add_extra_refuses_a_unit_outside_the_scope(world, unit):
    kw = {"indicator": "TN_LUOT", "on": date.today(), "value": 5, "note": "Ra quân hè"}
    with pytest.raises(Http404):
        outputs.add_extra(world.commune_admin, unit("HN"), **kw)
    with pytest.raises(Http404):
        outputs.add_extra(world.commune_admin, world.district, **kw)
    assert not ExtraFigure.objects.exists()
    assert outputs.add_extra(world.commune_admin, world.commune, **kw).unit == world.commune
