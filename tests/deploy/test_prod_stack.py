"""The production stack, started as `make prod` starts it, serves a login over HTTP (PostgreSQL run).

scripts/prod.sh creates its env file with new keys, checks, migrates, collects static files and
runs the Procfile with honcho: gunicorn, the task worker and the scheduler. The test logs in as a
browser behind the TLS proxy would (X-Forwarded-Proto: https), then stops the stack with Ctrl-C
and expects every process gone.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg
import pytest

from doanso.demo.seed import DEMO_PASSWORD
from tests.deploy.helpers import ROOT, clean_env, doanso, free_port

POSTGRES_URL = os.environ.get("DATABASE_URL", "")
pytestmark = [
    pytest.mark.prodstack,
    pytest.mark.skipif(
        not POSTGRES_URL.startswith("postgres"), reason="the production stack runs on PostgreSQL"
    ),
]


@pytest.fixture
def stack_database():
    """A database of its own (not the test database, which pytest-django holds in a transaction)."""
    name = f"doanso_stack_{uuid.uuid4().hex[:8]}"
    admin = urlunsplit(urlsplit(POSTGRES_URL)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(urlsplit(POSTGRES_URL)._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Browser:
    """HTTP through the TLS proxy's eyes: https announced by header, cookies kept by hand."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None, https: bool = True, **headers: str):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {k.replace("_", "-"): v for k, v in headers.items()}
        if https:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie(header)
            for key, morsel in jar.items():
                assert morsel["secure"], f"cookie {key} sent without Secure"
                self.cookies[key] = morsel.value
        conn.close()
        return response, content.decode("utf-8", "replace")


def wait_for(port: int, process: subprocess.Popen, log_path, seconds: float = 420) -> None:
    """Seconds enough for migrate + collectstatic + gunicorn on a 2-core machine running the suite
    in parallel (180 s was not, on a clean clone with other jobs beside it)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("make prod stopped:\n" + log_path.read_text()[-4000:])
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"no /healthz within {seconds} s:\n" + log_path.read_text()[-4000:])


def stop(process: subprocess.Popen, log_path) -> None:
    """Stops the whole process group; a group already gone means the stack died early: say why."""
    try:
        os.killpg(process.pid, signal.SIGINT)
    except ProcessLookupError:
        raise AssertionError(f"make prod stopped by itself:\n{log_path.read_text()[-4000:]}") from None
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_make_prod_serves_a_login(tmp_path, stack_database):
    port = free_port()
    env = clean_env(tmp_path, DATABASE_URL=stack_database, PORT=str(port), WEB_CONCURRENCY="1")
    log_path = tmp_path / "prod.log"
    started = time.monotonic()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "prod"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for(port, process, log_path)
        up_after = time.monotonic() - started
        text = log_path.read_text()
        assert "created" in text and "NEW SECRET KEYS" in text
        assert (tmp_path / "prod.env").stat().st_mode & 0o077 == 0

        keys = dict(
            line.split("=", 1) for line in (tmp_path / "prod.env").read_text().splitlines() if "=" in line
        )
        seeded = doanso(env | keys | {"DOANSO_DEBUG": "false"}, "seed-demo", "--scale", "tiny", "--if-empty")
        assert seeded.returncode == 0, seeded.stderr

        browser = Browser(port)
        response, body = browser.request("GET", "/readyz", https=False)
        assert (response.status, body) == (
            200,
            '{"status": "ok", "checks": {"database": "ok", "cache": "ok"}}',
        )
        response, _ = browser.request("GET", "/login/", https=False)
        assert (response.status, response.headers["Location"]) == (301, f"https://127.0.0.1:{port}/login/")

        response, page = browser.request("GET", "/login/")
        assert response.status == 200
        assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        script = re.search(r'src="(/static/web/app\.[0-9a-f]{12}\.js)"', page).group(1)

        origin = f"https://127.0.0.1:{port}"
        form = urlencode({"csrfmiddlewaretoken": token, "username": "hn.admin", "password": DEMO_PASSWORD})
        response, _ = browser.request(
            "POST",
            "/login/",
            body=form,
            Content_Type="application/x-www-form-urlencoded",
            Origin=origin,
            Referer=f"{origin}/login/",
        )
        assert (response.status, response.headers["Location"]) == (302, "/")
        assert "sessionid" in browser.cookies
        response, home = browser.request("GET", "/")
        assert response.status == 200
        assert "hn.admin" in home or "Hà Nội" in home

        response, js = browser.request("GET", script)
        assert response.status == 200 and "data-autosubmit" in js
        assert "immutable" in response.headers["Cache-Control"]

        # the task worker drains the database queue: a task enqueued by another process runs
        enqueued = doanso(
            env | keys | {"DOANSO_DEBUG": "false"},
            "shell",
            "-c",
            "from doanso.reports.tasks import send_reminders; print(send_reminders.enqueue().id)",
        )
        assert enqueued.returncode == 0, enqueued.stderr
        task_id = enqueued.stdout.split()[-1]  # after shell's "N objects imported automatically"
        status = None
        deadline = time.monotonic() + 60
        with psycopg.connect(stack_database, autocommit=True) as conn:
            while status != "SUCCESSFUL" and time.monotonic() < deadline:
                time.sleep(0.5)
                row = conn.execute(
                    "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s", [task_id]
                ).fetchone()
                status = row and row[0]
        assert status == "SUCCESSFUL"

        text = log_path.read_text()
        assert "Starting worker" in text  # the django-tasks database worker
        assert "scheduler started with" in text
        assert '"path": "/login/", "query": "", "status": 302' in text  # one JSON line per request
        print(f"make prod: /healthz answered {up_after:.1f} s after start (fresh database)")
    finally:
        stop(process, log_path)
    time.sleep(1)
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)  # gunicorn, worker and scheduler all stopped
