"""Long imports never block the platform (issue 12, finding 2 and section 2; finding 12): each
chunk commits on its own with a checkpoint, other requests write between chunks, a killed import
resumes from its checkpoint, an all-or-nothing import takes back what it wrote, dead imports
are reaped, expired files cleaned, and worker processes die with their parent."""

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from doanso.core.models import AuditLog
from doanso.members import counters
from doanso.members.importing.write import import_members
from doanso.members.models import Member, MemberImport
from tests.members.conftest import person


class Killed(BaseException):
    """Stands for kill -9 between two chunks (nothing after it runs in the import)."""


def _record(unit, mode="all", stored=""):
    return MemberImport.objects.create(unit=unit, file_name="ds.csv", mode=mode, stored_path=stored)


@pytest.fixture
def seeded(transactional_db):
    """The tiny demo in a transactional test (the session's seed is gone after the first flush)."""
    from doanso.demo import seed as demo
    from doanso.org.models import Unit

    if not Unit.objects.exists():
        with mock.patch.object(demo, "STEPS", []):
            demo.seed("tiny", log=lambda *a: None)


def test_other_requests_write_between_chunks_of_a_long_import(seeded, branch, unit, write_csv):
    """On SQLite the whole database has one write lock: a writer in another thread must get
    through while an import runs (before the fix the import held the lock to its end)."""
    code = branch("HN-").code
    path = write_csv([person(i, code) for i in range(1, 13)])
    other = branch("HN-", 1)
    outcomes, checkpoints = [], []

    def another_request(n):
        try:
            with connections["default"].cursor() as cur:
                cur.execute("UPDATE org_unit SET name = %s WHERE id = %s", [f"Chi đoàn {n}", other.pk])
                cur.execute("SELECT count(*) FROM members_member")
                outcomes.append(("ok", cur.fetchone()[0]))
        except Exception as exc:  # noqa: BLE001 - the failure is the finding
            outcomes.append(("error", str(exc)))
        finally:
            connections.close_all()

    def progress(res):
        assert not connection.in_atomic_block  # the chunk has committed
        checkpoints.append(MemberImport.objects.values_list("checkpoint_row", flat=True).get(pk=rec.pk))
        t = threading.Thread(target=another_request, args=(res.processed,))
        t.start()
        t.join(timeout=30)

    rec = _record(unit("HN"))
    before = Member.objects.count()
    res = import_members(path, unit("HN"), mode="all", record=rec, chunk_size=5, progress=progress)
    assert (res.imported, res.rejected) == (12, 0)
    assert checkpoints == [6, 11, 13]  # file rows: header is row 1
    assert [o[0] for o in outcomes] == ["ok", "ok", "ok"], outcomes
    assert [o[1] for o in outcomes] == [before + 5, before + 10, before + 12]  # each chunk visible
    for code_ in ("HN", code, "TW"):
        assert counters.recount(unit(code_)) == counters.stored(unit(code_))


pytestmark = pytest.mark.django_db


def test_a_killed_import_resumes_from_its_checkpoint(branch, unit, write_csv):
    code = branch("HN-").code
    path = write_csv([person(i, code) for i in range(1, 11)])
    rec = _record(unit("HN"), mode="valid")
    before = Member.objects.count()

    def die_after_two(res):
        if res.processed == 6:
            raise Killed

    with pytest.raises(Killed):
        import_members(path, unit("HN"), mode="valid", record=rec, chunk_size=3, progress=die_after_two)
    rec.refresh_from_db()
    assert (rec.status, rec.checkpoint_row, rec.processed, rec.imported) == ("running", 7, 6, 6)
    assert Member.objects.count() == before + 6  # the committed chunks stay
    seen = []
    res = import_members(
        path, unit("HN"), mode="valid", record=rec, chunk_size=3, progress=lambda r: seen.append(r.processed)
    )
    assert seen == [9, 10]  # rows 2–7 were not read again into chunks
    assert (res.imported, res.rejected, res.processed) == (10, 0, 10)
    assert Member.objects.count() == before + 10
    assert Member.objects.filter(source_import=rec).values("cccd_hash").distinct().count() == 10
    for code_ in ("HN", code, "TW"):
        assert counters.recount(unit(code_)) == counters.stored(unit(code_))


def test_all_or_nothing_takes_back_the_chunks_it_wrote(branch, unit, write_csv):
    code = branch("HN-").code
    rows = [person(i, code) for i in range(1, 11)]
    rows[8][2] = "31/02/2004"  # row 10, in the third chunk (rows 8–10)
    before = Member.objects.count()
    stored_before = counters.stored(unit("HN"))
    with pytest.raises(Exception) as e:
        import_members(write_csv(rows), unit("HN"), mode="all", chunk_size=3)
    assert type(e.value).__name__ == "ImportFailed"
    assert Member.objects.count() == before
    assert counters.stored(unit("HN")) == stored_before == counters.recount(unit("HN"))
    undo = AuditLog.objects.filter(action="member.import.undo").get()
    assert undo.data["count"] == 6  # the two chunks before it
    rec = MemberImport.objects.get()
    assert (rec.status, rec.imported, rec.rejected) == ("failed", 0, 1)  # a CLI record ends too


def test_a_command_line_import_record_ends_done(branch, write_csv):
    call_command(
        "members", "import", str(write_csv([person(1, branch("HN-").code)])), "--unit", "HN", "--no-progress"
    )
    rec = MemberImport.objects.get()
    assert (rec.status, rec.imported, rec.finished_at is not None) == ("done", 1, True)


def test_the_reaper_fails_dead_imports_and_deletes_their_files(branch, unit, write_csv, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    code = branch("HN-").code
    path = write_csv([person(i, code) for i in range(1, 8)])
    before = Member.objects.count()
    dead = _record(unit("HN"), mode="all", stored=str(path))

    def die(res):
        raise Killed

    with pytest.raises(Killed):
        import_members(path, unit("HN"), mode="all", record=dead, chunk_size=3, progress=die)
    assert Member.objects.count() == before + 3
    old = timezone.now() - timedelta(minutes=settings.DOANSO_IMPORT_STALE_MINUTES + 1)
    MemberImport.objects.filter(pk=dead.pk).update(heartbeat_at=old)
    waiting = _record(unit("HN"))
    MemberImport.objects.filter(pk=waiting.pk).update(created_at=old)
    alive = _record(unit("HN"))
    MemberImport.objects.filter(pk=alive.pk).update(status="running", heartbeat_at=timezone.now())
    out = _call("imports", "reap")
    assert out == "Đã đánh dấu thất bại 2 việc nhập bị treo.\n"
    dead.refresh_from_db()
    assert dead.status == "failed" and "sau dòng 4" in dead.message and dead.imported == 0
    assert not path.exists() and Member.objects.count() == before  # all-or-nothing: taken back
    assert MemberImport.objects.get(pk=waiting.pk).status == "failed"
    assert MemberImport.objects.get(pk=alive.pk).status == "running"
    for code_ in ("HN", code):
        assert counters.recount(unit(code_)) == counters.stored(unit(code_))


def test_each_import_reaps_dead_ones_first(
    login, settings, tmp_path, unit, branch, django_capture_on_commit_callbacks
):
    from io import BytesIO

    settings.VAR_DIR = tmp_path
    stale = _record(unit("HN"))
    MemberImport.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=1))
    f = BytesIO(
        ("\ufeff" + ",".join(_header()) + "\n" + ",".join(person(1, branch("HN-").code)) + "\n").encode()
    )
    f.name = "ds.csv"
    with django_capture_on_commit_callbacks(execute=True):
        login("hn.admin").post("/members/units/HN/import/", {"file": f, "mode": "all"})
    assert MemberImport.objects.get(pk=stale.pk).status == "failed"
    assert MemberImport.objects.exclude(pk=stale.pk).get().status == "done"


def _header():
    from doanso.members.importing.columns import TEMPLATE_HEADERS

    return TEMPLATE_HEADERS[:7]


def _call(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_cleanup_deletes_expired_error_workbooks_and_orphans(unit, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    d = tmp_path / "imports"
    d.mkdir()
    hours = settings.DOANSO_UPLOAD_RETENTION_HOURS
    long_ago = timezone.now() - timedelta(hours=hours + 1)
    expired, recent, orphan, live_file = (
        d / n for n in ("loi-1.xlsx.enc", "loi-2.xlsx.enc", "x.xlsx", "y.xlsx")
    )
    for p in (expired, recent, orphan, live_file):
        p.write_bytes(b"x")
        os.utime(p, (long_ago.timestamp(), long_ago.timestamp()))
    old = _record(unit("HN"))
    MemberImport.objects.filter(pk=old.pk).update(
        status="done", errors_path=str(expired), finished_at=long_ago
    )
    new = _record(unit("HN"))
    MemberImport.objects.filter(pk=new.pk).update(
        status="done", errors_path=str(recent), finished_at=timezone.now()
    )
    _record(unit("HN"), stored=str(live_file))  # pending: its upload is still needed
    assert _call("imports", "cleanup") == "Đã xóa 2 tệp hết hạn lưu.\n"
    assert sorted(p.name for p in d.iterdir()) == ["loi-2.xlsx.enc", "y.xlsx"]
    assert MemberImport.objects.get(pk=old.pk).errors_path == ""


WORKERS = textwrap.dedent(
    """
    import os, sys, time
    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
    django.setup()
    from doanso.members.importing.write import _worker_pool
    pool = _worker_pool(2)
    list(pool.map(abs, range(4)))  # the workers are up
    print(" ".join(str(p) for p in pool._processes), flush=True)
    time.sleep(600)
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ", 1)[1].startswith("Z"))


def test_worker_processes_die_with_a_killed_import(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-c", WORKERS],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ | {"DOANSO_VAR_DIR": str(tmp_path)},
    )
    try:
        pids = [int(p) for p in proc.stdout.readline().split()]
        assert len(pids) == 2 and all(_alive(p) for p in pids)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(p) for p in pids)
    finally:
        proc.kill()


def test_resume_goes_on_from_the_checkpoint_and_ends_the_import(branch, unit, write_csv, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    code = branch("HN-").code
    path = write_csv([person(i, code) for i in range(1, 8)])
    rec = _record(unit("HN"), mode="valid", stored=str(path))
    before = Member.objects.count()

    def die(res):
        raise Killed

    with pytest.raises(Killed):
        import_members(path, unit("HN"), mode="valid", record=rec, chunk_size=3, progress=die)
    out = _call("imports", "resume", str(rec.pk))
    rec.refresh_from_db()
    assert out == "Hoàn tất: Đã nhập 7 đoàn viên; từ chối 0 dòng.\n"
    assert (rec.status, rec.imported, rec.processed) == ("done", 7, 7)
    assert Member.objects.count() == before + 7 and not path.exists()
    with pytest.raises(Exception, match="đã kết thúc"):
        _call("imports", "resume", str(rec.pk))


def test_a_command_line_import_reaps_dead_imports_first(branch, unit, write_csv):
    stale = _record(unit("HN"))
    MemberImport.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=1))
    call_command(
        "members", "import", str(write_csv([person(1, branch("HN-").code)])), "--unit", "HN", "--no-progress"
    )
    assert MemberImport.objects.get(pk=stale.pk).status == "failed"
