"""Import and export of units (CSV/XLSX with Vietnamese headers); all-or-nothing."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from doanso.core import vn
from doanso.core.errors import ImportFailed, RowError, UserError
from doanso.core.tabular import check_header, read_rows, write_table
from doanso.core.text import fold
from doanso.org import services
from doanso.org.models import Unit, UnitKind
from doanso.org.tree import is_within

COL_CODE, COL_NAME, COL_KIND, COL_PARENT, COL_FOUNDED = (
    "Mã đơn vị",
    "Tên đơn vị",
    "Loại đơn vị",
    "Mã đơn vị cấp trên",
    "Ngày thành lập",
)
HEADER = [COL_CODE, COL_NAME, COL_KIND, COL_PARENT, COL_FOUNDED]
REQUIRED = [COL_CODE, COL_NAME, COL_KIND, COL_PARENT]
MAX_ROWS = 200_000

# Kind accepted as its code or its Vietnamese label, without accents or case.
_KINDS = {fold(v): v for v in UnitKind.values} | {fold(str(label)): v for v, label in UnitKind.choices}


@dataclass
class UnitRow:
    line: int
    code: str
    name: str
    kind: str
    parent: str
    founded: date | None


def parse_kind(text: str) -> str | None:
    return _KINDS.get(fold(text).replace(" ", "_")) or _KINDS.get(fold(text))


def _validate(rows: list[UnitRow], scope: Unit | None) -> list[RowError]:
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for r in rows:
        if r.code in seen:
            errors.append(RowError(r.line, COL_CODE, f"mã “{r.code}” trùng với dòng {seen[r.code]}."))
        else:
            seen[r.code] = r.line
    existing = set(Unit.objects.filter(code__in=list(seen)).values_list("code", flat=True))
    parents = {u.code: u for u in Unit.objects.filter(code__in=[r.parent for r in rows if r.parent])}
    for r in rows:
        if r.code in existing:
            errors.append(RowError(r.line, COL_CODE, f"mã “{r.code}” đã có trong hệ thống."))
        if not r.parent:
            errors.append(RowError(r.line, COL_PARENT, "không được để trống."))
        elif r.parent == r.code:
            errors.append(RowError(r.line, COL_PARENT, "đơn vị không thể là cấp trên của chính nó."))
        elif r.parent in parents:
            p = parents[r.parent]
            if not p.active:
                errors.append(RowError(r.line, COL_PARENT, f"đơn vị “{r.parent}” đã giải thể/sáp nhập."))
            elif scope is not None and not is_within(p.path, scope.path):
                errors.append(
                    RowError(r.line, COL_PARENT, f"đơn vị “{r.parent}” nằm ngoài phạm vi {scope.code}.")
                )
        elif r.parent not in seen:
            errors.append(RowError(r.line, COL_PARENT, f"không tìm thấy đơn vị cấp trên “{r.parent}”."))
    # Cycles among new rows: follow parents inside the file.
    in_file = {r.code: r.parent for r in rows}
    for r in rows:
        cur, steps = r.parent, 0
        while cur in in_file and steps <= len(in_file):
            if cur == r.code:
                errors.append(RowError(r.line, COL_PARENT, "quan hệ cấp trên tạo thành vòng lặp."))
                break
            cur, steps = in_file[cur], steps + 1
    return errors


def read_units(path: str | Path) -> tuple[list[UnitRow], list[RowError]]:
    header, data = read_rows(path)
    idx = check_header(header, REQUIRED)
    rows: list[UnitRow] = []
    errors: list[RowError] = []

    def cell(cells: list[str], col: str) -> str:
        i = idx.get(col)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    for line, cells in enumerate(data, start=2):
        if len(rows) >= MAX_ROWS:
            raise UserError(f"Tệp có quá {vn.format_number(MAX_ROWS)} dòng.")
        code, name, kind_text, parent = (cell(cells, c) for c in (COL_CODE, COL_NAME, COL_KIND, COL_PARENT))
        if not code:
            errors.append(RowError(line, COL_CODE, "không được để trống."))
        elif len(code) > 40 or any(ch.isspace() for ch in code):
            errors.append(RowError(line, COL_CODE, "tối đa 40 ký tự, không có khoảng trắng."))
        if not name:
            errors.append(RowError(line, COL_NAME, "không được để trống."))
        elif len(name) > 255:
            errors.append(RowError(line, COL_NAME, "quá 255 ký tự."))
        kind = parse_kind(kind_text)
        if kind is None:
            errors.append(RowError(line, COL_KIND, f"loại “{kind_text}” không hợp lệ."))
        founded = None
        if f := cell(cells, COL_FOUNDED):
            try:
                founded = vn.parse_date(f)
            except vn.VnParseError as exc:
                errors.append(RowError(line, COL_FOUNDED, exc.message))
        rows.append(UnitRow(line, code, name, kind or "", parent, founded))
    return rows, errors


def import_units(path: str | Path, actor=None, scope: Unit | None = None) -> list[Unit]:
    """Create every unit in the file, or none: raises ImportFailed with every row error."""
    rows, errors = read_units(path)
    if not rows and not errors:
        raise UserError("Tệp không có dòng dữ liệu nào.")
    errors += _validate(rows, scope)
    if errors:
        raise ImportFailed(sorted(errors, key=lambda e: e.row))
    created: dict[str, Unit] = {}
    pending = list(rows)
    with transaction.atomic():
        parents = {u.code: u for u in Unit.objects.filter(code__in=[r.parent for r in rows])}
        while pending:  # parents before children (no cycles, validated above)
            ready = [r for r in pending if r.parent in parents or r.parent in created]
            for r in ready:
                parent = created.get(r.parent) or parents[r.parent]
                created[r.code] = services.create_unit(
                    actor, code=r.code, name=r.name, kind=r.kind, parent=parent, on=r.founded
                )
            pending = [r for r in pending if r.code not in created]
    return list(created.values())


def export_units(path: str | Path, root: Unit, include_dissolved: bool = False) -> int:
    qs = Unit.objects.subtree(root).select_related("parent").order_by("path")
    if not include_dissolved:
        qs = qs.filter(active=True)
    n = 0

    def rows():
        nonlocal n
        for u in qs.iterator(chunk_size=5000):
            n += 1
            yield [
                u.code,
                u.name,
                u.get_kind_display(),
                u.parent.code if u.parent_id else "",
                vn.format_date(u.founded_on),
            ]

    write_table(path, HEADER, rows())
    return n
