"""The audit log of a unit's subtree, for its admins: CSV or XLSX (issue 12, section 4).

Scoped like every read: entries whose unit lies in the subtree, or whose actor holds a role
there; only an admin of the unit may export. Each row carries its chain link (`seq`, hash) so a
copy can be checked against the database later.
"""

import csv
import io
import json
from collections.abc import Iterator

from django.db.models import Q
from django.utils import timezone

from doanso.accounts.models import Role
from doanso.core.models import AuditLog
from doanso.org.models import Unit

HEADER = [
    "Số thứ tự",
    "Thời điểm",
    "Người thực hiện",
    "Hành động",
    "Đối tượng",
    "Mã đối tượng",
    "Đơn vị",
    "Nội dung",
    "Mã băm",
]


def entries(unit: Unit):
    """Entries about the unit's subtree, or made by someone acting in it, in chain order."""
    lo, hi = unit.subtree_range
    actors = Role.objects.filter(unit__path__gte=lo, unit__path__lt=hi).values("user_id")
    return AuditLog.objects.filter(
        Q(unit__path__gte=lo, unit__path__lt=hi) | Q(actor_id__in=actors)
    ).order_by("seq", "id")


def rows(unit: Unit) -> Iterator[list[str]]:
    for e in entries(unit).iterator(chunk_size=2000):
        yield [
            str(e.seq or ""),
            timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"),
            e.actor_name,
            e.action,
            e.object_type,
            e.object_id,
            e.unit_code,
            json.dumps(e.data, ensure_ascii=False, sort_keys=True),
            e.entry_hash,
        ]


def as_csv(unit: Unit) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEADER)
    w.writerows(rows(unit))
    return ("\ufeff" + buf.getvalue()).encode()  # BOM: Excel opens the Vietnamese text right


def as_xlsx(unit: Unit) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Nhật ký")
    ws.append(HEADER)
    for r in rows(unit):
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
