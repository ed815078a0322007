"""Data-subject requests (export, correction, deletion), legal holds and the retention sweep.

Each write checks the actor's rights (the member themself, or an admin of the member's unit chain;
anyone outside the scope gets a 404 so nothing leaks) and is written to the audit log. Member
records change only through the members app's actions, so history, counters and audit keep working.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from doanso.accounts.scoping import can_administer, scope_for
from doanso.core import audit
from doanso.core.errors import UserError
from doanso.members import api as members
from doanso.privacy.models import DataRequest, LegalHold, RequestKind, RequestStatus

# What a member may ask to correct, with the model's length limits (the admin approves).
CORRECTABLE = {"phone": 20, "email": 120, "address": 255, "education": 60}
FIELD_LABELS = {
    "phone": "Số điện thoại",
    "email": "Thư điện tử",
    "address": "Địa chỉ",
    "education": "Trình độ học vấn",
}


def _is_self(actor, member) -> bool:
    return getattr(actor, "member_id", None) == member.pk


def _require_admin(actor, member) -> None:
    """Admins of the member's unit chain; outside the scope (or staff without admin rights) is a 404."""
    if not scope_for(actor).covers(member.branch.path) or not can_administer(actor, member.branch):
        raise Http404


def _require_self_or_admin(actor, member) -> None:
    if not _is_self(actor, member):
        _require_admin(actor, member)


def due_at(now: datetime | None = None) -> datetime:
    """The deadline the controller has to complete a request (DOANSO_PRIVACY_DUE_DAYS)."""
    return (now or timezone.now()) + timedelta(days=settings.DOANSO_PRIVACY_DUE_DAYS)


def hold_of(member) -> LegalHold | None:
    return LegalHold.objects.filter(member=member).first()


def requests_of(actor, member):
    _require_self_or_admin(actor, member)
    return DataRequest.objects.filter(member=member).select_related("requested_by", "decided_by")


def clean_changes(raw: dict) -> dict:
    """The proposed correction: known fields only, within the column lengths, at least one."""
    out = {}
    for field, value in raw.items():
        if field not in CORRECTABLE:
            raise UserError(f"Trường “{field}” không thể yêu cầu chỉnh sửa.", field=field)
        value = str(value or "").strip()
        if len(value) > CORRECTABLE[field]:
            raise UserError(
                f"{FIELD_LABELS[field]}: tối đa {CORRECTABLE[field]} ký tự (đang có {len(value)}).",
                field=field,
            )
        if value:
            out[field] = value
    if not out:
        raise UserError("Hãy ghi ít nhất một thông tin cần chỉnh sửa.", field="phone")
    return out


def export_data(actor, member) -> dict:
    """Everything held about the member, for the member or an admin in scope; recorded as a
    completed export request and audited."""
    _require_self_or_admin(actor, member)
    out = members.member_data(member, sensitive=members.sensitive_access(actor, member))
    out["data_requests"] = [
        {"kind": r.kind, "status": r.status, "created_at": r.created_at.isoformat()}
        for r in DataRequest.objects.filter(member=member).order_by("created_at", "id")
    ]
    now = timezone.now()
    with transaction.atomic():
        DataRequest.objects.create(
            created_at=now,
            kind=RequestKind.EXPORT,
            member=member,
            requested_by=actor,
            on_behalf=not _is_self(actor, member),
            status=RequestStatus.DONE,
            due_at=due_at(now),
            decided_at=now,
            decided_by=actor,
        )
        audit.record(actor, "privacy.export", member, unit=member.branch)
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in out.items()}


@transaction.atomic
def ask(actor, member, kind: str, changes: dict | None = None) -> DataRequest:
    """A correction or deletion request, by the member or an admin on their behalf."""
    _require_self_or_admin(actor, member)
    if kind not in (RequestKind.CORRECTION, RequestKind.DELETION):
        raise UserError(f"Loại yêu cầu “{kind}” không hợp lệ.", field="kind")
    if members.is_anonymised(member):
        raise UserError("Dữ liệu của đoàn viên này đã được ẩn danh.", field="kind")
    clean = clean_changes(changes or {}) if kind == RequestKind.CORRECTION else {}
    now = timezone.now()
    req = DataRequest.objects.create(
        created_at=now,
        kind=kind,
        member=member,
        requested_by=actor,
        on_behalf=not _is_self(actor, member),
        changes=clean,
        due_at=due_at(now),
    )
    audit.record(actor, "privacy.request", req, unit=member.branch, kind=kind, fields=sorted(clean))
    return req


def visible_request(actor, request_id: int) -> DataRequest:
    """A request an admin of the member's unit chain may decide; 404 for anyone else."""
    req = DataRequest.objects.select_related("member__branch").filter(pk=request_id).first()
    if req is None:
        raise Http404
    _require_admin(actor, req.member)
    return req


@transaction.atomic
def decide(actor, req: DataRequest, *, approve: bool, reason: str = "") -> DataRequest:
    """Carry out (correction through the members' update action, deletion by anonymising) or refuse."""
    req = DataRequest.objects.select_for_update().select_related("member__branch").get(pk=req.pk)
    member = req.member
    _require_admin(actor, member)
    if req.status != RequestStatus.RECEIVED:
        raise UserError(f"Yêu cầu #{req.pk} đã được xử lý ({req.get_status_display()}).", field="action")
    reason = (reason or "").strip()
    if not approve:
        if not reason:
            raise UserError("Từ chối yêu cầu phải ghi rõ lý do.", field="reason")
        req.status, req.reason = RequestStatus.REFUSED, reason[:2000]
    else:
        if req.kind == RequestKind.CORRECTION:
            members.change_member(actor, member, **clean_changes(req.changes))
        elif req.kind == RequestKind.DELETION:
            hold = hold_of(member)
            if hold is not None:
                raise UserError(
                    f"Không thể xóa dữ liệu: hồ sơ đang bị giữ theo yêu cầu pháp lý ({hold.reason}). "
                    "Hãy gỡ lệnh giữ trước hoặc từ chối yêu cầu.",
                    field="action",
                )
            members.anonymise_member(actor, member, reason=f"yêu cầu #{req.pk}")
        req.status = RequestStatus.DONE
    req.decided_at, req.decided_by = timezone.now(), actor
    req.save()
    audit.record(actor, f"privacy.{req.status}", req, unit=member.branch, kind=req.kind)
    return req


@transaction.atomic
def set_hold(actor, member, reason: str) -> LegalHold:
    _require_admin(actor, member)
    reason = (reason or "").strip()
    if not reason:
        raise UserError("Hãy ghi lý do giữ hồ sơ (ví dụ: số văn bản yêu cầu).", field="reason")
    if len(reason) > 255:
        raise UserError(f"Lý do: tối đa 255 ký tự (đang có {len(reason)}).", field="reason")
    hold, _ = LegalHold.objects.update_or_create(
        member=member, defaults={"reason": reason, "set_by": actor, "set_at": timezone.now()}
    )
    audit.record(actor, "privacy.hold", member, unit=member.branch, reason=reason)
    return hold


@transaction.atomic
def clear_hold(actor, member) -> bool:
    _require_admin(actor, member)
    n, _ = LegalHold.objects.filter(member=member).delete()
    audit.record(actor, "privacy.hold_clear", member, unit=member.branch)
    return bool(n)


def retention_cutoff(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29/02
        return today.replace(year=today.year - years, day=28)


def retention_due(today: date | None = None, years: int | None = None):
    """Members who left or matured at least `years` ago, not yet anonymised, without a legal hold."""
    today = today or timezone.localdate()
    years = settings.DOANSO_RETENTION_LEFT_MEMBERS_YEARS if years is None else years
    cutoff = retention_cutoff(today, years)
    return (
        members.Member.objects.filter(
            status__in=(members.MemberStatus.REMOVED, members.MemberStatus.MATURED),
            status_changed_on__lte=cutoff,
            legal_hold__isnull=True,
        )
        .exclude(full_name__startswith="Đoàn viên đã ẩn danh #")
        .select_related("branch")
        .order_by("id")
    )


def apply_retention(today: date | None = None, years: int | None = None) -> int:
    """Anonymise every member past the retention period (the system acts; each one audited)."""
    n = 0
    for m in retention_due(today, years).iterator(chunk_size=500):
        members.anonymise_member(None, m, reason="hết thời hạn lưu trữ", check_rights=False)
        n += 1
    return n
