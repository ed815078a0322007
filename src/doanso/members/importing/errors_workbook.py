"""The error workbook: the import file again, its rejected rows marked, to fix and import again."""

from pathlib import Path

from django.utils.translation import gettext

from doanso.members.importing.columns import ERROR_HEADER, KEY_OF_LABEL, ROW_HEADER, header_key
from doanso.members.importing.read import open_member_table


def write_error_workbook(
    path: str | Path, sheet: str | None, bad: dict, out: str | Path, every_row: bool
) -> None:
    """The file again as a workbook to fix and import again: its header row and, in its order and
    columns, every data row (`every_row`, all-or-nothing mode) or only the rejected ones, each
    with its row number in the original file and its messages in a “Lỗi” column; the cells at
    fault are highlighted and carry their message as a comment.

    Longer than 60 lines on purpose: one streamed pass over the file in a write-only workbook,
    whose cells and styles belong to the sheet being written; split, the steps would pass them all
    around.

    Long because it writes one workbook in one pass (header, rows, highlights, comments, widths)
    from a stream it cannot reread."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    table, col = open_member_table(path, sheet, ("branch",))  # the file was accepted once
    added = {header_key(ROW_HEADER), header_key(ERROR_HEADER)}  # from an earlier error workbook: replaced
    keep = [i for i, h in enumerate(table.header) if header_key(h) not in added]
    width = max(keep, default=-1) + 1
    position = {i: n for n, i in enumerate(keep)}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(gettext("Sửa lỗi"))
    ws.freeze_panes = "A2"
    for n in range(len(keep)):
        ws.column_dimensions[_column_letter(n)].width = 18
    ws.column_dimensions[_column_letter(len(keep))].width = 12
    ws.column_dimensions[_column_letter(len(keep) + 1)].width = 70
    bold, red = Font(bold=True), PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
    wrap = Alignment(wrap_text=True, vertical="top")

    def header_cell(value):
        c = WriteOnlyCell(ws, value)
        c.font = bold
        return c

    ws.append(
        [header_cell(table.header[i]) for i in keep] + [header_cell(ROW_HEADER), header_cell(ERROR_HEADER)]
    )
    if table.sub_header:  # "Nam" | "Nữ" under a two-column birth date: kept so the file imports again
        sub = table.sub_header + [""] * (width - len(table.sub_header))
        ws.append([header_cell(sub[i]) for i in keep] + ["", ""])
    for number, cells in table.rows:
        errs = bad.get(number)
        if errs is None and not every_row:
            continue
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        row = [cells[i] for i in keep]
        message = ""
        if errs:
            row = [WriteOnlyCell(ws, v) for v in row]
            by_column: dict[int, list[str]] = {}
            for label, msg in errs:
                i = col.get(KEY_OF_LABEL.get(label, ""))
                if i is not None and i in position:
                    by_column.setdefault(position[i], []).append(msg)
            for n, msgs in by_column.items():
                row[n].fill = red
                row[n].comment = Comment("\n".join(msgs), "Đoàn Số", width=300, height=120)
            message = "\n".join(f"{label}: {msg}" for label, msg in errs)
            err_cell = WriteOnlyCell(ws, message)
            err_cell.alignment = wrap
            err_cell.fill = red
            row += [number, err_cell]
        else:
            row += [number, ""]
        ws.append(row)
    wb.save(out)


def _column_letter(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n + 1)
