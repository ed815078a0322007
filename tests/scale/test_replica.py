"""A real primary and streaming replica on this machine (scripts/pg-replica.sh; Patroni-managed and
behind pgbouncer when those Debian packages are installed): the dashboard read
from the replica equals the primary's once the replica has replayed the primary's WAL.

Runs in the PostgreSQL run of the suite (DATABASE_URL=postgres://…, as CI does) or with
DOANSO_TEST_REPLICA=1; marked `replica` so `-m "not replica"` leaves it out (~30 s).
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "pg-replica.sh"
# Patroni (with one etcd node) manages the two servers when Debian's packages are installed.
PATRONI = bool(shutil.which("patroni") and shutil.which("etcd"))
PGBOUNCER = shutil.which("pgbouncer") or (
    "/usr/sbin/pgbouncer" if os.path.exists("/usr/sbin/pgbouncer") else None
)

pytestmark = [
    pytest.mark.replica,
    pytest.mark.skipif(
        not (
            os.environ.get("DATABASE_URL", "").startswith("postgres") or os.environ.get("DOANSO_TEST_REPLICA")
        ),
        reason="PostgreSQL run only (DATABASE_URL=postgres://… or DOANSO_TEST_REPLICA=1)",
    ),
]


def _free_ports(n: int) -> list[int]:
    """n distinct free ports (all held open while choosing, so they differ)."""
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


@pytest.fixture(scope="module")
def clusters():
    tmp = Path(tempfile.mkdtemp(prefix="doanso-replica-"))
    os.chmod(tmp, 0o755)
    try:
        # Through pgbouncer in transaction mode when it is installed (scripts/system-deps.sh), as
        # in production; straight to the two servers otherwise.
        ports = _free_ports(3 if PGBOUNCER else 2)
        started = subprocess.run(
            [SCRIPT, "start", str(tmp / "pg"), *map(str, ports)],
            capture_output=True,
            text=True,
            timeout=180,
            env={**os.environ, "PG_REPLICA_MANAGER": "patroni" if PATRONI else ""},
        )
        assert started.returncode == 0, started.stderr
        urls = dict(line.split("=", 1) for line in started.stdout.split() if "=" in line)
        assert ("PATRONI_REST" in urls) == PATRONI
        yield tmp, urls, ports
    finally:
        subprocess.run([SCRIPT, "stop", str(tmp / "pg")], capture_output=True, timeout=180)
        shutil.rmtree(tmp, ignore_errors=True)


def test_dashboard_from_the_replica_equals_the_primary_after_catch_up(clusters):
    tmp, urls, _ = clusters
    env = {
        **os.environ,
        **urls,
        "DOANSO_VAR_DIR": str(tmp / "var"),
        "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    run = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "scale" / "replica_scenario.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout)
    assert seen["pooler"] == ("pgbouncer" if PGBOUNCER else "")
    assert seen["in_recovery"] is True  # the second database really is a standby

    body, replica_queries = seen["before"]["replica"]
    truth, primary_replica_queries = seen["before"]["primary"]
    assert replica_queries > 0 and primary_replica_queries == 0
    assert body == truth
    assert [(t["indicator"], t["actual"]) for t in body["targets"]] == [("CONG_TRINH_TN", 5)]

    # Replay paused: a fresh browser reads the replica, which has not seen the submission...
    stale, n_stale = seen["paused"]["replica"]
    fresh, _ = seen["paused"]["primary"]
    assert n_stale > 0
    assert stale == truth
    assert [(t["indicator"], t["actual"]) for t in fresh["targets"]] == [("CONG_TRINH_TN", 12)]
    # ...while the browser that submitted reads its own write from the primary.
    assert seen["writer_pinned"] is True
    mine, n_mine = seen["paused"]["writer"]
    assert mine == fresh and n_mine == 0

    # Replay resumed and caught up (pg_last_wal_replay_lsn ≥ the primary's LSN): equal again.
    after, n_after = seen["after"]["replica"]
    assert n_after > 0
    assert after == seen["after"]["primary"][0] == fresh


def _http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return 0


def _sql(port: int, sql: str):
    import psycopg

    with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="doanso", autocommit=True) as c:
        row = c.execute(sql).fetchone() if sql.lstrip().lower().startswith("select") else c.execute(sql)
        return row[0] if isinstance(row, tuple) else None


@pytest.mark.skipif(not PATRONI, reason="Patroni and etcd are not installed (make system-deps installs them)")
def test_patroni_promotes_the_replica_when_the_primary_dies(clusters):
    """Runs after the dashboard test on the same cluster (or on its own under xdist): the primary's
    Patroni and PostgreSQL are killed with SIGKILL; once the leader key expires (ttl 30 s) the
    replica becomes the primary, keeps what was replicated and takes writes."""
    tmp, urls, ports = clusters
    primary_rest, replica_rest = urls["PATRONI_REST"].split(",")
    pport, rport = ports[0], ports[1]
    assert _http_status(f"{primary_rest}/primary") == 200 and _http_status(f"{replica_rest}/replica") == 200

    _sql(pport, "create table if not exists failover_probe (x int)")
    _sql(pport, "insert into failover_probe values (42)")
    lsn = _sql(pport, "select pg_current_wal_lsn()::text")
    deadline = time.monotonic() + 30
    while not _sql(rport, f"select pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn"):
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.1)

    # The primary's machine "dies": Patroni first (no clean hand-over of the leader key), then PostgreSQL.
    os.kill(int((tmp / "pg" / "primary.pid").read_text()), signal.SIGKILL)
    postmaster = tmp / "pg" / "primary" / "postmaster.pid"
    if postmaster.exists():
        os.kill(int(postmaster.read_text().split()[0]), signal.SIGKILL)

    start = time.monotonic()
    while _http_status(f"{replica_rest}/primary") != 200:
        assert time.monotonic() - start < 90, "the replica was not promoted (see the Patroni logs)"
        time.sleep(0.5)
    # Patroni answers /primary once it holds the leader key; PostgreSQL's promotion may still be ending
    while _sql(rport, "select pg_is_in_recovery()") is not False:
        assert time.monotonic() - start < 120, "the replica stayed in recovery after taking the leader key"
        time.sleep(0.5)
    assert _sql(rport, "select count(*) from failover_probe where x = 42") == 1
    _sql(rport, "insert into failover_probe values (43)")
    assert _sql(rport, "select count(*) from failover_probe") == 2
