"""Dockerfile and compose.yaml cannot be run here (no container engine): their parts are checked."""

import re
import shlex
import subprocess

import yaml

from tests.deploy.helpers import ROOT


def test_compose_runs_app_worker_scheduler_postgres_and_redis():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"app", "worker", "scheduler", "postgres", "redis"}
    for name in ("app", "worker", "scheduler"):
        service = services[name]
        assert service["build"] == "." and service["command"] == [{"app": "web"}.get(name, name)]
        env = service["environment"]
        assert env["DOANSO_DEBUG"] == "false"
        assert env["DATABASE_URL"].endswith("@postgres:5432/doanso")
        assert env["DOANSO_CACHE_URL"] == "redis://redis:6379/0"
        assert env["DOANSO_TASK_BACKEND"] == "django_tasks_db.DatabaseBackend"
        # no default key: compose refuses to start without them, as the settings do
        assert env["DOANSO_SECRET_KEY"].startswith("${DOANSO_SECRET_KEY:?")
        assert env["DOANSO_DATA_KEY"].startswith("${DOANSO_DATA_KEY:?")
        assert service["depends_on"]["postgres"] == {"condition": "service_healthy"}
    assert "/readyz" in " ".join(services["app"]["healthcheck"]["test"])


def test_dockerfile_copies_files_that_exist():
    text = (ROOT / "Dockerfile").read_text()
    copied = []
    for line in text.splitlines():
        if line.startswith("COPY "):
            copied += shlex.split(line)[1:-1]
    assert copied, "no COPY line"
    missing = [p for p in copied if not (ROOT / p).exists()]
    assert missing == []
    entry = re.search(r'ENTRYPOINT \["([^"]+)"\]', text).group(1)
    assert (ROOT / entry.removeprefix("/app/")).stat().st_mode & 0o111


def test_the_container_processes_match_the_procfile():
    procfile = dict(
        line.split(": ", 1)
        for line in (ROOT / "Procfile").read_text().splitlines()
        if line and line[0] != "#"
    )
    entry = (ROOT / "scripts/docker-entrypoint.sh").read_text()
    assert set(procfile) == {"web", "worker", "scheduler"}
    for command in procfile.values():
        assert f"exec {command}" in entry


def test_shell_scripts_parse():
    for script in ("scripts/prod.sh", "scripts/docker-entrypoint.sh"):
        done = subprocess.run(["bash", "-n", script], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
