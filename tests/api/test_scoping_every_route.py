"""Every API route and every web URL, aimed by a Hà Nội admin at Hồ Chí Minh's data (tests/scopewalk.py).

The walk is honest: each request is first made by HCM's own admin and must be accepted, so the
attacker's copy reaches the code past validation. `test_the_walk_fails_without_scoping` proves the
walk can fail: with the scoping function widened to the whole tree, every case must be flagged.
"""

import pytest

from tests import scopewalk


def _report(outcomes):
    return "\n".join(f"{o.key}\n    " + "\n    ".join(o.problems) for o in outcomes if o.problems)


def _api_keys() -> set[str]:
    from doanso.api.urls import api

    return {f"{m.upper()} {path}" for path, ops in api.get_openapi_schema()["paths"].items() for m in ops}


@pytest.mark.django_db
def test_every_api_route_is_scoped():
    outcomes = scopewalk.walk_api()
    walked = {o.key.split(" · ")[0] for o in outcomes}
    assert walked == _api_keys() - set(scopewalk.UNSCOPED_API)
    assert set(scopewalk.UNSCOPED_API) <= _api_keys()
    assert not [o for o in outcomes if o.problems], _report(outcomes)


@pytest.fixture
def scoping_off(monkeypatch):
    """Widen every user's scope to the whole tree, at the one place scopes are made.

    `scope_for` builds each Scope from the paths of the user's units through `_minimal`; making it
    return the root of the tree and its top-level units makes `covers`, `administers`, `q()` and
    `ancestor_ids` say yes to everything for every caller of the scoping function, and makes every
    province one of the units the user acts for (`acting_units`, shown on the home page).
    """
    from django.db.models import Q

    from doanso.accounts import scoping
    from doanso.org.models import Unit

    tops = Unit.objects.filter(Q(parent=None) | Q(parent__parent=None))
    paths = tuple(sorted(tops.values_list("path", flat=True)))
    monkeypatch.setattr(scoping, "_minimal", lambda _paths: paths)


@pytest.mark.django_db
def test_the_api_walk_fails_without_scoping(scoping_off):
    outcomes = scopewalk.walk_api()
    missed = [o for o in outcomes if not o.leak]
    assert not missed, "the walk did not notice these routes were unscoped:\n" + "\n".join(
        f"{o.key} (attacker {o.attacker}) {o.problems}" for o in missed
    )


@pytest.mark.django_db
def test_every_web_url_is_scoped(login):
    outcomes = scopewalk.walk_web(login)
    routes = set(scopewalk.web_routes())
    assert {o.key for o in outcomes} == routes - set(scopewalk.UNSCOPED_WEB)
    assert set(scopewalk.UNSCOPED_WEB) <= routes
    assert not [o for o in outcomes if o.problems], _report(outcomes)


@pytest.mark.django_db
def test_the_web_walk_fails_without_scoping(scoping_off, login):
    outcomes = scopewalk.walk_web(login)
    missed = [o for o in outcomes if not o.leak]
    assert not missed, "the walk did not notice these pages were unscoped:\n" + "\n".join(
        f"{o.key} (attacker {o.attacker}) {o.problems}" for o in missed
    )


@pytest.mark.django_db
def test_a_foreign_unit_code_in_a_body_reads_as_unknown(api):
    """The attacker's own plan, with HCM's unit codes in the body: refused like a code that does not
    exist, without the unit's name (before: "“Đoàn xã Phước Lộc” (HCM-P001) không phải đơn vị cấp
    dưới của Thành đoàn Hà Nội")."""
    c = api(scopewalk.ATTACKER)
    plan = c.post(
        "/plans", {"issuer": "HN", "title": "KH HN", "issued_on": "2026-01-05", "period_start": "2026"}
    )
    pid = plan.json()["id"]
    tid = c.post(f"/plans/{pid}/targets", {"indicator": "TN_LUOT", "value": 100, "period": "2026"}).json()[
        "id"
    ]
    foreign = scopewalk.World().id("unit_code") + "-P001"
    for path, body in [
        (f"/plans/{pid}/targets/{tid}/allocations", {"method": "manual", "shares": {foreign: 5}}),
        (f"/plans/{pid}/targets/{tid}/allocations", {"method": "proportional", "units": [foreign]}),
        (f"/plans/{pid}/tasks", {"title": "Nhiệm vụ", "lead": foreign}),
        (f"/plans/{pid}/tasks", {"title": "Nhiệm vụ", "supporting": [foreign]}),
    ]:
        before = scopewalk.table_counts()
        r = c.post(path, body)
        assert r.status_code == 400, (path, body)
        assert r.json()["detail"] == f"Không có đơn vị mã “{foreign}”.", (path, body)
        assert scopewalk.table_counts() == before
