"""The "Việc cần làm" provider: today's activity, outputs to verify (level above only), registrations."""

import pytest
from django.utils import timezone

from doanso.activities.todo import provider
from doanso.todo.registry import providers

pytestmark = pytest.mark.django_db


def test_provider_lists_work_for_the_right_level(api, world, make_activity):
    assert "activities" in providers()
    a = make_activity()
    api("dv.mot").post(f"/activities/{a['id']}/registrations", {})
    api("xa.admin").post(f"/activities/{a['id']}/outputs", {"indicator": "CAY_XANH", "value": 5})
    now = timezone.now()
    commune = {i.kind: i for i in provider(world.commune_admin, [world.commune], now)}
    assert set(commune) == {"activity_run", "activity_registrations"}
    district = {i.kind: i for i in provider(world.district_admin, [world.district], now)}
    assert district["activity_outputs"].count == 1
    from django.contrib.auth import get_user_model

    hn = get_user_model().objects.get(username="hn.admin")
    assert provider(hn, [], now) == [] or all(i.unit != world.commune.code for i in provider(hn, [], now))
    assert "activity_outputs" not in {i.kind for i in provider(hn, [], now)}
