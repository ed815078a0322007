"""Issue 12 finding 5: a foreign page cannot write through the API with the session cookie.

The browser sends the cookie with a cross-site form or fetch; the API now wants the CSRF token
for cookie-authenticated writes and JSON bodies as application/json (415 for anything else).
"""

import json

import pytest
from django.test import Client

from tests import scoping_providers as sp
from tests.scopewalk import World


@pytest.fixture
def world(db):
    return World()


def _admin_browser(world) -> Client:
    """hcm.admin logged in in a browser that enforces CSRF like a real one."""
    c = Client(enforce_csrf_checks=True)
    c.force_login(world.victim_user)
    return c


def test_cross_site_text_plain_patch_with_the_session_is_refused(world):
    from doanso.members.models import Member

    m = sp.free_member(world)
    c = _admin_browser(world)
    body = json.dumps({"version": m.version, "phone": "0999999999"})
    r = c.generic("PATCH", f"/api/v1/members/{m.pk}", body, content_type="text/plain")
    assert r.status_code == 415
    assert "application/json" in r.json()["detail"]
    assert Member.objects.get(pk=m.pk).phone == m.phone


@pytest.mark.parametrize("ctype", ["application/x-www-form-urlencoded", "text/plain;charset=UTF-8", ""])
def test_non_json_bodies_are_415_even_with_a_token(world, api, ctype):
    from doanso.members.models import Member

    m = sp.free_member(world)
    body = json.dumps({"version": m.version, "phone": "0999999999"})
    r = api("hcm.admin").request("patch", f"/members/{m.pk}", data=body, content_type=ctype)
    assert r.status_code == 415
    assert Member.objects.get(pk=m.pk).phone == m.phone


def test_json_patch_with_the_session_but_no_csrf_token_is_403(world):
    from doanso.members.models import Member

    m = sp.free_member(world)
    c = _admin_browser(world)
    r = c.patch(
        f"/api/v1/members/{m.pk}",
        {"version": m.version, "phone": "0999999999"},
        content_type="application/json",
    )
    assert r.status_code == 403
    assert "CSRF" in r.json()["detail"]
    assert Member.objects.get(pk=m.pk).phone == m.phone


def test_session_patch_with_the_pages_csrf_token_works(world):
    """What the htmx pages do: base.html puts the token in hx-headers as X-CSRFToken."""
    from doanso.members.models import Member

    m = sp.free_member(world)
    c = _admin_browser(world)
    page = c.get("/")
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else c.cookies["csrftoken"].value
    r = c.patch(
        f"/api/v1/members/{m.pk}",
        {"version": m.version, "phone": "0999999999"},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert r.status_code == 200, r.content
    assert Member.objects.get(pk=m.pk).phone == "0999999999"


def test_session_reads_need_no_csrf_token(world):
    c = _admin_browser(world)
    assert c.get("/api/v1/units").status_code == 200


def test_bearer_writes_need_no_csrf_token(world, api):
    from doanso.members.models import Member

    m = sp.free_member(world)
    caller = api("hcm.admin")
    caller.client = Client(enforce_csrf_checks=True)
    r = caller.request(
        "patch",
        f"/members/{m.pk}",
        data={"version": m.version, "phone": "0999999998"},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert Member.objects.get(pk=m.pk).phone == "0999999998"
