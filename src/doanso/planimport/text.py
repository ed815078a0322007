"""Reading plan documents into clean paragraphs that remember their source lines.

Real plans arrive as Word files, PDFs or text converted from them, with stray
Markdown (`**`, `\\*`), lines broken in the middle of a sentence and non-breaking
spaces. Everything downstream works on :class:`Paragraph` objects: cleaned text
plus, for every character, the 1-based line of the original file it came from, so
a reviewer can be shown the exact place an item was read from.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .lexicon import LIST_START

__all__ = [
    "ReadError",
    "Paragraph",
    "SUPPORTED_SUFFIXES",
    "read_document",
    "decode_text",
    "clean_line",
    "to_paragraphs",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".docx", ".pdf")

# What a reader may expand (issue 12, finding 3): a 0.9 MB .docx whose document.xml is 300 MB
# took 486 s and 4.7 GB before this. The real 300-page plans in seeds/ have a document.xml under
# 5 MB; a Word file's parts together under 20 MB. Checked from the archive's directory before
# anything is parsed; Python's zipfile (which python-docx reads through) never inflates a part
# beyond the size its directory declares, and its CRC check refuses a part that lies about it.
MAX_XML_BYTES = 50 * 1024 * 1024  # word/document.xml, uncompressed
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024  # all parts of a .docx together, uncompressed
MAX_PDF_PAGES = 1000


class ReadError(Exception):
    """A document that cannot be read; the message is Vietnamese and meant for the user."""


# --------------------------------------------------------------------------- reading


def decode_text(data: bytes) -> str:
    """Decode bytes of a text file; refuse binary data instead of producing mojibake."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError("Không đọc được tệp: mã hoá UTF-16 bị lỗi.") from exc
    if b"\x00" in data[:4096]:
        raise ReadError("Tệp không phải văn bản (có dữ liệu nhị phân); hãy dùng .txt, .md, .docx hoặc .pdf.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise ReadError("Không đọc được tệp: không phải văn bản UTF-8.") from exc
    # cp1258 decodes almost anything; accept it only when it looks like text.
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > 2:
        raise ReadError("Tệp không phải văn bản (có dữ liệu nhị phân); hãy dùng .txt, .md, .docx hoặc .pdf.")
    return text


def read_document(path: str | Path, max_chars: int | None = None) -> str:
    """Return the plain text of a .txt/.md/.docx/.pdf file.

    Raises :class:`ReadError` with a Vietnamese message for a missing, unreadable,
    unsupported or empty file: the command line and the web upload show it as is.
    `max_chars`: text longer than this is refused while it is read (a .docx's text is counted
    in a streamed pass before the document is parsed; a PDF's page by page).
    """
    p = Path(path)
    if not p.exists():
        raise ReadError(f"Không tìm thấy tệp: {p}")
    if p.is_dir():
        raise ReadError(f"Đây là thư mục, không phải tệp: {p}")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReadError(f"Không đọc được tệp {p.name}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise ReadError(f"Tệp {p.name} rỗng, không có nội dung để đọc.")
    suffix = p.suffix.lower()
    if data.startswith(b"%PDF"):
        text = _read_pdf(p, max_chars)
    elif data.startswith(b"PK\x03\x04"):
        if suffix not in ("", ".docx", ".docm", ".dotx"):
            raise ReadError(f"Định dạng {suffix} chưa được hỗ trợ; hãy dùng .docx, .pdf, .txt hoặc .md.")
        _check_docx(p, max_chars)
        text = _read_docx(p)
    elif suffix == ".doc" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError("Tệp Word cũ (.doc) chưa được hỗ trợ; hãy lưu lại thành .docx hoặc .pdf.")
    elif suffix in (".pdf", ".docx"):
        raise ReadError(f"Tệp {p.name} bị hỏng hoặc không đúng định dạng {suffix}.")
    elif suffix in ("", ".txt", ".md", ".markdown", ".text", ".csv"):
        text = decode_text(data)
        if max_chars is not None and len(text) > max_chars:
            raise too_long(p.name, len(text), max_chars)
    else:
        raise ReadError(f"Định dạng {suffix} chưa được hỗ trợ; hãy dùng .docx, .pdf, .txt hoặc .md.")
    if not text.strip():
        if data.startswith(b"%PDF"):
            raise ReadError(
                f"Tệp PDF {p.name} không có lớp chữ (có thể là bản scan); hãy dùng bản .docx hoặc PDF có chữ."
            )
        raise ReadError(f"Tệp {p.name} không có nội dung chữ để đọc.")
    return text


def _vn_int(n: int) -> str:
    """1000000 → "1.000.000" (this module is pure; core.vn formats the same way)."""
    return f"{n:,}".replace(",", ".")


def too_long(name: str, chars: int, limit: int, at_least: bool = False) -> ReadError:
    more = "hơn " if at_least else ""
    return ReadError(
        f"Văn bản {name} quá dài ({more}{_vn_int(chars)} ký tự); giới hạn là {_vn_int(limit)} ký tự. "
        "Hãy tách văn bản thành nhiều tệp nhỏ hơn."
    )


def _too_big(name: str, size: int, limit: int) -> ReadError:
    return ReadError(
        f"Tệp Word {name} giải nén ra quá lớn ({_vn_int(size // 1048576)} MB nội dung; giới hạn là "
        f"{_vn_int(limit // 1048576)} MB); hệ thống không mở tệp như vậy. Hãy mở tệp bằng Word, "
        "lưu thành tệp mới (hoặc PDF) rồi tải lên lại."
    )


def _check_docx(path: Path, max_chars: int | None) -> None:
    """Refuse a .docx that would expand too far, before python-docx parses it: the declared
    sizes of its parts (the directory at the end of the archive; nothing inflated), then, when
    `max_chars` is given, its text counted in one streamed pass over word/document.xml (each
    element freed once read, so memory stays flat), stopping as soon as it passes the limit."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            doc = next((i for i in infos if i.filename == "word/document.xml"), None)
            total = sum(i.file_size for i in infos)
            if total > MAX_UNZIPPED_BYTES:
                raise _too_big(path.name, total, MAX_UNZIPPED_BYTES)
            if doc is None:
                raise ReadError(f"Không đọc được tệp Word {path.name}: tệp bị hỏng hoặc không phải .docx.")
            if doc.file_size > MAX_XML_BYTES:
                raise _too_big(path.name, doc.file_size, MAX_XML_BYTES)
            if max_chars is not None:
                with z.open(doc) as fh:
                    _count_text(fh, path.name, max_chars)
    except ReadError:
        raise
    except Exception as exc:  # a damaged archive, a CRC that does not match, broken XML
        raise ReadError(f"Không đọc được tệp Word {path.name}: tệp bị hỏng hoặc không phải .docx.") from exc


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_T, _W_P = _W + "t", _W + "p"


def _count_text(fh, name: str, max_chars: int) -> None:
    from lxml import etree

    chars = 0
    for _, el in etree.iterparse(fh, events=("end",), resolve_entities=False, no_network=True):
        if el.tag == _W_T:
            chars += len(el.text or "")
            if chars > max_chars:
                raise too_long(name, chars, max_chars, at_least=True)
        elif el.tag == _W_P:  # a paragraph read: free it and the ones before it
            el.clear(keep_tail=False)
            parent = el.getparent()
            while parent is not None and el.getprevious() is not None:
                del parent[0]


def _read_pdf(path: Path, max_chars: int | None = None) -> str:
    """A PDF's text, page by page: refused past MAX_PDF_PAGES pages, or as soon as the text
    passes `max_chars`."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        n = len(reader.pages)
    except Exception as exc:  # pypdf raises many types for damaged files
        raise ReadError(f"Không đọc được tệp PDF {path.name}: tệp bị hỏng hoặc được mã hoá.") from exc
    if n > MAX_PDF_PAGES:
        raise ReadError(
            f"Tệp PDF {path.name} có {_vn_int(n)} trang; giới hạn là {_vn_int(MAX_PDF_PAGES)} trang. "
            "Hãy tách văn bản thành nhiều tệp nhỏ hơn."
        )
    pages, chars = [], 0
    try:
        for page in reader.pages:
            text = page.extract_text() or ""
            chars += len(text) + 1
            if max_chars is not None and chars > max_chars:
                raise too_long(path.name, chars, max_chars, at_least=True)
            pages.append(text)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(f"Không đọc được tệp PDF {path.name}: tệp bị hỏng hoặc được mã hoá.") from exc
    return "\n".join(pages)


_KIND_HEADING_HINT = re.compile(
    r"^(KẾ HOẠCH|CHƯƠNG TRÌNH|KẾT LUẬN|BÁO CÁO|HƯỚNG DẪN|THÔNG BÁO|CÔNG VĂN|QUY CHẾ|QUY ĐỊNH|"
    r"NGHỊ QUYẾT|QUYẾT ĐỊNH|CHỈ THỊ|TỜ TRÌNH|ĐỀ ÁN)\b"
)


def _read_docx(path: Path) -> str:
    """Paragraphs and tables in document order.

    A table before the document's kind heading is the layout grid of the letterhead
    (issuer | motto, number | place and date): its cells are emitted column by column
    so each stays on its own line. Later tables are data (targets, timelines): one
    line per row, cells joined by " | ".
    """
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph as DocxParagraph

        document = docx.Document(str(path))
    except Exception as exc:
        raise ReadError(f"Không đọc được tệp Word {path.name}: tệp bị hỏng hoặc không phải .docx.") from exc

    out: list[str] = []
    seen_heading = False
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = DocxParagraph(child, document).text
            out.extend(text.split("\n") if text else [""])
            if _KIND_HEADING_HINT.match(text.strip()):
                seen_heading = True
        elif tag == "tbl":
            table = Table(child, document)
            if not seen_heading:
                out.extend(_layout_table_lines(table))
                if any(_KIND_HEADING_HINT.match(line.strip()) for line in out[-20:]):
                    seen_heading = True
            else:
                out.extend(_data_table_lines(table))
            out.append("")
    return "\n".join(out)


def _unique_cells(row) -> list:
    cells = []
    for cell in row.cells:
        if not cells or cell._tc is not cells[-1]._tc:
            cells.append(cell)
    return cells


def _layout_table_lines(table) -> list[str]:
    columns: dict[int, list[str]] = {}
    for row in table.rows:
        for index, cell in enumerate(_unique_cells(row)):
            lines = columns.setdefault(index, [])
            for para in cell.paragraphs:
                lines.extend(para.text.split("\n"))
    out: list[str] = []
    for index in sorted(columns):
        out.extend(columns[index])
        out.append("")
    return out


def _data_table_lines(table) -> list[str]:
    out = []
    for row in table.rows:
        cells = [
            " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()) for cell in _unique_cells(row)
        ]
        cells = [c.replace("\n", " ") for c in cells]
        if any(cells):
            out.append(" | ".join(cells))
    return out


# --------------------------------------------------------------------------- cleaning

# A run of spacing characters becomes one space. A lone " " already is one, so it is not matched:
# most of a document's characters between words would otherwise each be replaced by itself.
_SPACES = re.compile(
    r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
)
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~\"'])")
_MD_STAR_BULLET = re.compile(r"^\s*[*•●▪◦]\s+")
_SEPARATOR = re.compile(r"^\s*(?:\\?\*\s*){3,}\s*$|^\s*[-_=]{3,}\s*$")


@dataclass
class CleanLine:
    text: str
    bold: bool
    hard_break: bool  # Markdown line ending in two spaces: the paragraph goes on


def clean_line(raw: str, in_bold: bool = False, prepared: bool = False) -> tuple[CleanLine, bool]:
    """Clean one source line; return it and whether a `**` span is still open after it.

    `prepared` says the whole text already went through :func:`_prepare` (faster for long files).
    """
    hard_break = raw.endswith("  ") and bool(raw.strip())
    line = raw if prepared else _INVISIBLE.sub("", raw)
    if "*" not in line and "#" not in line and "\\" not in line and "_" not in line:
        text = line if prepared else _SPACES.sub(" ", line)
        if not prepared or text[:1] in "•●▪◦":
            text = _MD_STAR_BULLET.sub("- ", text)
        text = text.strip()
        return CleanLine(text, in_bold and bool(text), hard_break), in_bold
    if _SEPARATOR.match(line):
        return CleanLine("***" if "*" in line else "", False, False), in_bold
    line = _MD_HEADING.sub("", line)
    line = _MD_STAR_BULLET.sub("- ", line)
    stars = line.count("**")
    starts_bold = line.lstrip().startswith("**")
    bold = in_bold or starts_bold
    if stars % 2:
        in_bold = not in_bold
    line = _MD_ESCAPE.sub(r"\1", line)
    line = line.replace("**", "").replace("__", "").replace("*", "")
    line = _SPACES.sub(" ", line).strip()
    return CleanLine(line, bold and bool(line), hard_break), in_bold


# --------------------------------------------------------------------------- paragraphs


@dataclass
class Paragraph:
    """A logical paragraph: cleaned text, the source line of each piece, bold flag."""

    text: str
    offsets: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    bold: bool = False

    @property
    def line(self) -> int:
        return self.lines[0] if self.lines else 0

    def line_at(self, pos: int) -> int:
        """1-based source line of character `pos` of :attr:`text`."""
        i = bisect.bisect_right(self.offsets, pos) - 1
        return self.lines[max(i, 0)]


_TERMINAL = '.;:!?…”")]'


def _is_continuation(prev: str, prev_bold: bool, nxt: str, nxt_bold: bool, hard_break: bool) -> bool:
    """Whether `nxt` continues the sentence that `prev` left unfinished."""
    if not prev or not nxt or _SEPARATOR.match(nxt):
        return False
    if LIST_START.match(nxt):
        return False
    if " | " in prev or " | " in nxt:
        return False
    first = nxt[0]
    if prev.isupper() and not first.islower():
        return False
    if first.islower() and prev[-1] not in ".!?":
        return True
    if prev[-1] in ",(":
        return True
    if prev[-1] in "-–" and (first.isdigit() or first.islower()):
        return True
    return hard_break and first.isalpha() and not prev.isupper() and prev_bold == nxt_bold


def to_paragraphs(text: str) -> list[Paragraph]:
    """Split text into paragraphs, joining lines broken mid-sentence (even across a blank line)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    raw_lines = text.split("\n")
    hard = [line.endswith("  ") for line in raw_lines]
    text = _SPACES.sub(" ", _INVISIBLE.sub("", text))
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    last_hard_break = False
    in_bold = False
    for number, raw in enumerate(text.split("\n"), start=1):
        cleaned, in_bold = clean_line(raw, in_bold, prepared=True)
        cleaned.hard_break = hard[number - 1] and bool(cleaned.text)
        if not cleaned.text:
            last_hard_break = False
            continue  # a blank line may sit inside a broken sentence: decided by the next line
        if current is not None and _is_continuation(
            current.text, current.bold, cleaned.text, cleaned.bold, last_hard_break
        ):
            sep = "" if current.text.endswith("(") else " "
            current.offsets.append(len(current.text) + len(sep))
            current.lines.append(number)
            current.text += sep + cleaned.text
            current.bold = current.bold and cleaned.bold
        else:
            current = Paragraph(cleaned.text, [0], [number], cleaned.bold)
            paragraphs.append(current)
        last_hard_break = cleaned.hard_break
    return paragraphs
