"""Document structure: kind, số-ký hiệu, issuer, place and date, title, period, sections, references.

Union documents follow Hướng dẫn 29-HD/TWĐTN-VP: issuing body over "***" at top left,
"ĐOÀN TNCS HỒ CHÍ MINH" and "Place, ngày … tháng … năm …" at top right, the number
("Số: 127-KH/TĐTN-BTG", written with stray spaces or left blank on drafts), then the
kind in capitals ("KẾ HOẠCH") and the title. The body is numbered I, II… / 1, 2… /
1.1… / a), b)…, with numbering jumps that the tree builder tolerates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import DateContext, find_dates, roman_to_int
from .lexicon import LIST_ITEM_HEAD
from .text import Paragraph

__all__ = [
    "KIND_WORDS",
    "KIND_CODES",
    "DOCNUM",
    "DOCNUM_RE",
    "REFERENCE_RE",
    "Heading",
    "Metadata",
    "parse_heading",
    "parse_number_line",
    "read_metadata",
    "find_references",
    "build_sections",
]

KIND_WORDS: list[tuple[str, str]] = [
    ("KẾ HOẠCH", "ke_hoach"),
    ("CHƯƠNG TRÌNH", "chuong_trinh"),
    ("KẾT LUẬN", "ket_luan"),
    ("BÁO CÁO", "bao_cao"),
    ("HƯỚNG DẪN", "huong_dan"),
    ("THÔNG BÁO", "thong_bao"),
    ("CÔNG VĂN", "cong_van"),
    ("QUY CHẾ", "quy_che"),
    ("QUY ĐỊNH", "quy_che"),
    ("NGHỊ QUYẾT", "nghi_quyet"),
    ("QUYẾT ĐỊNH", "quyet_dinh"),
    ("CHỈ THỊ", "other"),
    ("TỜ TRÌNH", "other"),
    ("ĐỀ ÁN", "other"),
]

KIND_CODES = {
    "KH": "ke_hoach",
    "CTR": "chuong_trinh",
    "KL": "ket_luan",
    "BC": "bao_cao",
    "HD": "huong_dan",
    "TB": "thong_bao",
    "CV": "cong_van",
    "QC": "quy_che",
    "QĐ": "quyet_dinh",
    "NQ": "nghi_quyet",
    "QYĐ": "quy_che",
}

#: Reference kinds by the word that cites them.
REFERENCE_KINDS = {
    "nghị quyết": "nghi_quyet",
    "nghị định": "nghi_dinh",
    "quyết định": "quyet_dinh",
    "chỉ thị": "chi_thi",
    "kết luận": "ket_luan",
    "kế hoạch": "ke_hoach",
    "hướng dẫn": "huong_dan",
    "thông báo": "thong_bao",
    "thông tư": "thong_tu",
    "công văn": "cong_van",
    "chương trình": "chuong_trinh",
    "đề án": "de_an",
    "quy chế": "quy_che",
    "quy định": "quy_dinh",
    "luật": "luat",
    "tờ trình": "to_trinh",
    "báo cáo": "bao_cao",
}
_CODE_REFERENCE_KINDS = {
    "NQ": "nghi_quyet",
    "NĐ": "nghi_dinh",
    "QĐ": "quyet_dinh",
    "CT": "chi_thi",
    "KL": "ket_luan",
    "KH": "ke_hoach",
    "HD": "huong_dan",
    "TB": "thong_bao",
    "TT": "thong_tu",
    "CTR": "chuong_trinh",
    "ĐA": "de_an",
    "QC": "quy_che",
    "QYĐ": "quy_dinh",
    "TTR": "to_trinh",
    "BC": "bao_cao",
}

_UP = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_SYM_PART = rf"[{_UP}][A-Za-z{_UP}đ0-9]*"
#: A số-ký hiệu: 127-KH/TĐTN-BTG, 300/KH-UBND, 98/2023/QH15, 05 – CT/TW, 98-NQ/2023/QH15.
DOCNUM = (
    rf"\d{{1,5}}(?:/\d{{4}})?\s?[-–/]\s?{_SYM_PART}"
    rf"(?:\s?[-–/]\s?(?:{_SYM_PART}|\d{{4}}(?=/)))*"
)
DOCNUM_RE = re.compile(rf"(?=\d)(?<![\w/]){DOCNUM}")

_REF_WORDS = "|".join(sorted((re.escape(w) for w in REFERENCE_KINDS), key=len, reverse=True))
REFERENCE_RE = re.compile(
    rf"(?<!\w)(?=[NnQqCcKkHhTtĐđLlBb])(?i:(?P<word>{_REF_WORDS})(?:\s+liên\s+tịch)?)\s+(?i:số\s*:?\s*)?"
    rf"(?P<num>{DOCNUM}|\d{{1,4}}(?![\d/.,%]|\s*(?:năm|tháng|ngày|tuần|lần)\b))"
)
_SIGNATURE = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\.\s*(.+)$")
_PLACE_DATE = re.compile(
    r"(?:^|\|\s*)(?P<place>[^\W\d][^,|\n]{1,60}?)\s*,\s*ngày\s*(?:(?P<d>\d{1,2})?[\s.…_]*tháng\s+(?P<m>\d{1,2})?"
    r"[\s.…_]*năm\s+(?P<y>\d{4})|(?P<nd>\d{1,2})\s*([/.\-])\s*(?P<nm>\d{1,2})\s*\6\s*(?P<ny>\d{4})\s*$)"
)
# a weekday where the place should be: the date line of a news page, not an issue date
_WEEKDAY_PLACE = re.compile(r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật|CN)", re.I)
# "Hà Nội ngày 28 tháng 03 năm 2013" on a line of its own, the comma left out
_PLACE_DATE_BARE = re.compile(
    r"^(?P<place>[^\W\d][^\W\d]*(?:\s+[^\W\d][^\W\d]*){0,3})\s+ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})"
    r"\s+năm\s+(?P<y>\d{4})\s*$"
)
_NOT_PLACE = {
    "sáng",
    "chiều",
    "tối",
    "trưa",
    "hôm",
    "nay",
    "vào",
    "từ",
    "đến",
    "trước",
    "sau",
    "ngày",
    "cập",
    "nhật",
    "thứ",
    "chủ",
}
_ADOPTED_ON = re.compile(
    r"^\(\s*[^()]{0,200}?\bthông\s+qua\s+(?:tại\s+[^()]{0,80}?\s+)?(?P<date>ngày\s+\d{1,2}\s*(?:/|tháng)\s*\d{1,2}"
    r"\s*(?:/|năm)\s*\d{4})\s*\)$",
    re.I,
)
_ISSUED_WITH = re.compile(
    r"^\W{0,3}(?:ban\s+hành\s+)?kèm\s+theo\s+(?:quyết\s+định|nghị\s+quyết|thông\s+tư)\s+số\s*:?\s*"
    r"(?P<rest>\d{1,5}\s*[-/][^\s,;]+)\s*,?\s*ngày\s+(?P<date>\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|"
    r"\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})",
    re.I,
)
# "Số: 127-KH/…", also in capitals on some headers ("SỐ 16 KH/ĐTN")
_NUMBER_LINE = re.compile(r"(?:^|\|\s*)(?:Số|SỐ)\s*(?::|\.|(?=\s*\d)|(?=\s*[-/]))\s*(?P<rest>[^|]*)")
_MOTTO = re.compile(
    r"^(?:ĐOÀN\s+TNCS\s+HỒ\s+CHÍ\s+MINH|ĐOÀN\s+THANH\s+NIÊN\s+CỘNG\s+SẢN\s+HỒ\s+CHÍ\s+MINH|"
    r"CỘNG\s+HÒA\s+XÃ\s+HỘI.*|CỘNG\s+HOÀ\s+XÃ\s+HỘI.*|Độc\s+lập\s*[-–].*)$",
    re.IGNORECASE,
)
_BODY_START = re.compile(
    r"^(?:Căn cứ|Thực hiện|Nhằm|Để|Triển khai|Theo|Trên cơ sở|Ban Thường vụ|Ban Chấp hành|Ban Bí thư|"
    r"Thường trực|Nhân dịp|Hưởng ứng|Sáng ngày|Chiều ngày|Ngày \d)",
    re.IGNORECASE,
)
_ISSUER_SENTENCE = re.compile(
    r"((?:Ban\s+(?:Thường\s+vụ|Chấp\s+hành|Bí\s+thư)|Thường\s+trực)\s+[^,.;:()]{3,70}?)\s+"
    r"(?:ban\s+hành|xây\s+dựng|tiếp\s+tục|thông\s+báo|hướng\s+dẫn|báo\s+cáo)",
    re.IGNORECASE,
)


# ---------------------------------------------------------------- headings

_ROMAN_H = re.compile(r"^(?P<num>[IVXL]{1,6})\s*[.\-–:)]\s*(?P<title>\S.*)$")
_ARABIC_H = re.compile(
    r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,4})\.?\s+(?P<title>\S.*)$|^(?P<num1>\d{1,2})\s*[.)]\s+(?P<title1>\S.*)$"
)
_LETTER_H = re.compile(r"^(?P<num>[a-zđ])\s*[.)]\s+(?P<title>\S.*)$")
_WORD_H = re.compile(
    r"^(?P<kw>Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Điều|ĐIỀU)\s+(?P<num>[IVXLC]{1,6}|\d{1,3})\s*[.:\-–]?\s*(?P<title>.*)$"
)


@dataclass
class Heading:
    style: str  # roman | arabic1 | arabic2… | letter | word:<kw>
    number: str
    title: str
    value: int | None
    long: bool = False  # a numbered paragraph rather than a short heading


def parse_heading(text: str) -> Heading | None:
    """Recognise a numbered heading ("II. NỘI DUNG", "2.1. …", "a) …", "Điều 3. …")."""
    m = _WORD_H.match(text)
    if m:
        kw = m.group("kw").capitalize()
        num = m.group("num")
        value = int(num) if num.isdigit() else roman_to_int(num)
        return _heading(f"word:{kw}", f"{kw} {num}", m.group("title"), value)
    m = _ROMAN_H.match(text)
    if m and roman_to_int(m.group("num")) and roman_to_int(m.group("num")) <= 40:
        title = m.group("title")
        # "I. Mục đích" but not "V. Một…" written as a sentence: Roman headings are short
        if len(title) <= 250:
            return _heading("roman", m.group("num"), title, roman_to_int(m.group("num")))
    m = _ARABIC_H.match(text)
    if m:
        num = m.group("num") or m.group("num1")
        title = m.group("title") or m.group("title1")
        depth = num.count(".") + 1
        return _heading(f"arabic{depth}", num, title, int(num.split(".")[-1]))
    m = _LETTER_H.match(text)
    if m:
        return _heading("letter", m.group("num"), m.group("title"), ord(m.group("num")) - 96)
    return None


def _heading(style: str, number: str, title: str, value: int | None) -> Heading:
    title = title.strip()
    head, sep, _rest = title.partition(":")
    long = False
    if sep and 0 < len(head) <= 160:
        title = head.strip()
    elif len(title) > 180 or title.endswith(";") or (title.endswith(".") and len(title) > 80):
        long = True
    return Heading(style, number, title.rstrip(" .:"), value, long)


@dataclass
class SectionNode:
    number: str
    title: str
    line: int
    style: str
    value: int | None
    children: list[SectionNode] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "title": self.title,
            "line": self.line,
            "children": [c.as_dict() for c in self.children],
        }


class SectionBuilder:
    """Builds the section tree incrementally; `path` is the chain of open sections."""

    def __init__(self) -> None:
        self.roots: list[SectionNode] = []
        self.path: list[SectionNode] = []

    def add(self, heading: Heading, line: int) -> SectionNode | None:
        if heading.long:
            return None
        style = heading.style
        # numbering jump: "III. …" then "4. …" where IV was meant
        if style == "arabic1":
            top = next((n for n in reversed(self.path) if n.style == "roman"), None)
            if (
                top is not None
                and heading.value is not None
                and top.value == heading.value - 1
                and not any(c.style == "arabic1" for c in top.children)
                and heading.value > 1
            ):
                style = "roman"
        node = SectionNode(heading.number, heading.title, line, style, heading.value)
        styles = [n.style for n in self.path]
        if style in styles:
            del self.path[styles.index(style) :]
        if self.path:
            self.path[-1].children.append(node)
        else:
            self.roots.append(node)
        self.path.append(node)
        return node


def build_sections(paragraphs: list[Paragraph]) -> list[dict]:
    """Section tree of a whole document (convenience for tests)."""
    builder = SectionBuilder()
    for p in paragraphs:
        h = parse_heading(p.text)
        if h:
            builder.add(h, p.line)
    return [n.as_dict() for n in builder.roots]


# ---------------------------------------------------------------- metadata


@dataclass
class Metadata:
    kind: str = "other"
    number: str | None = None
    symbol: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: str | None = None
    title: str = ""
    period: dict | None = None
    heading_index: int | None = None
    body_start: int = 0  # index of the first body paragraph


def parse_number_line(rest: str) -> tuple[str | None, str | None]:
    """("127 -KH/TĐTN-BTG") → ("127-KH/TĐTN-BTG", "KH/TĐTN-BTG"); a blank draft → (None, symbol)."""
    rest = rest.strip().rstrip(".,;")
    m = re.match(
        rf"^(?P<n>\d{{1,5}})?\s*(?:/(?P<y>\d{{4}}))?\s*(?P<sep>[-–/])?\s*(?P<sym>{_SYM_PART}(?:\s*[-–/]\s*(?:{_SYM_PART}|\d{{4}}(?=/)))*)",
        rest,
    )
    if not m:
        return None, None
    symbol = re.sub(r"\s+", "", m.group("sym")).replace("–", "-")
    if not m.group("n"):
        return None, symbol
    sep = (m.group("sep") or "-").replace("–", "-")
    year = f"/{m.group('y')}" if m.group("y") else ""
    return f"{m.group('n')}{year}{sep}{symbol}", symbol


def _kind_of_heading(text: str) -> tuple[str, str] | None:
    upper = text.upper()
    if text != upper and not text.isupper():
        return None
    for word, kind in KIND_WORDS:
        if upper.startswith(word) and (len(upper) == len(word) or not upper[len(word)].isalpha()):
            return kind, text[len(word) :].strip(" :-–")
    return None


def read_metadata(paragraphs: list[Paragraph]) -> Metadata:
    """Kind, number, issuer, place, date, title and period from the top of the document.

    Long because the header block of a Union document is read in one top-down pass (issuer, number,
    place and date, kind, title), each rule a few lines."""
    meta = Metadata()
    limit = min(len(paragraphs), 40)
    for i in range(limit):
        p = paragraphs[i]
        if len(p.text) > 120 or parse_heading(p.text):
            continue
        found = _kind_of_heading(p.text)
        if found:
            meta.kind, rest = found
            meta.heading_index = i
            break
    header_end = meta.heading_index if meta.heading_index is not None else min(len(paragraphs), 8)

    # number, place and date: in the header (or anywhere in the first lines of a letter)
    for p in paragraphs[: max(header_end, min(limit, 12))]:
        if meta.number is None and meta.symbol is None:
            m = _NUMBER_LINE.search(p.text)
            if m and not re.match(r"\s*(lượng|liệu|hóa|hoá)", m.group("rest")):
                meta.number, meta.symbol = parse_number_line(m.group("rest"))
        if meta.date is None and meta.place is None:
            m = _PLACE_DATE.search(p.text)
            if m is None:
                bare = _PLACE_DATE_BARE.match(p.text.strip())
                words = bare.group("place").split() if bare else []
                if words and all(w[:1].isupper() and w.lower() not in _NOT_PLACE for w in words):
                    m = bare
            if m and _WEEKDAY_PLACE.fullmatch(m.group("place").strip(" -|")):
                m = None  # "Thứ tư, ngày 25 tháng 10 năm 2017 | 10:41": a news item's time stamp
            if m:
                meta.place = m.group("place").strip(" -|")
                d, mo, y = (
                    (m.group("d"), m.group("m"), m.group("y")) if m.group("y") else m.group("nd", "nm", "ny")
                )
                if d and mo:  # "Hà Nội, ngày 04 tháng 9 năm 2023" or "Bảo Lâm, ngày 12/9/2022"
                    found = find_dates(f"ngày {d} tháng {mo} năm {y}")
                    if found and found[0].date:
                        meta.date = found[0].date.isoformat()
    if meta.number is None and meta.date is None:
        # "(Ban hành kèm theo Quyết định số: 109-QĐ/TWĐTN-VP ngày 15/8/2018 của …)": a regulation
        # issued with a decision carries that decision's number and date
        for p in paragraphs[: min(len(paragraphs), 8)]:
            m = _ISSUED_WITH.match(p.text)
            if m:
                number, _symbol = parse_number_line(m.group("rest"))
                found = find_dates(m.group("date"))
                if number and found and found[0].date and found[0].year_explicit:
                    meta.number, meta.date = number, found[0].date.isoformat()
                break
    if meta.number is None and meta.date is None:
        # "(Đại hội đại biểu toàn quốc lần thứ XI … thông qua ngày 13/12/2017)": a charter's date is
        # the day its congress adopted it
        for p in paragraphs[: min(len(paragraphs), 6)]:
            m = _ADOPTED_ON.match(p.text.strip())
            if m:
                found = find_dates(m.group("date"))
                if found and found[0].date and found[0].year_explicit:
                    meta.date = found[0].date.isoformat()
                break
    if meta.kind == "other" and meta.symbol:
        code = re.split(r"[-/]", meta.symbol)[0].upper()
        meta.kind = KIND_CODES.get(code, "other")
        if meta.kind == "other" and any(
            p.text.lower().startswith(("v/v", "về việc")) for p in paragraphs[:limit]
        ):
            meta.kind = "cong_van"

    meta.issuer = _issuer(paragraphs, header_end)

    # title
    title_parts: list[str] = []
    start = 0
    if meta.heading_index is not None:
        heading_rest = _kind_of_heading(paragraphs[meta.heading_index].text)
        if heading_rest and heading_rest[1]:
            title_parts.append(heading_rest[1])
        start = meta.heading_index + 1
    i = start
    while i < len(paragraphs) and len(title_parts) < 4:
        p = paragraphs[i]
        text = p.text
        if text == "***" or _NUMBER_LINE.match(text) or _PLACE_DATE.search(text) or _MOTTO.match(text):
            i += 1
            continue
        if parse_heading(text):
            break
        if title_parts:
            all_bold = p.bold and all(q.bold for q in paragraphs[start:i] if q.text in title_parts)
            title_like = (
                len(text) < 160
                and not LIST_ITEM_HEAD.match(text)
                and not _BODY_START.match(text)
                and not text.endswith((".", ";", ":"))
            )
            if not (all_bold or text[:1].islower() or title_like) or len(text) > 300:
                break
        if not title_parts and meta.heading_index is None and len(text) > 300:
            break
        title_parts.append(text)
        i += 1
        if not p.bold and (text.endswith((".", ":")) or meta.heading_index is None):
            break
    meta.body_start = i
    meta.title = " ".join(title_parts).strip()
    meta.period = _period(meta.title)
    return meta


def _issuer(paragraphs: list[Paragraph], header_end: int) -> str | None:
    lines: list[str] = []
    for p in paragraphs[:header_end]:
        text = p.text
        if text == "***":
            break
        if _NUMBER_LINE.match(text) or _PLACE_DATE.search(text):
            break
        if text.isupper() and len(text) < 120:
            lines.append(text)
    if len(lines) > 1:
        lines = [t for t in lines if not _MOTTO.match(t)] or lines
    lines = [t for t in lines if not _MOTTO.match(t) or len(lines) == 1]
    if lines and not (len(lines) == 1 and _MOTTO.match(lines[0]) and lines[0].startswith("CỘNG")):
        return " ".join(lines)
    for p in paragraphs[header_end : header_end + 5]:
        m = _ISSUER_SENTENCE.search(p.text)
        if m and not re.search(r"(?:được|của|theo|với)\s*$", p.text[: m.start()]):
            return m.group(1).strip()
    for p in reversed(paragraphs[-40:]):
        m = _SIGNATURE.match(p.text)
        if m:
            return m.group(1).strip()
    return None


def _period(title: str) -> dict | None:
    spans = [d for d in find_dates(title, DateContext()) if d.kind in ("span", "year")]
    for d in reversed(spans):
        if d.kind == "span":
            return {"start": str(d.date.year), "end": str(d.end_date.year)}
    for d in reversed(spans):
        return {"start": str(d.date.year), "end": str(d.date.year)}
    return None


# ---------------------------------------------------------------- references


def reference_kind(word: str | None, number: str | None) -> str:
    if word:
        return REFERENCE_KINDS.get(word.lower(), "other")
    if number:
        parts = re.split(r"[-–/]", number)
        for part in parts[1:]:
            code = part.strip().upper()
            if code in _CODE_REFERENCE_KINDS:
                return _CODE_REFERENCE_KINDS[code]
    return "other"


# people counted right after a bare number: it counts them, it numbers no document
_PEOPLE_COUNTED_AFTER = re.compile(
    r"[ \t]+(?:sinh\s+viên|học\s+sinh|đoàn\s+viên|hội\s+viên|đội\s+viên|thanh\s+niên|người|cán\s+bộ|"
    r"giáo\s+viên|giảng\s+viên|tình\s+nguyện\s+viên)\b",
    re.I,
)


def find_references(text: str, ctx: DateContext | None = None) -> list[tuple[int, int, dict]]:
    """Cited documents in `text` with their spans: "Kết luận số 121-KL/TWĐTN-BTG ngày 15/8/2023"."""
    out: list[tuple[int, int, dict]] = []
    taken: list[tuple[int, int]] = []
    for m in REFERENCE_RE.finditer(text):
        number = re.sub(r"\s+", "", m.group("num")).replace("–", "-")
        end = m.end()
        if number.isdigit() and _PEOPLE_COUNTED_AFTER.match(text, end):
            continue  # "khoa Luật 40 sinh viên": a faculty's quota of people, not Law no. 40
        ref_date = None
        tail = text[end : end + 40]
        dm = re.match(r"\s*,?\s*(?:ban hành\s+)?ngày\s", tail)
        if dm:
            found = find_dates(tail, ctx or DateContext())
            if found and found[0].start <= dm.end() and found[0].kind == "day":
                ref_date = found[0].date.isoformat()
                end = end + found[0].end
        kind = reference_kind(m.group("word"), number)
        out.append(
            (
                m.start(),
                end,
                {"number": number, "kind": kind, "date": ref_date, "text": text[m.start() : end]},
            )
        )
        taken.append((m.start(), end))
    for m in DOCNUM_RE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        number = re.sub(r"\s+", "", m.group(0)).replace("–", "-")
        if not re.search(r"[A-Za-zĐđ]", number.split("/")[-1] + number):
            continue
        out.append(
            (
                m.start(),
                m.end(),
                {"number": number, "kind": reference_kind(None, number), "date": None, "text": m.group(0)},
            )
        )
    out.sort(key=lambda t: t[0])
    return out
