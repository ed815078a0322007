"""`doanso backup` / `doanso restore`: a round trip gives back every row and every counter.

Runs on both engines of the suite: SQLite (online backup API) on the default run, PostgreSQL
(pg_dump custom format, pg_restore) on the PostgreSQL run.
"""

from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests import scopewalk

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded():
    from doanso.demo import seed as demo
    from doanso.org.models import Unit

    if not Unit.objects.exists():  # a transactional test flushes the session's seed
        with mock.patch.object(demo, "STEPS", [demo._members_registry]):
            demo.seed("tiny", log=lambda *a: None)


def snapshot() -> tuple[dict[str, int], list[dict]]:
    from doanso.org.models import SubtreeCounter

    counters = list(
        SubtreeCounter.objects.order_by("unit_id", "dim", "key").values("unit_id", "dim", "key", "n")
    )
    return scopewalk.table_counts(), counters


def test_round_trip_gives_back_rows_and_counters(seeded, tmp_path, capsys):
    from doanso.accounts.models import User
    from doanso.org.models import SubtreeCounter

    before = snapshot()
    counts, counters = before
    assert counts["members_member"] > 0 and sum(c["n"] for c in counters) > 0
    path = tmp_path / f"db{'.sqlite3' if connection.vendor == 'sqlite' else '.dump'}"
    call_command("backup", str(path))
    assert capsys.readouterr().out.strip() == str(path)
    assert path.stat().st_mode & 0o777 == 0o600  # personal data: the owner only

    # what happens after the backup is lost by the restore
    SubtreeCounter.objects.filter(dim__startswith="m").update(n=0)
    User.objects.create(username="after.backup")
    connection.close()
    assert snapshot() != before

    call_command("restore", str(path), "--noinput")
    connection.close()
    assert snapshot() == before
    assert not User.objects.filter(username="after.backup").exists()
    assert User.objects.filter(username="hn.admin").exists()


def test_restore_refuses_a_file_that_is_no_backup(seeded, tmp_path):
    before = snapshot()
    bad = tmp_path / "notes.sqlite3"
    bad.write_bytes(b"these are not the rows you are looking for" * 100)
    with pytest.raises(CommandError, match="(not an SQLite backup|pg_restore failed)"):
        call_command("restore", str(bad), "--noinput")
    with pytest.raises(CommandError, match="no backup file at"):
        call_command("restore", str(tmp_path / "missing.dump"), "--noinput")
    connection.close()
    assert snapshot() == before


def test_restore_asks_first(seeded, tmp_path, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Đã huỷ"):
        call_command("restore", str(tmp_path / "x.dump"))


def test_backup_names_a_file_under_var_backups(seeded, settings, tmp_path, capsys):
    settings.VAR_DIR = tmp_path
    call_command("backup")
    written = capsys.readouterr().out.strip()
    assert written.startswith(str(tmp_path / "backups" / "doanso-"))
    assert (tmp_path / "backups").is_dir() and list((tmp_path / "backups").iterdir()) != []
