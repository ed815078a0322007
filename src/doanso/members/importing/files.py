"""Member files on disk (issue 12, finding 7 and 12): uploads kept only while their import runs,
error workbooks sealed with the data key, dead imports reaped.

- An upload is written to `var/imports/` with mode 0600 and deleted as soon as its import ends
  (done or failed) — or at once when it is refused.
- The error workbook (the uploader's own rows, CCCD included, so it can be fixed and imported
  again) is written sealed (`core.crypto.encrypt_bytes`) as `loi-<id>.xlsx.enc`, served decrypted
  only to admins of the import's unit, and deleted after DOANSO_UPLOAD_RETENTION_HOURS.
- `reap_stale` marks imports pending or silent for DOANSO_IMPORT_STALE_MINUTES as failed (an
  all-or-nothing one has what it wrote taken back) and deletes their files; `cleanup` deletes
  expired error workbooks and any file in `var/imports/` no live import owns.
"""

import os
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from doanso.core import crypto
from doanso.members.models import ImportStatus, MemberImport

SEALED = ".enc"


def folder() -> Path:
    d = Path(settings.VAR_DIR) / "imports"
    d.mkdir(parents=True, exist_ok=True, mode=0o700)
    return d


def store_upload(chunks, suffix: str) -> Path:
    """Write an uploaded file's chunks to a new private file (0600) in `var/imports/`."""
    path = folder() / f"{uuid.uuid4().hex}{suffix if suffix.isascii() and len(suffix) <= 5 else ''}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        for chunk in chunks:
            out.write(chunk)
    return path


def errors_path_for(rec: MemberImport) -> Path:
    return folder() / f"loi-{rec.pk}.xlsx{SEALED}"


def plain_errors_path() -> Path:
    """A private temporary file for the error workbook while it is written (sealed right after)."""
    fd, name = tempfile.mkstemp(prefix="loi-", suffix=".xlsx", dir=folder())
    os.close(fd)
    return Path(name)


def seal(plain: Path, sealed: Path) -> None:
    """Encrypt `plain` into `sealed` (0600) and delete `plain`."""
    data = plain.read_bytes()
    fd = os.open(sealed, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(crypto.encrypt_bytes(data))
    plain.unlink(missing_ok=True)


def open_errors(rec: MemberImport) -> bytes | None:
    """The decrypted error workbook of an import, or None when there is none (any more)."""
    p = Path(rec.errors_path) if rec.errors_path else None
    if p is None or not p.exists():
        return None
    try:
        return crypto.decrypt_bytes(p.read_bytes())
    except ValueError:
        return None


def delete_upload(rec: MemberImport) -> None:
    if rec.stored_path:
        Path(rec.stored_path).unlink(missing_ok=True)


def _delete_errors(rec: MemberImport) -> None:
    if rec.errors_path:
        Path(rec.errors_path).unlink(missing_ok=True)


def reap_stale(now=None, exclude: int | None = None) -> list[int]:
    """Imports pending, or running without a committed chunk, for longer than
    DOANSO_IMPORT_STALE_MINUTES: marked failed (an all-or-nothing one has its rows taken back,
    a "valid" one keeps the chunks it committed), their files deleted. Returns their ids."""
    from doanso.members.importing.write import undo_import

    now = now or timezone.now()
    limit = now - timedelta(minutes=settings.DOANSO_IMPORT_STALE_MINUTES)
    stale = MemberImport.objects.filter(
        Q(status=ImportStatus.PENDING, created_at__lt=limit)
        | Q(status=ImportStatus.RUNNING)
        & (Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True, created_at__lt=limit))
    ).select_related("unit")
    if exclude is not None:
        stale = stale.exclude(pk=exclude)
    reaped = []
    for rec in stale:
        taken_back = undo_import(rec) if rec.mode == "all" and rec.imported else 0
        kept = rec.imported - taken_back
        rec.status, rec.finished_at = ImportStatus.FAILED, now
        rec.imported = kept
        rec.message = (
            f"Việc nhập bị dừng giữa chừng (không có tiến triển trong {settings.DOANSO_IMPORT_STALE_MINUTES} "
            f"phút) sau dòng {rec.checkpoint_row}; "
            + (
                f"đã giữ {kept} đoàn viên nhập trước đó. Hãy nhập lại các dòng sau dòng {rec.checkpoint_row}."
                if kept
                else "không đoàn viên nào được nhập. Hãy nhập lại tệp."
            )
        )
        delete_upload(rec)
        _delete_errors(rec)
        rec.errors_path = ""
        rec.save(update_fields=["status", "finished_at", "imported", "message", "errors_path"])
        reaped.append(rec.pk)
    return reaped


def cleanup(now=None) -> int:
    """Delete error workbooks older than DOANSO_UPLOAD_RETENTION_HOURS (and clear their records),
    and any file in `var/imports/` older than that which no pending or running import owns.
    Returns how many files were deleted."""
    now = now or timezone.now()
    limit = now - timedelta(hours=settings.DOANSO_UPLOAD_RETENTION_HOURS)
    n = 0
    old = MemberImport.objects.exclude(errors_path="").filter(finished_at__lt=limit)
    for rec in old:
        if Path(rec.errors_path).exists():
            n += 1
        _delete_errors(rec)
        rec.errors_path = ""
        rec.save(update_fields=["errors_path"])
    live = set(
        MemberImport.objects.filter(status__in=(ImportStatus.PENDING, ImportStatus.RUNNING)).values_list(
            "stored_path", flat=True
        )
    )
    kept = set(MemberImport.objects.exclude(errors_path="").values_list("errors_path", flat=True))
    cutoff = limit.timestamp()
    for p in folder().iterdir():
        if p.is_file() and str(p) not in live and str(p) not in kept and p.stat().st_mtime < cutoff:
            p.unlink(missing_ok=True)
            n += 1
    return n
