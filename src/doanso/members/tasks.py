"""Background member imports (django-tasks): the web page enqueues, a worker runs, the page polls.

Each chunk commits with the record's counts and checkpoint, so the record shows progress; the
cache carries it too (with the estimated total) for a page polling between two chunks.
Production runs with a shared cache (database or Redis) so the web process sees the worker's.
"""

import re

from django.core.cache import cache
from django_tasks import task

from doanso.core.errors import ImportFailed, UserError
from doanso.members.importing import files
from doanso.members.importing.write import ImportResult, finish_record, import_members
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


@task()
def run_import(import_id: int) -> None:
    """Run one uploaded import: dead imports reaped first, the file read once, chunks committed
    as they go (the page polls the record), the error workbook sealed, the upload deleted."""
    files.reap_stale(exclude=import_id)
    rec = MemberImport.objects.select_related("unit", "created_by").get(pk=import_id)
    if rec.status in (ImportStatus.DONE, ImportStatus.FAILED):
        return  # already finished (or reaped): a task run twice does nothing

    def progress(res: ImportResult) -> None:
        cache.set(
            progress_key(rec.pk),
            {
                "status": ImportStatus.RUNNING,
                "total": res.total,
                "processed": res.processed,
                "imported": res.imported,
                "rejected": res.rejected,
            },
            3600,
        )

    plain = files.plain_errors_path()
    failure = None
    try:
        res = import_members(
            rec.stored_path,
            rec.unit,
            rec.created_by,
            mode=rec.mode,
            errors_out=plain,
            progress=progress,
            record=rec,
        )
    except ImportFailed as exc:
        res, failure = exc.result, str(exc)
    except UserError as exc:
        res, failure = ImportResult(), exc.message
    try:
        if res.errors_path:
            sealed = files.errors_path_for(rec)
            files.seal(plain, sealed)
            res.errors_path = str(sealed)
    finally:
        plain.unlink(missing_ok=True)
        files.delete_upload(rec)
    finish_record(rec, res, failure)
    cache.delete(progress_key(rec.pk))
