"""Reading and writing CSV/XLSX tables with Vietnamese headers, streamed row by row."""

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext

from doanso.core.errors import UserError

MAX_BYTES = 200 * 1024 * 1024  # files above this are refused before reading


def _open_text(path: Path) -> io.TextIOWrapper:
    return open(path, encoding="utf-8-sig", newline="")


def sniff_format(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if b"\x00" in head:
        raise UserError(gettext("Tệp không phải CSV hoặc XLSX."))
    return "csv"


def read_rows(path: str | Path) -> tuple[list[str], Iterator[list[str]]]:
    """Header and an iterator over the data rows (cells as stripped strings).

    Accepts XLSX, or CSV in UTF-8 with or without BOM and with "," or ";" separators.
    """
    path = Path(path)
    if not path.exists():
        raise UserError(gettext("Không tìm thấy tệp %(path)s.") % {"path": path})
    size = path.stat().st_size
    if size == 0:
        raise UserError(gettext("Tệp rỗng."))
    if size > MAX_BYTES:
        raise UserError(
            gettext("Tệp quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
            % {"size": size // (1024 * 1024), "limit": MAX_BYTES // (1024 * 1024)}
        )
    if sniff_format(path) == "xlsx":
        return _read_xlsx(path)
    return _read_csv(path)


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_xlsx(path: Path):
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise UserError(gettext("Không đọc được tệp XLSX (tệp hỏng hoặc sai định dạng).")) from exc
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    try:
        header = [_cell(v) for v in next(rows)]
    except StopIteration:
        raise UserError(gettext("Tệp rỗng.")) from None

    def gen():
        try:
            for r in rows:
                cells = [_cell(v) for v in r]
                if any(cells):
                    yield cells
        finally:
            wb.close()

    return header, gen()


def _read_csv(path: Path):
    try:
        fh = _open_text(path)
        sample = fh.read(64 * 1024)
    except UnicodeDecodeError:
        raise UserError(gettext("Tệp CSV phải được mã hóa UTF-8.")) from None
    fh.seek(0)
    first = sample.splitlines()[0] if sample else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(fh, delimiter=delimiter)
    try:
        header = [c.strip() for c in next(reader)]
    except StopIteration:
        fh.close()
        raise UserError(gettext("Tệp rỗng.")) from None
    except UnicodeDecodeError:
        fh.close()
        raise UserError(gettext("Tệp CSV phải được mã hóa UTF-8.")) from None

    def gen():
        try:
            for r in reader:
                cells = [c.strip() for c in r]
                if any(cells):
                    yield cells
        except UnicodeDecodeError:
            raise UserError(gettext("Tệp CSV phải được mã hóa UTF-8.")) from None
        except csv.Error as exc:
            raise UserError(gettext("Tệp CSV hỏng: %(exc)s") % {"exc": exc}) from None
        finally:
            fh.close()

    return header, gen()


def check_header(header: list[str], required: list[str]) -> dict[str, int]:
    """Map header names to column indexes; refuse a file missing a required column."""
    index = {name.strip(): i for i, name in enumerate(header) if name.strip()}
    missing = [name for name in required if name not in index]
    if missing:
        raise UserError("Thiếu cột bắt buộc: " + ", ".join(f"“{m}”" for m in missing) + ".")
    return index


def write_table(path: str | Path, header: list[str], rows, fmt: str | None = None) -> None:
    """Write rows to CSV or XLSX (by extension unless `fmt` is given), streaming."""
    path = Path(path)
    fmt = fmt or ("xlsx" if path.suffix.lower() == ".xlsx" else "csv")
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(header)
        for r in rows:
            ws.append(list(r))
        wb.save(path)
    else:
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)
