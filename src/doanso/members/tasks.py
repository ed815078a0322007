"""Background member imports (django-tasks): the web page enqueues, a worker runs, the page polls.

Progress goes to the cache while the import's transaction is open (other connections cannot
see uncommitted rows), and to the MemberImport row when it ends. Production runs with a
shared cache (database or Redis) so the web process sees the worker's progress.
"""

import re

from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from doanso.core.errors import ImportFailed, UserError
from doanso.members.importing.read import count_rows
from doanso.members.importing.write import ImportResult, import_members
from doanso.members.models import ImportStatus, MemberImport


def progress_key(import_id: int) -> str:
    return f"doanso:members-import:{import_id}"


def progress_of(rec: MemberImport) -> dict:
    live = (
        cache.get(progress_key(rec.pk))
        if rec.status in (ImportStatus.PENDING, ImportStatus.RUNNING)
        else None
    )
    data = {
        "status": rec.status,
        "total": rec.total,
        "processed": rec.processed,
        "imported": rec.imported,
        "rejected": rec.rejected,
        "message": rec.message,
        "has_errors_file": bool(rec.errors_path),
    }
    if live:
        data.update(live)
    finished = data["status"] in (ImportStatus.DONE, ImportStatus.FAILED)
    if finished:  # the row count read up front is an estimate (blank or formatted rows count in it)
        data["percent"] = 100
    else:
        data["percent"] = min(99, round(100 * data["processed"] / data["total"])) if data["total"] else 0
    data["summary"], data["errors"] = _split_message(rec.message) if finished else ("", [])
    return data


_ROW_ERROR = re.compile(r"^Dòng (\d+), cột “(.+?)”: (.*)$")


def _split_message(message: str) -> tuple[str, list[dict]]:
    """The stored message as its summary lines and its row errors (row, column, message)."""
    summary, errors = [], []
    for line in message.splitlines():
        m = _ROW_ERROR.match(line)
        if m:
            errors.append({"row": int(m[1]), "field": m[2], "message": m[3]})
        elif line.strip():
            summary.append(line)
    return "\n".join(summary), errors


def errors_path_for(rec: MemberImport) -> str:
    from pathlib import Path

    return str(Path(rec.stored_path).with_name(f"loi-{rec.pk}.xlsx"))


@task()
def run_import(import_id: int) -> None:
    rec = MemberImport.objects.select_related("unit", "created_by").get(pk=import_id)
    rec.status, rec.total = ImportStatus.RUNNING, count_rows(rec.stored_path)
    rec.save(update_fields=["status", "total"])

    def progress(res: ImportResult) -> None:
        cache.set(
            progress_key(rec.pk),
            {
                "status": ImportStatus.RUNNING,
                "processed": res.processed,
                "imported": res.imported,
                "rejected": res.rejected,
            },
            3600,
        )

    errors_out = errors_path_for(rec)
    try:
        res = import_members(
            rec.stored_path,
            rec.unit,
            rec.created_by,
            mode=rec.mode,
            errors_out=errors_out,
            progress=progress,
            record=rec,
        )
    except ImportFailed as exc:
        res = exc.result
        rec.status, rec.message = ImportStatus.FAILED, str(exc)
    except UserError as exc:
        res = ImportResult()
        rec.status, rec.message = ImportStatus.FAILED, exc.message
    else:
        rec.status = ImportStatus.DONE
        rec.message = res.summary + ("\n" + "\n".join(map(str, res.errors[:200])) if res.errors else "")
    rec.processed, rec.imported, rec.rejected = res.processed, res.imported, res.rejected
    rec.errors_path = res.errors_path if res.rejected else ""
    rec.total = res.processed if rec.status == ImportStatus.DONE else max(rec.total, res.processed)
    rec.finished_at = timezone.now()
    rec.save()
    cache.delete(progress_key(rec.pk))
