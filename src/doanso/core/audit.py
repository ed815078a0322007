"""The one way to write the audit log (called inside service functions)."""

from typing import Any

from doanso.core.models import AuditLog


def record(actor, action: str, obj: Any = None, *, unit=None, object_type: str = "", **data: Any) -> AuditLog:
    return AuditLog.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=object_type or (type(obj).__name__ if obj is not None else ""),
        object_id=str(getattr(obj, "pk", "") or ""),
        unit=unit,
        data=data,
    )


def record_many(actor, action: str, object_type: str, rows: list[dict], unit=None) -> None:
    """Bulk audit for imports: one row per written object, in one INSERT batch."""
    AuditLog.objects.bulk_create(
        [
            AuditLog(
                actor=actor if getattr(actor, "pk", None) else None,
                action=action,
                object_type=object_type,
                object_id=str(r.get("id", "")),
                unit=unit,
                data=r,
            )
            for r in rows
        ],
        batch_size=2000,
    )
