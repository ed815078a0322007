"""Member writes; each keeps the subtree counters current and is audited."""

from datetime import date

from django.db import transaction

from doanso.core import audit
from doanso.core.errors import UserError
from doanso.members import counters
from doanso.members.models import Gender, Member, MemberStatus
from doanso.org.models import Unit, UnitKind

COUNTED_FIELDS = ("gender", "status")


def _values(m: Member) -> dict:
    return {f: getattr(m, f) for f in COUNTED_FIELDS}


@transaction.atomic
def add_member(actor, *, branch: Unit, full_name: str, birth_date: date, gender: str,
               status: str = MemberStatus.ACTIVE) -> Member:
    if not branch.active:
        raise UserError(f"Chi đoàn “{branch.name}” đã giải thể/sáp nhập.", field="branch")
    if branch.kind not in (UnitKind.CHI_DOAN, UnitKind.CO_SO):
        raise UserError(f"“{branch.name}” không phải chi đoàn.", field="branch")
    if gender not in Gender.values:
        raise UserError(f"Giới tính “{gender}” không hợp lệ.", field="gender")
    if not (full_name or "").strip():
        raise UserError("Họ và tên không được để trống.", field="full_name")
    m = Member.objects.create(branch=branch, full_name=full_name.strip(), birth_date=birth_date,
                              gender=gender, status=status)
    counters.record([(branch.path, _values(m), +1)])
    audit.record(actor, "member.create", m, unit=branch)
    return m


@transaction.atomic
def change_member(actor, member: Member, *, expected_version: int | None = None, **fields) -> Member:
    """Change fields of a member; refuses a stale edit instead of overwriting it."""
    locked = Member.objects.select_for_update().select_related("branch").get(pk=member.pk)
    if expected_version is not None and locked.version != expected_version:
        raise UserError("Hồ sơ đã được người khác sửa; hãy tải lại trang trước khi lưu.", field="version")
    before, old_path = _values(locked), locked.branch.path
    for k, v in fields.items():
        setattr(locked, k, v)
    locked.version += 1
    locked.save()
    locked.refresh_from_db()
    counters.record([(old_path, before, -1), (locked.branch.path, _values(locked), +1)])
    audit.record(actor, "member.update", locked, unit=locked.branch, fields=sorted(fields))
    return locked
