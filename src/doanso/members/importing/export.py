"""The subtree's members to a spreadsheet or CSV (audited: the CCCDs are in clear)."""

from pathlib import Path

from doanso.core import audit, crypto
from doanso.core.errors import UserError
from doanso.core.tabular import write_table
from doanso.members.importing.columns import TEMPLATE_HEADERS
from doanso.members.models import Member
from doanso.org.models import Unit

EXPORT_HEADERS = [*TEMPLATE_HEADERS, "Trạng thái"]


def export_members(actor, unit: Unit, out: str | Path) -> int:
    """Write the subtree's members to XLSX/CSV (CCCD in clear: personal data, so the export is audited)."""
    from doanso.accounts.scoping import scope_for

    if actor is not None and not scope_for(actor).covers(unit.path):
        raise UserError("Không có quyền xuất danh sách của đơn vị này.")
    lo, hi = unit.subtree_range
    qs = (
        Member.objects.filter(branch__path__gte=lo, branch__path__lt=hi)
        .select_related("branch")
        .order_by("branch__path", "id")
    )
    count = 0

    def rows():
        nonlocal count
        for m in qs.iterator(chunk_size=5000):
            count += 1
            yield [
                m.full_name,
                f"{m.birth_date:%d/%m/%Y}",
                m.get_gender_display(),
                crypto.decrypt(m.cccd_enc) if m.cccd_enc else "",
                m.phone,
                f"{m.admitted_on:%d/%m/%Y}" if m.admitted_on else "",
                m.branch.code,
                m.email,
                m.get_occupation_display(),
                m.ethnicity,
                m.religion,
                m.address,
                m.education,
                m.admitting_unit,
                m.card_number,
                m.get_status_display(),
            ]

    write_table(out, EXPORT_HEADERS, rows())
    audit.record(actor, "member.export", unit, unit=unit, object_type="Unit", rows=count, file=Path(out).name)
    return count
