"""A real primary and streaming replica on this machine (scripts/pg-replica.sh; Patroni-managed and
behind pgbouncer when those Debian packages are installed): the dashboard read
from the replica equals the primary's once the replica has replayed the primary's WAL.

Runs in the PostgreSQL run of the suite (DATABASE_URL=postgres://…, as CI does) or with
DOANSO_TEST_REPLICA=1; marked `replica` so `-m "not replica"` leaves it out (~30 s).
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
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
        yield tmp, urls
    finally:
        subprocess.run([SCRIPT, "stop", str(tmp / "pg")], capture_output=True, timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)


def test_dashboard_from_the_replica_equals_the_primary_after_catch_up(clusters):
    tmp, urls = clusters
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
    assert [(t["indicator"], t["actual"]) for t in body["targets"]] == [("TIN_TOT", 5)]

    # Replay paused: a fresh browser reads the replica, which has not seen the submission...
    stale, n_stale = seen["paused"]["replica"]
    fresh, _ = seen["paused"]["primary"]
    assert n_stale > 0
    assert stale == truth
    assert [(t["indicator"], t["actual"]) for t in fresh["targets"]] == [("TIN_TOT", 12)]
    # ...while the browser that submitted reads its own write from the primary.
    assert seen["writer_pinned"] is True
    mine, n_mine = seen["paused"]["writer"]
    assert mine == fresh and n_mine == 0

    # Replay resumed and caught up (pg_last_wal_replay_lsn ≥ the primary's LSN): equal again.
    after, n_after = seen["after"]["replica"]
    assert n_after > 0
    assert after == seen["after"]["primary"][0] == fresh
