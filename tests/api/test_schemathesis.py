"""Issue 12, finding 10: schemathesis with `--checks all` (stateful) over the whole API finds 0 server
errors and 0 undocumented statuses.

A real server (`doanso runserver`) on a throw-away SQLite database seeded with the tiny demo, an
admin token of Trung ương (who sees every unit), and schemathesis' own command line, exactly as an
operator would run it; its config (expected statuses for business-rule refusals) is
`schemathesis.toml` at the repository root. A fixed seed keeps the run deterministic; SCHEMATHESIS_
MAX_EXAMPLES raises the depth locally (the default keeps the run near two minutes on two cores).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(env, *args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "doanso"), *args], env=env, cwd=ROOT, capture_output=True, text=True, check=True, **kw
    )


@pytest.mark.skipif(
    "postgres" in os.environ.get("DATABASE_URL", ""),
    reason="builds its own SQLite database whatever DATABASE_URL says: the SQLite run already ran it",
)
def test_schemathesis_finds_no_server_error_and_no_undocumented_status(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DOANSO_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "doanso.settings",
    }
    _run(env, "migrate", "--noinput", "-v", "0")
    _run(env, "seed-demo", "--scale", "tiny")
    token = (
        _run(
            env,
            "shell",
            "-c",
            "from doanso.accounts.models import ApiToken, User;"
            "print('TOKEN=' + ApiToken.issue(User.objects.get(username='tw.admin')))",
        )
        .stdout.split("TOKEN=")[1]
        .strip()
    )
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "doanso"), "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "server.log", "w"),  # noqa: SIM115 - closed with the process
    )
    try:
        url = f"http://127.0.0.1:{port}/api/v1/openapi.json"
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        run = subprocess.run(
            [
                str(BIN / "schemathesis"),
                "run",
                url,
                "--checks",
                "all",
                "--phases",
                "examples,coverage,fuzzing,stateful",
                "--max-examples",
                os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "5"),
                "--seed",
                "1",
                "--workers",
                "2",
                "-H",
                f"Authorization: Bearer {token}",
                "--no-color",
                # a slow answer on a loaded two-core machine is not an API fault (a CI run once
                # stopped on one request past the default timeout)
                "--request-timeout",
                "60",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=540,
        )
    finally:
        server.terminate()
        server.wait(10)
    out = run.stdout + run.stderr
    (tmp_path / "schemathesis.txt").write_text(out)  # the whole report, for a failure's reader
    errors = out.find("=== ERRORS ===")
    assert errors < 0, out[errors : errors + 6000]
    assert "Server error" not in out, out[-6000:]
    assert "Undocumented status code" not in out, out[-6000:]
    assert "Tested:" in out and "generated" in out, out[-3000:]
    assert run.returncode == 0, out[-6000:]
    assert "Traceback" not in (tmp_path / "server.log").read_text()
