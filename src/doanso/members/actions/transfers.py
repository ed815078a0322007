"""Transfers between branches (chuyển sinh hoạt): request, accept, reject, cancel; audited inside the
transaction, counters moved on acceptance."""

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from doanso.core import audit
from doanso.core.errors import UserError
from doanso.members import counters
from doanso.members.actions.common import check_branch, counter_values, require_admin, write_history
from doanso.members.models import (
    Member,
    MemberStatus,
    Transfer,
    TransferStatus,
)
from doanso.members.selectors import today
from doanso.org.models import Unit


@transaction.atomic
def request_transfer(actor, member: Member, to_branch: Unit, reason: str = "") -> Transfer:
    own = getattr(actor, "member_id", None) == member.pk
    if not own:
        require_admin(actor, member.branch)
    if member.status != MemberStatus.ACTIVE:
        raise UserError("Chỉ đoàn viên đang sinh hoạt mới chuyển sinh hoạt được.", field="member")
    check_branch(to_branch)
    if to_branch.pk == member.branch_id:
        raise UserError("Chi đoàn chuyển đến trùng chi đoàn hiện tại.", field="to_branch")
    if Transfer.objects.filter(member=member, status=TransferStatus.PENDING).exists():
        raise UserError("Đoàn viên đã có một đề nghị chuyển sinh hoạt đang chờ.", field="member")
    t = Transfer.objects.create(
        member=member, from_branch=member.branch, to_branch=to_branch, reason=reason[:255], requested_by=actor
    )
    audit.record(actor, "transfer.request", t, unit=member.branch, to=to_branch.code)
    return t


def _pending(transfer_id: int) -> Transfer:
    t = Transfer.objects.select_for_update().filter(pk=transfer_id).first()
    if t is None:
        raise Http404
    return t


@transaction.atomic
def accept_transfer(actor, transfer: Transfer, note: str = "") -> Transfer:
    t = _pending(transfer.pk)
    require_admin(actor, t.to_branch)
    if t.status != TransferStatus.PENDING:
        raise UserError("Đề nghị này đã được xử lý.", field="status")
    check_branch(t.to_branch)
    member = Member.objects.select_for_update().get(pk=t.member_id)
    if member.branch_id != t.from_branch_id:
        raise UserError("Đoàn viên không còn ở chi đoàn đã đề nghị chuyển đi.", field="member")
    values = counter_values(member)
    member.branch, member.joined_branch_on, member.version = t.to_branch, today(), member.version + 1
    member.save(update_fields=["branch", "joined_branch_on", "version"])
    counters.record([(t.from_branch.path, values, -1), (t.to_branch.path, values, +1)])
    t.status, t.decided_by, t.decided_at, t.note = TransferStatus.ACCEPTED, actor, timezone.now(), note[:255]
    t.save()
    write_history(
        member, actor, "transfer", {"from": t.from_branch.code, "to": t.to_branch.code}, t.to_branch_id
    )
    audit.record(
        actor, "transfer.accept", t, unit=t.to_branch, member=member.pk, **{"from": t.from_branch.code}
    )
    return t


@transaction.atomic
def reject_transfer(actor, transfer: Transfer, note: str = "") -> Transfer:
    t = _pending(transfer.pk)
    require_admin(actor, t.to_branch)
    if t.status != TransferStatus.PENDING:
        raise UserError("Đề nghị này đã được xử lý.", field="status")
    t.status, t.decided_by, t.decided_at, t.note = TransferStatus.REJECTED, actor, timezone.now(), note[:255]
    t.save()
    audit.record(actor, "transfer.reject", t, unit=t.to_branch)
    return t


@transaction.atomic
def cancel_transfer(actor, transfer: Transfer) -> Transfer:
    t = _pending(transfer.pk)
    if getattr(actor, "member_id", None) != t.member_id:
        require_admin(actor, t.from_branch)
    if t.status != TransferStatus.PENDING:
        raise UserError("Đề nghị này đã được xử lý.", field="status")
    t.status, t.decided_by, t.decided_at = TransferStatus.CANCELLED, actor, timezone.now()
    t.save()
    audit.record(actor, "transfer.cancel", t, unit=t.from_branch)
    return t
