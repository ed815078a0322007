"""The import contracts of `make lint` (docs/decisions/0007-layers.md) hold, and each fails when a
forbidden import is added: checked on a copy of the source with one import more."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(src: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_contracts_hold(tmp_path):
    done = _lint(ROOT / "src", tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("plans/allocation.py", "from doanso.demo import seed", "No product module imports the demo"),
        (
            "planimport/targets.py",
            "from doanso.plans import models",
            "The plan reader and the calendar need no",
        ),
        (
            "core/calendar/periods.py",
            "from django.db import models",
            "The plan reader and the calendar need no",
        ),
        ("org/tree.py", "from doanso.accounts import scoping", "Apps depend downwards only"),
        ("plans/catalogue.py", "from doanso.members import models", "Other apps use members only through"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(tmp_path, module, line, broken):
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "doanso", src / "doanso", ignore=shutil.ignore_patterns("__pycache__"))
    with open(src / "doanso" / module, "a", encoding="utf-8") as fh:
        fh.write(f"\n{line}  # added by the test\n")
    done = _lint(src, tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{broken}" in done.stdout.split("Broken contracts")[-1].replace("\n", " ")
