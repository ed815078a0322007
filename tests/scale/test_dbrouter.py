"""The database router: stale-tolerant reads to the replica, writes and read-your-writes on the primary.

These run on every engine with the replica alias simulated (`replica_alias` patched); the real
replica is exercised by tests/scale/test_replica.py.
"""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from doanso.core import dbrouter
from doanso.core.dbrouter import DoansoRouter, ReplicaPinMiddleware, stale_ok, stale_reads_ok
from doanso.members.models import DuesPayment, Member


@pytest.fixture(autouse=True)
def _fresh_request_state():
    """Each test starts as a new request: not pinned, no stale context."""
    t1, t2 = dbrouter._pinned.set(False), dbrouter._stale_ok.set(False)
    yield
    dbrouter._pinned.reset(t1)
    dbrouter._stale_ok.reset(t2)


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setattr(dbrouter, "replica_alias", lambda: dbrouter.REPLICA)


def test_without_a_replica_everything_reads_the_primary():
    assert dbrouter.replica_alias() is None
    with stale_reads_ok():
        assert dbrouter.read_alias() == "default"
    assert stale_ok(Member.objects).db == "default"


def test_only_reads_marked_stale_go_to_the_replica(with_replica):
    assert dbrouter.read_alias() == "default"
    assert Member.objects.filter(status="x").db == "default"
    with stale_reads_ok():
        assert dbrouter.read_alias() == "replica"
        assert Member.objects.filter(status="x").db == "replica"
    assert dbrouter.read_alias() == "default"
    # The hint survives chaining, wherever the queryset is evaluated later.
    assert stale_ok(Member.objects).filter(status="x").order_by("id")[:5].db == "replica"


def test_after_a_write_the_request_reads_the_primary(with_replica):
    lazy = stale_ok(Member.objects).filter(status="x")
    assert lazy.db == "replica"
    assert DoansoRouter().db_for_write(Member) == "default"
    assert lazy.db == "default"
    with stale_reads_ok():
        assert dbrouter.read_alias() == "default"


def test_an_instance_read_from_the_replica_is_saved_to_the_primary(with_replica):
    m = Member(full_name="x")
    m._state.db = "replica"
    assert DoansoRouter().db_for_write(Member, instance=m) == "default"
    other = Member(full_name="y")
    other._state.db = "default"
    assert DoansoRouter().allow_relation(m, other) is True


def test_migrations_never_run_on_the_replica():
    r = DoansoRouter()
    assert r.allow_migrate("replica", "members") is False
    assert r.allow_migrate("default", "members") is True


@pytest.mark.django_db
def test_a_stale_queryset_works_as_a_subquery_of_a_primary_query(with_replica):
    """The hint does not force a database, so Django does not refuse the cross-database subquery."""
    members = stale_ok(Member.objects).filter(status="active")
    qs = DuesPayment.objects.filter(member__in=members)
    assert qs.db == "default"
    expected = set(DuesPayment.objects.filter(member__status="active").values_list("pk", flat=True))
    assert expected and set(qs.values_list("pk", flat=True)) == expected


def test_member_lists_may_read_the_replica(with_replica, unit, user):
    from doanso.members import selectors

    admin = user("ct.admin")
    ct = unit("CT")
    assert selectors.members_in(admin, ct).db == "replica"
    assert selectors.maturity_due(admin, ct).db == "replica"
    assert selectors.nominations_in(admin, ct).db == "replica"
    assert selectors.transfers_for(admin).db == "replica"
    assert selectors.visible_member.__name__  # single records are not lists: primary
    assert Member.objects.filter(branch__path__startswith=ct.path).db == "default"


def test_dashboard_reads_happen_in_the_stale_context(monkeypatch, st_plan, unit):
    """Every read the dashboard makes is allowed on the replica (recorded, then sent to default)."""
    from doanso.core.calendar import periods
    from doanso.dashboard import services

    ct = unit("CT")
    seen = []
    monkeypatch.setattr(
        DoansoRouter, "db_for_read", lambda self, model, **h: seen.append(dbrouter._stale_ok.get())
    )
    services.page(st_plan, ct, periods.parse("2024"))
    assert seen and all(seen)
    seen.clear()
    list(Member.objects.all()[:1])
    assert seen == [False]


@pytest.fixture
def st_plan(db):
    from doanso.plans.models import Plan

    return Plan.objects.get(issuer__code="ST")


def _view(write: bool):
    def view(request):
        before = dbrouter.read_alias({dbrouter.HINT: True})
        if write:
            DoansoRouter().db_for_write(Member)
        return HttpResponse(before)

    return view


def test_middleware_reads_replica_for_a_plain_get(with_replica, settings):
    resp = ReplicaPinMiddleware(_view(write=False))(RequestFactory().get("/"))
    assert resp.content == b"replica"
    assert dbrouter.PIN_COOKIE not in resp.cookies
    assert not dbrouter.pinned()  # the state does not leak to the next request


def test_middleware_pins_a_browser_that_wrote(with_replica, settings):
    settings.DOANSO_REPLICA_PIN_SECONDS = 7
    resp = ReplicaPinMiddleware(_view(write=True))(RequestFactory().get("/"))
    assert resp.content == b"replica"  # read before the write
    assert resp.cookies[dbrouter.PIN_COOKIE]["max-age"] == 7
    rf = RequestFactory()
    rf.cookies[dbrouter.PIN_COOKIE] = "1"
    assert ReplicaPinMiddleware(_view(write=False))(rf.get("/")).content == b"default"


def test_middleware_keeps_unsafe_methods_on_the_primary(with_replica):
    resp = ReplicaPinMiddleware(_view(write=False))(RequestFactory().post("/"))
    assert resp.content == b"default"
    assert resp.cookies[dbrouter.PIN_COOKIE].value == "1"


def test_middleware_sets_no_cookie_without_a_replica():
    resp = ReplicaPinMiddleware(_view(write=True))(RequestFactory().post("/"))
    assert resp.content == b"default"
    assert dbrouter.PIN_COOKIE not in resp.cookies


def _settings_with(**env) -> dict:
    """The settings module as a process with these environment variables reads it."""
    import json
    import os
    import subprocess
    import sys

    code = (
        "import json, doanso.settings as s; print(json.dumps({'dbs': s.DATABASES, "
        "'mw': s.MIDDLEWARE, 'routers': s.DATABASE_ROUTERS}, default=str))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_replica_url_adds_the_alias_and_the_middleware():
    s = _settings_with(
        DATABASE_URL="postgres://u@db1:5432/doanso", DATABASE_REPLICA_URL="postgres://u@db2:6432/doanso"
    )
    assert (s["dbs"]["replica"]["HOST"], s["dbs"]["replica"]["PORT"]) == ("db2", 6432)
    assert s["dbs"]["replica"]["TEST"] == {"MIRROR": "default"}
    assert s["mw"][0] == "doanso.core.dbrouter.ReplicaPinMiddleware"
    assert s["routers"] == ["doanso.core.dbrouter.DoansoRouter"]
    plain = _settings_with(DATABASE_URL="postgres://u@db1:5432/doanso", DATABASE_REPLICA_URL="")
    assert "replica" not in plain["dbs"] and "doanso.core.dbrouter.ReplicaPinMiddleware" not in plain["mw"]


def test_pgbouncer_disables_server_side_cursors_on_every_alias():
    s = _settings_with(
        DATABASE_URL="postgres://u@db1:5432/doanso",
        DATABASE_REPLICA_URL="postgres://u@db2:6432/doanso",
        DOANSO_DB_POOLER="pgbouncer",
    )
    assert [d.get("DISABLE_SERVER_SIDE_CURSORS") for d in s["dbs"].values()] == [True, True]
    assert not _settings_with(DOANSO_DB_POOLER="")["dbs"]["default"].get("DISABLE_SERVER_SIDE_CURSORS")
