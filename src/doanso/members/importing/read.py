"""File → numbered rows: the member table found in a spreadsheet or CSV, its columns mapped, the
layouts of official forms (a name over two columns, a birth date per gender, column numbers under
the header) turned into one row shape."""

import re
from itertools import chain, islice
from pathlib import Path

from django.utils.translation import gettext

from doanso.core import tabular
from doanso.core.errors import UserError
from doanso.core.tabular import HEADER_SCAN, HeaderNotFound, Table, open_table
from doanso.core.text import fold
from doanso.members.importing.columns import MIN_HEADER_SCORE, REQUIRED, header_columns, header_score


def join_names(rows, first: int, second: int):
    """Rows whose name is split over two columns, with the two parts joined in the first."""
    for number, cells in rows:
        if len(cells) > second and cells[second]:
            cells = list(cells)
            cells[first] = f"{cells[first]} {cells[second]}".strip()
        yield number, cells


def _missing_columns(header: list[str], where: str, optional: tuple[str, ...] = ()) -> UserError:
    col = header_columns(header)
    missing = [h for k, h in REQUIRED if k not in col and k not in optional]
    return UserError(
        gettext(
            "%(where)s thiếu cột bắt buộc: %(missing)s. Các cột được nhận ra và tệp mẫu có trên trang "
            "“Nhập danh sách đoàn viên”."
        )
        % {"where": where, "missing": ", ".join(f"“{m}”" for m in missing)}
    )


def open_member_table(
    path: str | Path, sheet: str | None = None, optional: tuple[str, ...] = ()
) -> tuple[Table, dict[str, int]]:
    """The file's table (the first sheet with the member header, or `sheet`) and its columns;
    `optional`: required fields the file may leave out (the branch, when importing into one)."""
    try:
        table = open_table(path, sheet=sheet, header_score=header_score, min_score=MIN_HEADER_SCORE)
    except HeaderNotFound as exc:
        if not any(exc.best):
            raise UserError(gettext("Tệp không có dữ liệu.")) from None
        where = (
            gettext("Trang tính “%(sheet)s”, dòng %(row)s") % {"sheet": exc.sheet, "row": exc.row}
            if exc.sheet
            else gettext("Dòng %(row)s") % {"row": exc.row}
        )
        if header_score(exc.best) == 0:
            raise UserError(
                gettext(
                    "Không tìm thấy dòng tiêu đề cột (cần các cột %(cols)s) trong %(n)s dòng đầu của tệp. "
                    "Xem các cột được nhận ra và tải tệp mẫu trên trang “Nhập danh sách đoàn viên”."
                )
                % {"cols": ", ".join(f"“{h}”" for _, h in REQUIRED), "n": HEADER_SCAN}
            ) from None
        raise _missing_columns(exc.best, where, optional) from None
    where = (
        gettext("Trang tính “%(sheet)s”, dòng %(row)s") % {"sheet": table.sheet, "row": table.header_row}
        if table.sheet
        else gettext("Dòng %(row)s") % {"row": table.header_row}
    )
    col = header_columns(table.header)
    if "gender" not in col and "birth_date" in col:
        _birth_by_gender(table, col)
    if any(k not in col and k not in optional for k, _ in REQUIRED):
        raise _missing_columns(table.header, where, optional)
    table.rows = _skip_column_numbers(table.rows)
    return table, col


def _birth_by_gender(table: Table, col: dict[str, int]) -> None:
    """The official form's "Ngày tháng năm sinh" over two columns, "Nam" | "Nữ" in the row under
    it, each birth date written in its gender's column: the sub-header row is taken from the
    rows and the two columns noted as "birth_male" and "birth_female" (gender then counts as
    present: `split_birth_columns` derives it)."""
    first = next(table.rows, None)
    if first is None:
        return
    cells, i = first[1], col["birth_date"]
    pair = [fold(c) for c in cells[i : i + 2]]
    if sorted(pair) == ["nam", "nu"]:
        col["birth_male"], col["birth_female"] = (i, i + 1) if pair[0] == "nam" else (i + 1, i)
        col["gender"] = col["birth_date"]  # the gender is the column the date is in
        table.sub_header = cells
    else:
        table.rows = chain([first], table.rows)


def split_birth_columns(rows, col: dict[str, int], width: int):
    """Rows of the two-column birth date layout with two cells added at `width`: the gender
    (from the column the date is in) and the date. Returns (rows, columns, new width)."""
    male, female = col["birth_male"], col["birth_female"]

    def gen():
        for number, cells in rows:
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            m, f = cells[male], cells[female]
            if m and f:
                extra = ["", f"{m} | {f}"]  # both columns filled: the date check names it
            elif m:
                extra = ["Nam", m]
            elif f:
                extra = ["Nữ", f]
            else:
                extra = ["", ""]
            yield number, cells[:width] + extra

    return gen(), {**col, "gender": width, "birth_date": width + 1}, width + 2


_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?|[A-Z]")


def _skip_column_numbers(rows):
    """Official forms number their columns in the row under the header ("1 2 3 …", "(1) (2) …"
    or "A B C …"): that row is not a member."""
    for number, cells in rows:
        filled = [c for c in cells if c]
        if len(filled) >= 3 and all(_COLUMN_NUMBER.fullmatch(c) for c in filled):
            continue
        yield number, cells
        break
    yield from rows


def count_rows(path: str | Path) -> int:
    """Data rows in a file (for the progress bar), estimated cheaply."""
    return tabular.count_rows(path)


def numbered_chunks(rows, size: int):
    """(row numbers, cells) per chunk of `size` numbered rows."""
    while batch := list(islice(rows, size)):
        yield [b[0] for b in batch], [b[1] for b in batch]
