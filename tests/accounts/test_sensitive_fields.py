"""Sensitive member fields (religion, ethnicity): role-gated, and every look by an admin audited."""

import pytest

from doanso.core.models import AuditLog
from tests import scoping_providers as sp
from tests.scopewalk import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return World()


def _staff(world):
    from doanso.accounts.models import Role, User

    u = User.objects.create(username="hcm.staff.sens")
    Role.objects.create(user=u, unit=world.victim, role="staff")
    return u


def test_admin_sees_sensitive_fields_and_the_look_is_audited(world, api):
    m = sp.free_member(world)
    m.religion, m.ethnicity = "Phật giáo", "Kinh"
    m.save(update_fields=["religion", "ethnicity"])
    before = AuditLog.objects.filter(action="member.sensitive_view").count()
    r = api("hcm.admin").get(f"/members/{m.pk}")
    assert r.status_code == 200
    assert (r.json()["religion"], r.json()["ethnicity"]) == ("Phật giáo", "Kinh")
    entry = AuditLog.objects.filter(action="member.sensitive_view").latest("seq")
    assert AuditLog.objects.filter(action="member.sensitive_view").count() == before + 1
    assert (entry.actor_name, entry.object_id, entry.data) == (
        "hcm.admin",
        str(m.pk),
        {"fields": ["ethnicity", "religion"]},
    )


def test_staff_in_scope_do_not_see_them_and_nothing_is_logged(world, client):
    from doanso.accounts.models import ApiToken

    m = sp.free_member(world)
    m.religion = "Công giáo"
    m.save(update_fields=["religion"])
    staff = _staff(world)
    before = AuditLog.objects.filter(action="member.sensitive_view").count()
    r = client.get(f"/api/v1/members/{m.pk}", headers={"Authorization": f"Bearer {ApiToken.issue(staff)}"})
    assert r.status_code == 200
    assert r.json().get("religion") is None and r.json().get("ethnicity") is None
    client.force_login(staff)
    page = client.get(f"/members/records/{m.pk}/")
    assert page.status_code == 200
    assert "Công giáo" not in page.content.decode()
    assert AuditLog.objects.filter(action="member.sensitive_view").count() == before


def test_web_record_page_logs_the_admins_look(world, client):
    m = sp.free_member(world)
    m.ethnicity = "Tày"
    m.save(update_fields=["ethnicity"])
    client.force_login(world.victim_user)
    page = client.get(f"/members/records/{m.pk}/")
    assert "Tày" in page.content.decode()
    assert AuditLog.objects.filter(action="member.sensitive_view", object_id=str(m.pk)).exists()
