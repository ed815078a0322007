"""The one way to write the audit log (called inside service functions), hash-chained.

Every entry carries `seq` (1, 2, 3, … with no gaps) and `entry_hash` = HMAC-SHA256 (key derived
from DOANSO_DATA_KEY) over its content and the previous entry's hash. Editing a row breaks its
hash; deleting one leaves a gap and breaks the next link; deleting the tail disagrees with
AuditChainHead. `verify()` (`doanso audit verify`) walks the chain. Writers lock the head row,
so entries are chained in commit order; the lock is held to the end of the writer's transaction,
as any other write of the same row would be.
"""

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from doanso.core.models import AuditChainHead, AuditLog


def _key() -> bytes:
    return hashlib.sha256(b"doanso-audit-chain:" + settings.DATA_KEY.encode()).digest()


def _canonical(value: Any) -> Any:
    """The value as the JSON column gives it back (tuples become lists, keys strings)."""
    return json.loads(json.dumps(value, default=str))


def digest(entry: AuditLog, prev_hash: str) -> str:
    body = json.dumps(
        [
            entry.seq,
            entry.at.isoformat(timespec="microseconds"),
            entry.actor_name,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.unit_code,
            entry.data,
            prev_hash,
        ],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hmac.new(_key(), body.encode(), hashlib.sha256).hexdigest()


def _head() -> AuditChainHead:
    AuditChainHead.objects.get_or_create(pk=1)
    return AuditChainHead.objects.select_for_update().get(pk=1)


def _entry(actor, action: str, object_type: str, object_id: str, unit, data: dict) -> AuditLog:
    real_actor = actor if getattr(actor, "pk", None) else None
    return AuditLog(
        actor=real_actor,
        actor_name=(real_actor.get_username() if real_actor else "")[:150],
        action=action,
        object_type=object_type,
        object_id=object_id,
        unit=unit,
        unit_code=(getattr(unit, "code", "") or "")[:40],
        data=_canonical(data),
    )


def _chain(entries: list[AuditLog]) -> list[AuditLog]:
    """Number, stamp and hash `entries` after the current head, and save them (one batch)."""
    with transaction.atomic():
        head = _head()
        now = timezone.now()
        seq, prev = head.last_seq, head.last_hash
        for e in entries:
            seq += 1
            e.seq, e.at, e.prev_hash = seq, now, prev
            e.entry_hash = prev = digest(e, prev)
        AuditLog.objects.bulk_create(entries, batch_size=2000)
        head.last_seq, head.last_hash = seq, prev
        head.save(update_fields=["last_seq", "last_hash"])
    return entries


def record(actor, action: str, obj: Any = None, *, unit=None, object_type: str = "", **data: Any) -> AuditLog:
    entry = _entry(
        actor,
        action,
        object_type or (type(obj).__name__ if obj is not None else ""),
        str(getattr(obj, "pk", "") or ""),
        unit,
        data,
    )
    return _chain([entry])[0]


def record_many(actor, action: str, object_type: str, rows: list[dict], unit=None) -> None:
    """Bulk audit for imports: one row per written object, in one INSERT batch."""
    _chain([_entry(actor, action, object_type, str(r.get("id", "")), unit, r) for r in rows])


@dataclass
class Break:
    seq: int | None
    problem: str


def verify(chunk: int = 5000) -> Iterator[Break]:
    """Every break in the chain: an edited entry, a missing one, a wrong tail (empty if intact)."""
    expected_seq, prev = 1, ""
    qs = AuditLog.objects.filter(seq__isnull=False).order_by("seq")
    for e in qs.iterator(chunk_size=chunk):
        if e.seq != expected_seq:
            yield Break(expected_seq, f"thiếu mục #{expected_seq}…#{e.seq - 1} (đã bị xóa)")
            prev = e.prev_hash  # go on from what the row says, so one gap is one finding
        if e.prev_hash != prev:
            yield Break(e.seq, f"mục #{e.seq} không nối với mục trước (liên kết bị sửa)")
        if not hmac.compare_digest(digest(e, e.prev_hash), e.entry_hash):
            yield Break(e.seq, f"mục #{e.seq} đã bị sửa (mã băm không khớp nội dung)")
        expected_seq, prev = e.seq + 1, e.entry_hash
    head = AuditChainHead.objects.filter(pk=1).first()
    last_seq, last_hash = (head.last_seq, head.last_hash) if head else (0, "")
    if last_seq != expected_seq - 1 or last_hash != prev:
        yield Break(
            last_seq, f"cuối chuỗi phải là mục #{last_seq}, còn lại đến #{expected_seq - 1} (mục cuối bị xóa)"
        )
