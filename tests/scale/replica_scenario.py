"""Run by test_replica.py in a fresh process, against a primary (DATABASE_URL) and its streaming
replica (DATABASE_REPLICA_URL): migrate, seed the tiny demo, then read the dashboard API from the
replica and from the primary around a report submission. Prints one JSON object with what it saw."""

import json
import os
import sys
import time
import urllib.request
from datetime import date

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from doanso.accounts.models import ApiToken, User
    from doanso.core import dbrouter
    from doanso.demo.seed import seed
    from doanso.org.models import Unit
    from doanso.plans import api as plans
    from doanso.reports import services as reports

    assert "replica" in connections.databases, "DATABASE_REPLICA_URL is not set"
    t0 = time.monotonic()
    call_command("migrate", verbosity=0)
    seed("tiny", log=lambda *_: None)
    setup_s = time.monotonic() - t0

    def primary_lsn() -> str:
        with connections["default"].cursor() as c:
            c.execute("select pg_current_wal_lsn()::text")
            return c.fetchone()[0]

    def replica_sql(sql: str, *args):
        with connections["replica"].cursor() as c:
            c.execute(sql, args)
            return c.fetchone()[0] if c.description else None

    def patroni_maintenance(on: bool) -> None:
        """Patroni's maintenance mode (`patronictl pause`) through its REST API, when it manages the
        servers; returns once every member reports it."""
        rest = [u for u in os.environ.get("PATRONI_REST", "").split(",") if u]
        if not rest:
            return
        body = json.dumps({"pause": on}).encode()
        req = urllib.request.Request(f"{rest[0]}/config", data=body, method="PATCH")
        req.add_header("Content-Type", "application/json")
        urllib.request.urlopen(req, timeout=10).read()
        start = time.monotonic()
        while any(
            bool(json.load(urllib.request.urlopen(f"{u}/patroni", timeout=10)).get("pause")) != on
            for u in rest
        ):
            if time.monotonic() - start > 30:
                raise SystemExit(f"Patroni maintenance mode did not turn {'on' if on else 'off'}")
            time.sleep(0.2)

    def catch_up(timeout: float = 20.0) -> float:
        """Wait until the replica has replayed everything the primary wrote so far."""
        lsn, start = primary_lsn(), time.monotonic()
        while not replica_sql("select pg_last_wal_replay_lsn() >= %s::pg_lsn", lsn):
            if time.monotonic() - start > timeout:
                raise SystemExit("replica did not catch up")
            time.sleep(0.05)
        return time.monotonic() - start

    # A 2026 plan of the centre: a CONG_TRINH_TN target and a weekly report from Hà Nội (one filed).
    tw, hn = Unit.objects.get(code="TW"), Unit.objects.get(code="HN")
    plan = plans.create_plan(
        None, tw, title="Kế hoạch thử bản sao", issued_on=date(2026, 1, 5), period_start="2026", issue=True
    )
    plans.add_target(None, plan, indicator="CONG_TRINH_TN", value=100, period="2026")
    ob = plans.add_obligation(
        None,
        plan,
        title="Báo cáo tuần",
        due_rule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0",
        indicators=["CONG_TRINH_TN"],
        applies_to="chosen",
        units=[hn],
    )
    reports.submit(None, reports.open_report(None, ob, hn, "2026W10"), {"CONG_TRINH_TN": 5})
    token = ApiToken.issue(User.objects.get(username="hn.admin"))
    auth = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/plans/{plan.pk}/dashboard"
    params = {"unit": "HN", "period": "2026"}
    Client().get(url, params, headers=auth)  # the token's first use writes last_used_at once

    def read(pinned: bool) -> tuple[dict, int]:
        """The dashboard as a fresh browser sees it (replica), or one that just wrote (primary)."""
        c = Client()
        if pinned:
            c.cookies[dbrouter.PIN_COOKIE] = "1"
        with CaptureQueriesContext(connections["replica"]) as q:
            r = c.get(url, params, headers=auth)
        assert r.status_code == 200, r.content
        return r.json(), len(q)

    from django.conf import settings

    out: dict = {
        "setup_s": round(setup_s, 1),
        "in_recovery": replica_sql("select pg_is_in_recovery()"),
        "pooler": settings.DOANSO_DB_POOLER,
    }
    out["catch_up_s"] = round(catch_up(), 3)
    out["before"] = {"replica": read(False), "primary": read(True)}

    # Hold the replica back, then submit a report on the primary through the API. Patroni resumes a
    # paused replay on its next loop (every 2 s, `handle_parameter_change`) unless the cluster is in
    # maintenance mode: on a busy machine the reads below took longer than that and saw the write.
    patroni_maintenance(True)
    replica_sql("select pg_wal_replay_pause()")
    # The pause is only requested: wait until replay has really stopped before writing.
    while replica_sql("select pg_get_wal_replay_pause_state()") != "paused":
        time.sleep(0.05)
    # Longer than two Patroni loops (loop_wait 2 s): without maintenance mode the replay would be
    # resumed by now, and the stale read below would see the write — this wait makes that certain.
    time.sleep(float(os.environ.get("REPLICA_PAUSE_HOLD_S", "5")))
    writer = Client()
    rep = writer.post(
        "/api/v1/reports",
        {"obligation": ob.pk, "unit": "HN", "period": "2026W11"},
        content_type="application/json",
        headers=auth,
    ).json()
    sub = writer.post(
        f"/api/v1/reports/{rep['id']}/submit",
        {"values": {"CONG_TRINH_TN": 7}, "version": rep["version"]},
        content_type="application/json",
        headers=auth,
    )
    assert sub.status_code == 200, sub.content
    out["writer_pinned"] = dbrouter.PIN_COOKIE in writer.cookies
    with CaptureQueriesContext(connections["replica"]) as q:
        mine = writer.get(url, params, headers=auth).json()
    out["paused"] = {"replica": read(False), "primary": read(True), "writer": (mine, len(q))}

    replica_sql("select pg_wal_replay_resume()")
    patroni_maintenance(False)
    out["catch_up_after_write_s"] = round(catch_up(), 3)
    out["after"] = {"replica": read(False), "primary": read(True)}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
