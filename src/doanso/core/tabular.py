"""Reading and writing tables (CSV, XLSX, XLS, ODS) with Vietnamese headers, row by row.

A file is recognised by its content, not its name: spreadsheets (.xlsx, .xls, .ods) are read
with python-calamine; anything else that is text is read as CSV in UTF-8 (with or without
BOM), UTF-16 (with BOM) or Windows-1258; other content (a picture, a PDF, a Word document…)
is refused with a message that says what the file really is. Every cell is stripped and
NFC-normalised, so "Hoà" typed on a Mac matches "Hoà" typed on Windows.

The header row need not be the first: `open_table` scores the first rows of each sheet with
the caller's `header_score` and takes the first row that reaches `min_score` (title rows,
merged cells and blank rows above the header are skipped). Rows carry their number in the
file (1-based, as the spreadsheet shows it) so errors point at the right line.
"""

import codecs
import csv
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from xml.etree.ElementTree import ParseError
from zlib import error as zlib_error

from django.utils.translation import gettext, gettext_noop

from doanso.core.errors import UserError

MAX_BYTES = 200 * 1024 * 1024  # files above this are refused before reading
MAX_RATIO = 200  # a spreadsheet whose large parts are compressed more than this is refused (a zip bomb)


def max_unzipped() -> int:
    """Bytes a spreadsheet's parts may unpack to (DOANSO_IMPORT_MAX_UNCOMPRESSED_MB, 200 MB by default)."""
    from django.conf import settings

    return int(getattr(settings, "DOANSO_IMPORT_MAX_UNCOMPRESSED_MB", 200)) * 1024 * 1024


HEADER_SCAN = 50  # rows of each sheet searched for the header row
SPREADSHEETS = ("xlsx", "xls", "ods")


@dataclass
class Table:
    """An opened table: its header row and an iterator of (row number, cells) after it."""

    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    kind: str  # "csv", "xlsx", "xls" or "ods"
    header_row: int = 1
    sheet: str = ""
    encoding: str = ""
    total: int = 0  # data rows, estimated (for progress bars)
    sub_header: list[str] = field(default_factory=list)  # a second header row, when the caller takes one
    warnings: list[str] = field(default_factory=list)


class HeaderNotFound(UserError):
    """No row reached the caller's header score; `best` is the closest candidate row."""

    def __init__(self, best: list[str], sheet: str, row: int):
        super().__init__(gettext("Không tìm thấy dòng tiêu đề cột trong tệp."))
        self.best, self.sheet, self.row = best, sheet, row


def nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


# --- What is this file? ---

_MAGIC = [  # (prefix, message) for content that is certainly not a table
    (b"\x89PNG\r\n\x1a\n", gettext_noop("Đây là tệp ảnh PNG, không phải tệp Excel hay CSV.")),
    (b"\xff\xd8\xff", gettext_noop("Đây là tệp ảnh JPEG, không phải tệp Excel hay CSV.")),
    (b"GIF87a", gettext_noop("Đây là tệp ảnh GIF, không phải tệp Excel hay CSV.")),
    (b"GIF89a", gettext_noop("Đây là tệp ảnh GIF, không phải tệp Excel hay CSV.")),
    (b"BM", None),  # checked below (too short a prefix to trust alone)
    (b"%PDF", gettext_noop("Đây là tệp PDF, không phải tệp Excel hay CSV.")),
    (
        b"Rar!",
        gettext_noop(
            "Đây là tệp nén RAR, không phải tệp Excel hay CSV. Hãy giải nén rồi chọn tệp Excel bên trong."
        ),
    ),
    (
        b"7z\xbc\xaf\x27\x1c",
        gettext_noop(
            "Đây là tệp nén 7z, không phải tệp Excel hay CSV. Hãy giải nén rồi chọn tệp Excel bên trong."
        ),
    ),
    (
        b"\x1f\x8b",
        gettext_noop(
            "Đây là tệp nén gzip, không phải tệp Excel hay CSV. Hãy giải nén rồi chọn tệp bên trong."
        ),
    ),
    (b"MZ", gettext_noop("Đây là tệp chương trình (.exe), không phải tệp Excel hay CSV.")),
    (b"\x7fELF", gettext_noop("Đây là tệp chương trình, không phải tệp Excel hay CSV.")),
    (b"{\\rtf", gettext_noop("Đây là tệp văn bản RTF, không phải tệp Excel hay CSV.")),
]
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def sniff_format(path: Path) -> str:
    """ "xlsx", "ods", "xls" or "csv" from the file's first bytes; UserError saying what it is otherwise."""
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: Excel 97–2003 (or an old Word file)
        return "xls"
    for prefix, message in _MAGIC:
        if head.startswith(prefix) and message:
            raise UserError(gettext(message))
    if head.startswith(b"BM") and len(head) > 14 and head[6:10] == b"\0\0\0\0":
        raise UserError(gettext("Đây là tệp ảnh BMP, không phải tệp Excel hay CSV."))
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return "csv"
    low = head[:1024].lstrip().lower()
    if low.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        raise UserError(
            gettext(
                "Tệp này là trang web (HTML/XML) được đặt tên như tệp Excel. "
                "Hãy mở nó bằng Excel rồi chọn Lưu thành → “Sổ làm việc Excel (.xlsx)”, "
                "sau đó nhập tệp .xlsx đó."
            )
        )
    if b"\x00" in head and not _looks_utf16(head):
        raise UserError(
            gettext("Tệp không phải bảng tính Excel hay tệp CSV (nội dung nhị phân không đọc được).")
        )
    return "csv"


def _sniff_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            mimetype = z.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        raise UserError(gettext("Không đọc được tệp Excel (tệp hỏng hoặc sai định dạng).")) from None
    unpacked = sum(i.file_size for i in infos)
    if unpacked > max_unzipped() or any(
        i.file_size > 10 * 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1) for i in infos
    ):
        raise _unpacks_too_far(unpacked)
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return "ods"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text") or "word/document.xml" in names:
        raise UserError(gettext("Đây là tệp văn bản Word, không phải tệp Excel hay CSV."))
    if "ppt/presentation.xml" in names or mimetype.startswith(
        b"application/vnd.oasis.opendocument.presentation"
    ):
        raise UserError(gettext("Đây là tệp trình chiếu, không phải tệp Excel hay CSV."))
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    raise UserError(
        gettext("Đây là tệp nén ZIP, không phải tệp Excel hay CSV. Hãy giải nén rồi chọn tệp bên trong.")
    )


def _unpacks_too_far(unpacked: int) -> UserError:
    return UserError(
        gettext(
            "Tệp Excel này giải nén ra quá lớn (%(mb)s MB; giới hạn là %(limit)s MB) so với kích thước "
            "của nó; hệ thống không mở tệp như vậy. Hãy lưu lại danh sách thành tệp mới rồi nhập."
        )
        % {"mb": unpacked // (1024 * 1024), "limit": max_unzipped() // (1024 * 1024)}
    )


MAX_CELLS = 15_000_000  # rows × columns of a sheet's used range (the reader holds it densely)
_REF_ROW = re.compile(rb' r="[A-Z]{0,3}([0-9]{1,7})"')  # the row of <c r="B7"> and <row r="7">
_REF_WIDE = re.compile(rb' r="([A-Z]{2,3})[0-9]')  # columns past Z (rare in member lists)


def verify_archive(path: Path) -> None:
    """Prove a spreadsheet's parts unpack to no more than their directory declares (which
    `sniff_format` bounded): each part is inflated once, streamed, through Python's zipfile, which
    never yields more than the declared size and checks the CRC — so a part that lies about its
    size is refused here rather than inflated without bound by the spreadsheet reader. On the
    way, each .xlsx sheet's farthest cell is noted: the reader holds a sheet's used range densely,
    so two cells, A1 and XFD1048576, in a 5 KB file would cost hundreds of GB; a range of more
    than MAX_CELLS cells is refused. Costs one pass of zlib and a regex (about 1 s per 100 MB),
    no memory."""
    limit = max_unzipped()
    total = 0
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
                rows = cols = 0
                carry = b""
                ods = _OdsRange() if info.filename == "content.xml" else None
                with z.open(info) as fh:
                    while block := fh.read(1 << 20):
                        total += len(block)
                        if total > limit:
                            raise _unpacks_too_far(total)
                        if sheet:
                            text, carry = carry + block, block[-32:]
                            if found := _REF_ROW.findall(text):
                                rows = max(rows, *map(int, found))
                                cols = max(cols, 26, *map(_column_number, set(_REF_WIDE.findall(text))))
                        elif ods is not None:
                            ods.feed(block)
                if rows * max(cols, 1) > MAX_CELLS:
                    raise _too_wide(rows, cols)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib_error, ParseError):
        raise UserError(gettext("Không đọc được tệp Excel (tệp hỏng hoặc sai định dạng).")) from None


class _OdsRange:
    """The used range of each table of an ODS content.xml, read in a stream (expat, elements
    cleared as they end). `number-rows-repeated` and `number-columns-repeated` make a few bytes
    stand for billions of cells: the reader expands repeated cells that hold a value (50 million
    cost it 3 GB and an abort), while the empty runs LibreOffice writes to the sheet's edge cost
    nothing — so only the farthest cell holding a value counts, as for .xlsx."""

    T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"

    def __init__(self) -> None:
        from xml.etree.ElementTree import XMLPullParser

        self.parser = XMLPullParser(events=("start", "end"))
        self.row = self.col = self.rows = self.cols = 0
        self.repeat = 1

    def feed(self, block: bytes) -> None:
        self.parser.feed(block)
        for event, el in self.parser.read_events():
            tag = el.tag
            if event == "start":
                if tag == self.T + "table":
                    self.row = self.rows = self.cols = 0
                elif tag == self.T + "table-row":
                    self.col, self.repeat = 0, _repeats(el, self.T + "number-rows-repeated")
                continue
            if tag in (self.T + "table-cell", self.T + "covered-table-cell"):
                span = _repeats(el, self.T + "number-columns-repeated")
                if el.get(self.OFFICE + "value-type") or len(el) or (el.text or "").strip():
                    self.cols = max(self.cols, self.col + span)
                    self.rows = max(self.rows, self.row + self.repeat)
                    if self.rows * self.cols > MAX_CELLS:
                        raise _too_wide(self.rows, self.cols)
                self.col += span
                el.clear()
            elif tag == self.T + "table-row":
                self.row += self.repeat
                el.clear()


def _repeats(el, attr: str) -> int:
    try:
        return max(int(el.get(attr, "1")), 1)
    except ValueError:
        return 1


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _too_wide(rows: int, cols: int) -> UserError:
    return UserError(
        gettext(
            "Trang tính trong tệp Excel có vùng dữ liệu quá rộng (%(rows)s dòng × %(cols)s cột; giới hạn "
            "là %(limit)s ô). Hãy xóa các dòng và cột trống thừa ở cuối trang tính, lưu lại rồi nhập."
        )
        % {"rows": f"{rows:,}".replace(",", "."), "cols": cols, "limit": f"{MAX_CELLS:,}".replace(",", ".")}
    )


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without a BOM: NUL in every other byte of mostly-ASCII text."""
    sample = head[: len(head) // 2 * 2]
    if len(sample) < 4:
        return False
    half = len(sample) / 2
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if not (max(odd, even) > 0.3 * half and min(odd, even) < 0.05 * half):
        return False
    low = sample[0::2] if odd > even else sample[1::2]  # the byte of each character that is not NUL
    controls = sum(1 for b in low if b < 0x20 and b not in (9, 10, 13))
    return controls < 0.02 * half


# --- Opening ---


def _check_size(path: Path) -> None:
    if not path.exists():
        raise UserError(gettext("Không tìm thấy tệp %(path)s.") % {"path": path.name})
    size = path.stat().st_size
    if size == 0:
        raise UserError(gettext("Tệp rỗng."))
    if size > MAX_BYTES:
        raise UserError(
            gettext("Tệp quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
            % {"size": size // (1024 * 1024), "limit": MAX_BYTES // (1024 * 1024)}
        )


def _first_nonblank(cells: list[str]) -> int:
    return 1 if any(cells) else 0


def open_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    header_score: Callable[[list[str]], int] = _first_nonblank,
    min_score: int = 1,
) -> Table:
    """Open a table and find its header row (see the module docstring). Raises UserError for a
    file that is not a table, HeaderNotFound when no row of any sheet reaches `min_score`."""
    path = Path(path)
    _check_size(path)
    kind = sniff_format(path)
    if kind == "csv":
        return _open_csv(path, header_score, min_score)
    return _open_sheet(path, kind, sheet, header_score, min_score)


def read_rows(path: str | Path) -> tuple[list[str], Iterator[list[str]]]:
    """The first non-blank row as header, and an iterator over the non-blank data rows."""
    t = open_table(path)
    return t.header, (cells for _, cells in t.rows)


def cell_text(value) -> str:
    """A spreadsheet cell as text: whole numbers without ".0", dates as dd/mm/yyyy, NFC."""
    if value is None or value == "":
        return ""
    cls = value.__class__
    if cls is str:
        return nfc(value.strip())
    if cls is float:
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if cls is bool:
        return "TRUE" if value else "FALSE"
    if cls is datetime:
        return value.strftime("%d/%m/%Y") if value.time() == time() else value.strftime("%d/%m/%Y %H:%M")
    if cls is date:
        return value.strftime("%d/%m/%Y")
    if cls is timedelta:
        return str(value)
    return nfc(str(value).strip())


def _find_header(rows: list[list[str]], header_score, min_score) -> tuple[int, int]:
    """(index of the first row reaching min_score, or -1; index of the best-scoring row)."""
    best, best_score = -1, -1
    for i, cells in enumerate(rows):
        s = header_score(cells)
        if s >= min_score:
            return i, i
        if s > best_score:
            best, best_score = i, s
    return -1, best


def _open_sheet(path: Path, kind: str, sheet: str | None, header_score, min_score) -> Table:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    if kind in ("xlsx", "ods"):
        verify_archive(path)

    try:
        wb = CalamineWorkbook.from_path(str(path))
        sheets = [m for m in wb.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        names = [m.name for m in sheets]
        visible = [m.name for m in sheets if m.visible == SheetVisibleEnum.Visible]
    except Exception as exc:  # calamine raises several kinds for damaged files
        raise UserError(
            gettext("Không đọc được tệp %(kind)s (tệp hỏng, có mật khẩu hoặc sai định dạng).")
            % {"kind": kind.upper()}
        ) from exc
    if sheet is not None:
        match = [n for n in names if nfc(n).strip().casefold() == nfc(sheet).strip().casefold()]
        if not match:
            raise UserError(
                gettext("Tệp không có trang tính “%(sheet)s”. Các trang tính có: %(names)s.")
                % {"sheet": sheet, "names": ", ".join(f"“{n}”" for n in names)}
            )
        names = match
    else:
        names = visible + [n for n in names if n not in visible]  # hidden sheets last
    candidate = None
    for name in names:
        try:
            ws = wb.get_sheet_by_name(name)
            rows = ws.iter_rows()
            head = []
            for _ in range(HEADER_SCAN):
                r = next(rows, None)
                if r is None:
                    break
                head.append([cell_text(v) for v in r])
        except Exception as exc:
            raise UserError(
                gettext("Không đọc được trang tính “%(sheet)s” của tệp.") % {"sheet": name}
            ) from exc
        found, best = _find_header(head, header_score, min_score)
        if found >= 0:
            total = max(ws.height - found - 1, 0) if hasattr(ws, "height") else 0
            return Table(
                header=head[found],
                rows=_sheet_rows(head[found + 1 :], found + 2, rows),
                kind=kind,
                header_row=found + 1,
                sheet=name,
                total=total,
            )
        if best >= 0 and (candidate is None or header_score(head[best]) > candidate[0]):
            candidate = (header_score(head[best]), head[best], name, best + 1)
    if candidate is None:
        raise UserError(gettext("Tệp rỗng."))
    raise HeaderNotFound(candidate[1], candidate[2], candidate[3])


def _sheet_rows(buffered: list[list[str]], start: int, rest) -> Iterator[tuple[int, list[str]]]:
    n = start
    for cells in buffered:
        if any(cells):
            yield n, cells
        n += 1
    for r in rest:
        cells = [cell_text(v) for v in r]
        if any(cells):
            yield n, cells
        n += 1


# --- CSV ---


def _csv_encoding(path: Path) -> str:
    """The text encoding of a CSV file: from its BOM, UTF-8 if it decodes so, else Windows-1258
    if it reads as Vietnamese; UserError naming the encoding found otherwise."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return enc
    if _looks_utf16(head[:8192]):
        return "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < (1 << 20))
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = head.decode("cp1258")
        if _reads_vietnamese(text):
            return "cp1258"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    guess = from_bytes(head[:65536]).best()
    found = guess.encoding.replace("_", "-") if guess is not None else gettext("không xác định")
    raise UserError(
        gettext(
            "Tệp CSV được lưu theo bảng mã %(enc)s, không phải UTF-8, nên chữ tiếng Việt sẽ bị lỗi. "
            "Hãy mở tệp bằng Excel, chọn Tệp → Lưu thành → “CSV UTF-8 (Comma delimited) (*.csv)” "
            "(hoặc lưu thành .xlsx) rồi nhập lại."
        )
        % {"enc": found}
    )


_VN_LETTERS = {"đ", "Đ"} | {
    unicodedata.normalize("NFC", v + tone)
    for base in "aăâeêioôơuưy"
    for v in (base, base.upper())
    for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
}


def _reads_vietnamese(text: str) -> bool:
    """Windows-1258 text of Vietnamese: once its tone marks are composed, every letter beyond
    ASCII is a Vietnamese letter (text in another legacy encoding, such as a TCVN3 font's
    "Hä vµ tªn", shows letters Vietnamese does not use), and there is at least one."""
    text = unicodedata.normalize("NFC", text)
    foreign = {
        ch
        for ch in text
        if ord(ch) > 127 and ch not in _VN_LETTERS and (ch.isalpha() or unicodedata.category(ch) == "Mn")
    }
    return not foreign and any(ch in _VN_LETTERS and ord(ch) > 127 for ch in text)


def _open_csv(path: Path, header_score, min_score) -> Table:
    encoding = _csv_encoding(path)
    fh = open(path, encoding=encoding, newline="")  # noqa: SIM115 (closed by the row iterator)
    head: list[list[str]] = []
    try:
        sample = fh.read(64 * 1024)
        fh.seek(0)
        reader = csv.reader(map(nfc, fh), dialect=_dialect(sample))
        for _ in range(HEADER_SCAN):
            r = next(reader, None)
            if r is None:
                break
            head.append([c.strip() for c in r])
    except UnicodeDecodeError:
        fh.close()
        raise _bad_encoding(encoding) from None
    except csv.Error as exc:
        fh.close()
        raise _broken_csv(len(head) + 1) from exc
    found, best = _find_header(head, header_score, min_score)
    if found < 0:
        fh.close()
        if best < 0:
            raise UserError(gettext("Tệp rỗng."))
        raise HeaderNotFound(head[best], "", best + 1)
    return Table(
        header=head[found],
        rows=_csv_rows(head[found + 1 :], found + 2, reader, fh, encoding),
        kind="csv",
        header_row=found + 1,
        encoding=encoding,
    )


def _dialect(sample: str):
    lines = [ln for ln in sample.splitlines()[:20] if ln.strip()]
    counts = {d: sum(ln.count(d) for ln in lines) for d in (",", ";", "\t")}
    delimiter = max(counts, key=counts.get) if any(counts.values()) else ","

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    return Dialect


def _broken_csv(row: int) -> UserError:
    where = gettext(" ở dòng %(row)s") % {"row": row} if row else ""
    return UserError(
        gettext(
            "Tệp CSV hỏng%(where)s: có ô quá dài (hơn 128.000 ký tự) hoặc dấu ngoặc kép không được đóng. "
            "Hãy mở tệp bằng Excel, kiểm tra dòng đó rồi lưu lại."
        )
        % {"where": where}
    )


def _bad_encoding(encoding: str) -> UserError:
    return UserError(
        gettext(
            "Tệp CSV có chỗ không đọc được theo bảng mã %(enc)s. Hãy mở tệp bằng Excel, chọn Lưu thành → "
            "“CSV UTF-8 (Comma delimited) (*.csv)” (hoặc lưu thành .xlsx) rồi nhập lại."
        )
        % {"enc": encoding.upper().replace("CP", "Windows-").replace("-SIG", "")}
    )


def _csv_rows(buffered, start, reader, fh, encoding) -> Iterator[tuple[int, list[str]]]:
    """Rows numbered as a spreadsheet shows them (a quoted cell spanning lines counts as one row)."""
    n = start
    try:
        for r in buffered:
            if any(r):
                yield n, r
            n += 1
        for r in reader:
            cells = [c.strip() for c in r]
            if any(cells):
                yield n, cells
            n += 1
    except UnicodeDecodeError:
        raise _bad_encoding(encoding) from None
    except csv.Error as exc:
        raise _broken_csv(n) from exc
    finally:
        fh.close()


def count_rows(path: str | Path) -> int:
    """Data rows in a file, estimated cheaply (for progress bars): lines for CSV, the first
    sheet's height for spreadsheets; 0 when the file cannot be read."""
    path = Path(path)
    try:
        kind = sniff_format(path)
    except (UserError, OSError):
        return 0
    if kind == "csv":
        with open(path, "rb") as fh:
            n = sum(buf.count(b"\n") for buf in iter(lambda: fh.read(1 << 20), b""))
        return max(n - 1, 0)
    try:
        from python_calamine import CalamineWorkbook

        ws = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        return max(ws.height - 1, 0)
    except Exception:
        return 0


def check_header(header: list[str], required: list[str]) -> dict[str, int]:
    """Map header names to column indexes; refuse a file missing a required column."""
    index = {name.strip(): i for i, name in enumerate(header) if name.strip()}
    missing = [name for name in required if name not in index]
    if missing:
        raise UserError(
            gettext("Thiếu cột bắt buộc: %(cols)s.") % {"cols": ", ".join(f"“{m}”" for m in missing)}
        )
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
