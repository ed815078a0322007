"""What the member actions share: the permission checks, the history row and the date of today."""

from datetime import date

from django.http import Http404

from doanso.accounts.scoping import can_administer, scope_for
from doanso.core.errors import UserError
from doanso.members import counters
from doanso.members.models import (
    Member,
    MemberHistory,
)
from doanso.org.models import Unit, UnitKind

BRANCH_KINDS = (UnitKind.CHI_DOAN, UnitKind.CO_SO)


SENSITIVE = ("ethnicity", "religion", "cccd")


def counter_values(m: Member) -> dict:
    return counters.values_of(m)


def plain(v):
    return v.isoformat() if isinstance(v, date) else v


def write_history(
    member: Member, actor, kind: str, changes: dict | None = None, branch_id: int | None = None
) -> None:
    MemberHistory.objects.create(
        member=member,
        actor=actor if getattr(actor, "pk", None) else None,
        kind=kind,
        branch_id=branch_id or member.branch_id,
        changes=changes or {},
    )


def require_admin(actor, unit: Unit) -> None:
    """Writes need an admin role over the unit; anything outside the actor's scope is a 404."""
    if not scope_for(actor).covers(unit.path):
        raise Http404
    if not can_administer(actor, unit):
        raise UserError("Bạn không có quyền quản trị đơn vị này.", field="unit")


def check_branch(branch: Unit) -> None:
    if not branch.active:
        raise UserError(f"Chi đoàn “{branch.name}” đã giải thể/sáp nhập.", field="branch")
    if branch.kind not in BRANCH_KINDS:
        raise UserError(f"“{branch.name}” không phải chi đoàn.", field="branch")
