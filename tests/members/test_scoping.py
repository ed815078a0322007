"""Every members route, aimed by a Hà Nội admin at Hồ Chí Minh's data, answers 404/400 and writes nothing."""

import re

import pytest

from doanso.core.models import AuditLog
from tests.api.test_scoping_every_route import MARKERS, VICTIM_CODE, _foreign, api_routes

MINE = ("/api/v1/members", "/api/v1/transfers")
MINE_UNIT = ("/members", "/indicators", "/maturity", "/ratings", "/nominations", "/dues")


def _mine(path: str) -> bool:
    return (
        path.startswith(MINE)
        or (path.startswith("/api/v1/units/{code}/") and path.endswith(MINE_UNIT))
        or "/ratings/" in path
    )


@pytest.mark.django_db
def test_members_routes_are_scoped(api):
    caller = api("hn.admin")
    checked = 0
    for path, method, _op in api_routes():
        if not _mine(path):
            continue
        url = path.removeprefix("/api/v1")
        for name in re.findall(r"{(\w+)}", path):
            url = url.replace("{" + name + "}", str(_foreign(name)))
        before = AuditLog.objects.count()
        if method == "GET":
            r = caller.client.get(f"/api/v1{url}", headers=caller.headers)
        else:
            r = getattr(caller.client, method.lower())(
                f"/api/v1{url}?year=2025", data="{}", content_type="application/json", headers=caller.headers
            )
        assert AuditLog.objects.count() == before, f"{method} {path} wrote something"
        body = r.content.decode()
        if "{" in path:
            assert r.status_code in (403, 404, 400, 422), f"{method} {path} answered {r.status_code}"
        assert not any(m in body for m in MARKERS), f"{method} {path} leaked: {body[:200]}"
        checked += 1
    assert checked >= 20
    assert VICTIM_CODE == "HCM"
