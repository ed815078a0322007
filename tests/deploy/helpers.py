"""Running `doanso` and gunicorn as separate processes with a chosen environment."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def clean_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """The machine's environment without any DOANSO_* or DATABASE_URL, on a fresh SQLite file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOANSO_", "DATABASE_URL", "DJANGO_"))}
    env["DOANSO_VAR_DIR"] = str(tmp_path)
    env["DATABASE_URL"] = ""
    env.update(overrides)
    return env


def prod_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """Production settings as `make prod` sets them: debug off and keys of its own."""
    keys = {
        "DOANSO_DEBUG": "false",
        "DOANSO_SECRET_KEY": secrets.token_urlsafe(50),
        "DOANSO_DATA_KEY": secrets.token_urlsafe(50),
    }
    return clean_env(tmp_path, **(keys | overrides))


def doanso(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "doanso"), *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
