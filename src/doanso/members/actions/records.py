"""Member records: add, change (optimistic locking), status. Each write keeps the subtree counters
current, writes the member's history and the audit log inside its transaction."""

from datetime import date, timedelta

from django.db import transaction

from doanso.core import audit, crypto
from doanso.core.errors import ConflictError, UserError
from doanso.members import charter, counters
from doanso.members.actions.common import (
    SENSITIVE,
    check_branch,
    counter_values,
    plain,
    require_admin,
    write_history,
)
from doanso.members.fields import check_cccd, parse_cccd
from doanso.members.models import (
    Gender,
    Member,
    MemberStatus,
)
from doanso.members.selectors import today
from doanso.org.models import Unit


def _set_cccd(member: Member, raw: str | None) -> None:
    if not raw:
        member.cccd_enc, member.cccd_hash = "", None
        return
    value, err = parse_cccd(str(raw))
    if not err:
        err = check_cccd(value, member.birth_date, member.gender)
    if err:
        raise UserError(f"Số CCCD {err}.", field="cccd")
    h = crypto.lookup_hash(value)
    if Member.objects.filter(cccd_hash=h).exclude(pk=member.pk).exists():
        raise UserError("Số CCCD đã có trong hệ thống.", field="cccd")
    member.cccd_enc, member.cccd_hash = crypto.encrypt(value), h


@transaction.atomic
def add_member(
    actor,
    *,
    branch: Unit,
    full_name: str,
    birth_date: date,
    gender: str,
    status: str = MemberStatus.ACTIVE,
    cccd: str | None = None,
    **extra,
) -> Member:
    check_branch(branch)
    if gender not in Gender.values:
        raise UserError(f"Giới tính “{gender}” không hợp lệ.", field="gender")
    if not (full_name or "").strip():
        raise UserError("Họ và tên không được để trống.", field="full_name")
    admitted = extra.get("admitted_on")
    if admitted:
        err = charter.admission_error(birth_date, admitted, today())
        if err:
            raise UserError(f"Ngày vào Đoàn: {err}.", field="admitted_on")
    m = Member(
        branch=branch,
        full_name=full_name.strip(),
        birth_date=birth_date,
        gender=gender,
        status=status,
        joined_branch_on=extra.pop("joined_branch_on", None) or today(),
        **extra,
    )
    _set_cccd(m, cccd)
    m.save()
    counters.record([(branch.path, counter_values(m), +1)])
    write_history(m, actor, "create", {"branch": branch.code})
    audit.record(actor, "member.create", m, unit=branch)
    return m


@transaction.atomic
def change_member(actor, member: Member, *, expected_version: int | None = None, **fields) -> Member:
    """Change fields of a member; refuses a stale edit instead of overwriting it."""
    locked = Member.objects.select_for_update().select_related("branch").get(pk=member.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError("Hồ sơ đã được người khác sửa; hãy tải lại trang trước khi lưu.", field="version")
    before, old_path = counter_values(locked), locked.branch.path
    changes = {}
    for k, v in fields.items():
        if k == "cccd":
            continue
        old = getattr(locked, k)
        if old != v:
            changes[k] = ["***", "***"] if k in SENSITIVE else [plain(old), plain(v)]
        setattr(locked, k, v)
    if locked.admitted_on and ("admitted_on" in fields or "birth_date" in fields):
        err = charter.admission_error(locked.birth_date, locked.admitted_on, today())
        if err:
            raise UserError(f"Ngày vào Đoàn: {err}.", field="admitted_on")
    if "cccd" in fields:  # after the birth date and gender it is checked against
        _set_cccd(locked, fields["cccd"])
        changes["cccd"] = "đã thay đổi"
    locked.version += 1
    locked.save()
    locked.refresh_from_db()
    counters.record([(old_path, before, -1), (locked.branch.path, counter_values(locked), +1)])
    write_history(locked, actor, "update", changes)
    audit.record(actor, "member.update", locked, unit=locked.branch, fields=sorted(fields))
    return locked


@transaction.atomic
def set_status(actor, member: Member, status: str, on: date | None = None) -> Member:
    require_admin(actor, member.branch)
    if status not in MemberStatus.values:
        raise UserError(f"Trạng thái “{status}” không hợp lệ.", field="status")
    if status == MemberStatus.MATURED and charter.maturity_date(member.birth_date) > (
        on or today()
    ) + timedelta(days=366):
        raise UserError("Đoàn viên còn hơn một năm mới đến tuổi trưởng thành Đoàn (30 tuổi).", field="status")
    return change_member(actor, member, status=status, status_changed_on=on or today())
