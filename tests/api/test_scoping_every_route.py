"""Walks every API route and every web URL as a Hà Nội admin aimed at Hồ Chí Minh's data.

Every route must answer 404/403 (or, for lists without a target, leak nothing of HCM),
and writes must leave the database unchanged. A route whose parameters this test cannot
fill makes it fail: add a provider to FOREIGN below when adding routes.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from doanso.core.models import AuditLog

ATTACKER = "hn.admin"
VICTIM_CODE = "HCM"
MARKERS = ("TP. Hồ Chí Minh", '"HCM', "HCM-")


def _foreign(name: str):
    """Return a value for a path parameter that points into the victim's data."""
    from doanso.accounts.models import Role
    from doanso.org.models import Unit

    victim = Unit.objects.get(code=VICTIM_CODE)
    providers = {
        "code": lambda: VICTIM_CODE,
        "unit_code": lambda: VICTIM_CODE,
        "role_id": lambda: Role.objects.filter(unit=victim).values_list("pk", flat=True).first(),
        "username": lambda: "hcm.admin",
    }
    # Feature apps register providers for their ids in tests/scoping_providers.py.
    try:
        from tests import scoping_providers
    except ImportError:
        scoping_providers = None
    if scoping_providers is not None:
        providers.update(scoping_providers.providers(victim))
    if name not in providers:
        pytest.fail(f"no foreign value for path parameter {name!r}: add one to tests/scoping_providers.py")
    return providers[name]()


def api_routes():
    from doanso.api.urls import api

    schema = api.get_openapi_schema()
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            yield path, method.upper(), op


def web_routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            if route.startswith(("api/", "admin/", "i18n/")):
                continue
            yield from web_routes(p, route)
        elif isinstance(p, URLPattern):
            yield route


@pytest.mark.django_db
def test_every_api_route_is_scoped(api):
    caller = api(ATTACKER)
    checked = 0
    for path, method, op in api_routes():
        if path in ("/api/v1/auth/token", "/api/v1/openapi.json"):
            continue
        params = re.findall(r"{(\w+)}", path)
        url = path.removeprefix("/api/v1")
        for name in params:
            url = url.replace("{" + name + "}", str(_foreign(name)))
        query = {}
        for prm in op.get("parameters", []):
            if prm.get("in") == "query" and prm["name"] in ("unit", "unit_code"):
                query[prm["name"]] = VICTIM_CODE
        before = AuditLog.objects.count()
        if method == "GET":
            r = caller.client.get(f"/api/v1{url}", query, headers=caller.headers)
        else:
            r = getattr(caller.client, method.lower())(
                f"/api/v1{url}" + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""),
                data="{}",
                content_type="application/json",
                headers=caller.headers,
            )
            assert AuditLog.objects.count() == before, f"{method} {path} wrote something"
        if params or query:
            assert r.status_code in (403, 404, 400, 422), f"{method} {path} answered {r.status_code}"
            if r.status_code in (400, 422):
                assert not any(m in r.content.decode() for m in MARKERS), f"{method} {path} leaked"
        else:
            body = r.content.decode()
            assert not any(m in body for m in MARKERS), f"{method} {path} leaked another province's data"
        checked += 1
    assert checked >= 4


@pytest.mark.django_db
def test_every_web_url_is_scoped(login):
    client = login(ATTACKER)
    checked = 0
    for route in web_routes():
        params = re.findall(r"<(?:\w+:)?(\w+)>", route)
        url = "/" + route
        for name in params:
            url = re.sub(r"<(?:\w+:)?" + name + ">", str(_foreign(name)), url)
        url = url.replace("^", "").replace("$", "")
        before = AuditLog.objects.count()
        r = client.get(url, {"unit": VICTIM_CODE} if not params else {})
        if params:
            assert r.status_code in (403, 404, 405), f"GET {url} answered {r.status_code}"
            rp = client.post(url, {})
            assert rp.status_code in (403, 404, 405), f"POST {url} answered {rp.status_code}"
            assert AuditLog.objects.count() == before, f"POST {url} wrote something"
        elif r.status_code == 200:
            body = r.content.decode()
            assert not any(m in body for m in MARKERS), f"GET {url} leaked another province's data"
        checked += 1
    assert checked >= 1
