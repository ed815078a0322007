"""Vietnamese date grammar as written in Union plans.

Recognises "ngày 29 tháng 8 năm 2023", "29/8/2023", "trước ngày 28/02", ranges
("từ ngày 06-10/3", "02-03/3/2023", "26/3/1931 – 26/3/2023"), weeks of a month
("tuần 01 tháng 3"), months ("Tháng 12/2024", "cuối tháng 3"), quarters
("quý IV năm 2025"), halves ("6 tháng đầu năm"), years ("vào năm 2025") and spans
("giai đoạn 2023 - 2027", "năm học 2023-2024"). A date written without its year takes
the year from context (the plan's year, else the issue date — moved to the next year
when it would fall well before the issue date — else the last year written before it).
"""

from __future__ import annotations

import calendar
import contextlib
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateContext", "DateMatch", "DATE_RE", "find_dates", "parse_date", "find_time", "roman_to_int"]

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


def roman_to_int(text: str) -> int | None:
    """Value of a Roman numeral (I–MMM), or None when it is not one."""
    text = text.upper()
    if text in _ROMAN:
        return _ROMAN[text]
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    if not text or any(ch not in values for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total


@dataclass
class DateContext:
    """What a date without a year is read against."""

    year: int | None = None  # the plan's own year (single-year plans)
    doc_date: date | None = None  # issue date of the document
    school_year: int | None = None  # first year of the one school year a text names ("năm học 2022-2023")

    def resolve_year(self, month: int, day: int, last_year: int | None) -> int | None:
        if self.year:
            return self.year
        if self.school_year and not self.doc_date:
            # a school year runs from August to July: "1/9" is in its first year, "15/3" in its second
            return self.school_year if month >= 8 else self.school_year + 1
        if self.doc_date:
            year = self.doc_date.year
            try:
                candidate = date(year, month, day)
            except ValueError:
                return year
            if candidate < self.doc_date - timedelta(days=45):
                year += 1  # a due date is in the future of the issue date
            return year
        return last_year


@dataclass
class DateMatch:
    """One date expression found in text; `date`..`end` is the span of days it covers."""

    start: int
    end: int
    kind: str  # day | range | week | month | quarter | half | year | span
    date: date | None
    end_date: date | None
    period: str | None = None  # DHIS2-style: "2024", "2025Q4", "2024-12", "2024S1"
    year_explicit: bool = True
    prefix: str | None = None  # đầu | giữa | cuối


_Y = r"\d{4}"
_LB = r"(?<![\w/.,\-–])"
# "tháng 3 năm 2024", "tháng 3/2024", "tháng 3.2024", "tháng 2-2019" (a dash only before a four-digit year,
# so "tháng 5-6" stays two months)
_YEAR_TAIL = r"(?:\s*(?:,\s*)?năm\s+|\s*/\s*|\.(?=(?:19|20)\d\d\b)|[ \t]*[-–][ \t]*(?=(?:19|20)\d\d\b))"

# "(?<!\w)(?=[…])" lets the engine reject most positions with two cheap checks (5x faster)
DATE_RE = re.compile(
    r"(?<!\w)(?=[\dnNtTqQgGđĐcCsS]|[vV]ào\s+\d)(?:"
    + "|".join(
        [
            # day ranges: "từ ngày 06-10/3", "02-03/3/2023", "06/3 đến ngày 10/3", "26/3/1931 – 26/3/2023",
            # "Tuần I (1/9→7/9)" (an arrow in week rows)
            rf"{_LB}(?:(?:từ\s+)?ngày\s+)?(?P<rd1>\d{{1,2}})(?:\s*/\s*(?P<rm1>\d{{1,2}})(?:\s*/\s*(?P<ry1>{_Y}))?)?"
            r"\s*(?:[-–→]|đến(?:\s+hết)?(?:\s+ngày)?|tới(?:\s+ngày)?)\s*"
            rf"(?P<rd2>\d{{1,2}})\s*/\s*(?P<rm2>\d{{1,2}})(?:\s*/\s*(?P<ry2>{_Y}))?(?![\d/])",
            # "từ ngày 12-7 đến 16-8-2020", "từ 12.7 đến 16.8.2020": a window written with dashes or
            # dots, joined by words only ("12-7 - 16-8" would be ambiguous)
            rf"{_LB}(?:(?:từ\s+)?ngày\s+)?(?P<xd1>\d{{1,2}})(?P<xs>[.\-])(?P<xm1>\d{{1,2}})(?:(?P=xs)(?P<xy1>{_Y}))?"
            r"\s*(?:đến(?:\s+hết)?(?:\s+ngày)?|tới(?:\s+ngày)?)\s*"
            rf"(?P<xd2>\d{{1,2}})(?P=xs)(?P<xm2>\d{{1,2}})(?:(?P=xs)(?P<xy2>{_Y}))?(?![\d/.\-]\d)",
            # 29/8/2023, 29-8-2023, 29.8.2023
            rf"{_LB}(?:ngày\s+)?(?P<fd>\d{{1,2}})(?P<sep>[/.\-])(?P<fm>\d{{1,2}})(?P=sep)(?P<fy>{_Y})(?!\d)",
            # 2023-08-29
            rf"{_LB}(?P<iy>{_Y})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?!\d)",
            # ngày 29 tháng 8 năm 2023
            rf"ngày\s+(?P<td>\d{{1,2}})\s+tháng\s+(?P<tm>\d{{1,2}})(?:{_YEAR_TAIL}(?P<ty>{_Y}))?(?!\d)",
            # 29/8 (year from context)
            rf"{_LB}(?:ngày\s+)?(?P<sd>\d{{1,2}})\s*/\s*(?P<sm>\d{{1,2}})(?![\d/])",
            # "ngày 19.8", "đến hết ngày 30-10", "sẽ diễn ra vào 19-3" (a dotted or dashed day and month
            # only after "ngày" or "vào": "19.8" alone is a decimal, "30-10" alone a range; "ngày 2-3
            # tháng 5" is two days of May, "vào 7-8 giờ" two hours)
            r"(?:ngày|vào)\s+(?P<dd>\d{1,2})[.\-](?P<dm>\d{1,2})"
            r"(?![\d\-]|[.,\-/]\d|\s*(?:tháng|giờ|h\b|g\b|phút|%|người|lần|triệu|nghìn|tỷ))",
            # tuần 01 tháng 3
            r"tuần\s+(?:thứ\s+)?(?P<wn>\d{1,2}|đầu tiên|đầu|cuối cùng|cuối|I{1,3}|IV|V)\s+(?:của\s+)?tháng\s+"
            rf"(?P<wm>\d{{1,2}})(?:{_YEAR_TAIL}(?P<wy>{_Y}))?(?![\d/])",
            # 6 tháng đầu năm 2024
            rf"(?P<hn>6|06|sáu)\s+tháng\s+(?P<hw>đầu|cuối)\s+năm(?:\s+(?P<hy>{_Y}))?",
            # tháng 3 - 4/2024, từ tháng 3 đến tháng 5 năm 2024
            r"tháng\s+(?P<mr1>\d{1,2})\s*(?:[-–]|đến(?:\s+hết)?|tới)\s*(?:tháng\s+)?(?P<mr2>\d{1,2})"
            rf"(?:{_YEAR_TAIL}(?P<mry>{_Y}))?(?![\d/])",
            # Tháng 12/2024, cuối tháng 3
            rf"(?:(?P<mpre>đầu|giữa|cuối)\s+)?tháng\s+(?P<mm>\d{{1,2}})(?:{_YEAR_TAIL}(?P<my>{_Y}))?(?![\d/])",
            # quý IV năm 2025
            rf"quý\s+(?P<q>IV|I{{1,3}}|[1-4])(?![\w])(?:{_YEAR_TAIL}(?P<qy>{_Y}))?",
            # spans: giai đoạn 2023 - 2027, năm học 2023-2024, 1969 - 2024
            r"(?P<spre>năm\s+học|niên\s+kh[oó]á|giai\s+đoạn|nhiệm\s+kỳ|từ\s+năm)?\s*"
            rf"{_LB}(?P<sy1>{_Y})\s*(?:[-–]|đến(?:\s+năm)?)\s*(?P<sy2>{_Y})(?!\d)",
            # năm 2025, cuối năm 2024
            rf"(?:(?P<ypre>đầu|giữa|cuối)\s+)?năm\s+(?P<yy>{_Y})(?!\d)",
        ]
    )
    + ")",
    re.IGNORECASE,
)

_TIME_AFTER = re.compile(
    r"^\s*,?\s*(?:lúc|vào lúc|trước|từ)?\s*(\d{1,2})\s*(?:h|giờ|g)\s*(\d{2})?(?!\d)", re.I
)
_TIME_BEFORE = re.compile(r"(\d{1,2})\s*(?:h|giờ|g)\s*(\d{2})?\s*(?:phút)?\s*,?\s*(?:ngày)?\s*$", re.I)


_FRACTION_TAIL = re.compile(
    r"\s+(?!(?:và|đến|tới|hằng|hàng|năm|của|tại|với|hoặc|trong|để|lúc|từ|là|sẽ|nhằm|nhân|này|tổ|có)\b)"
    r"[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]"
)


def find_time(text: str, start: int, end: int) -> str | None:
    """A clock time written next to a date ("trước 12h00 ngày 28/02", "ngày 5/3, lúc 14 giờ")."""
    m = _TIME_AFTER.match(text[end : end + 20])
    if not m:
        m = _TIME_BEFORE.search(text[max(0, start - 20) : start])
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _valid(y: int | None, m: int, d: int) -> date | None:
    if y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _week_of_month(token: str) -> int | None:
    token = token.lower()
    if token.startswith("đầu"):
        return 1
    if token.startswith("cuối"):
        return -1
    if token.isdigit():
        return int(token)
    return roman_to_int(token)


def _plausible_year(y: int) -> bool:
    return 1900 <= y <= 2100


def find_dates(text: str, ctx: DateContext | None = None) -> list[DateMatch]:
    """All date expressions in `text`, left to right, with years resolved from `ctx`."""
    ctx = ctx or DateContext()
    out: list[DateMatch] = []
    last_year: int | None = ctx.year or (ctx.doc_date.year if ctx.doc_date else None)
    for m in DATE_RE.finditer(text):
        g = m.groupdict()
        match = _build(m, g, ctx, last_year)
        if match is None:
            continue
        if match.year_explicit and match.date:
            last_year = match.end_date.year if match.end_date else match.date.year
            if match.kind == "span" and (g.get("spre") or "").lower().startswith(("nhiệm", "giai")):
                # "Đại hội …, nhiệm kỳ 2024 – 2029 sẽ tổ chức từ ngày 20 – 21/9": a term or phase is named
                # when it opens, so a day after it without a year is in its first year, not its last
                last_year = match.date.year
        first = _first_of_two_days(text, match)
        if first is not None:
            out.append(first)
        out.append(match)
    return out


# "ngày 17 và 18/10", "22 & 23/03": the first of two days that share the month written after the second
_FIRST_DAY_BEFORE = re.compile(r"(?<![\d/.,])(\d{1,2})\s*(?:và|&)\s*(?:ngày\s+)?$", re.I)


def _first_of_two_days(text: str, match: DateMatch) -> DateMatch | None:
    if match.kind != "day" or match.date is None:
        return None
    head = text[max(0, match.start - 16) : match.start]
    lead = re.match(r"ngày\s+", text[match.start : match.end], re.I)
    if lead:
        return None  # "17 và ngày 18/10" names a second date of its own; keep the plain form only
    m = _FIRST_DAY_BEFORE.search(head)
    if not m:
        return None
    day = int(m.group(1))
    if not 1 <= day < match.date.day:
        return None
    first = _valid(match.date.year, match.date.month, day)
    if first is None:
        return None
    start = match.start - len(head) + m.start(1)
    return DateMatch(
        start, start + len(m.group(1)), "day", first, first, first.isoformat(), match.year_explicit
    )


def parse_date(text: str, ctx: DateContext | None = None) -> DateMatch | None:
    """The first date expression in `text` (convenience for tests and callers)."""
    found = find_dates(text, ctx)
    return found[0] if found else None


def _build(m: re.Match, g: dict, ctx: DateContext, last_year: int | None) -> DateMatch | None:
    """Turns one date match into a DateMatch. Long because each pattern's groups are read in one
    ordered cascade (day, month, year, relative forms): the reader's grammar, which issue 13
    re-tunes."""
    s, e = m.start(), m.end()
    # leading spaces swallowed by optional prefixes
    while s < e and m.string[s].isspace():
        s += 1
    if g["rd1"] is not None:
        d1, d2, m2 = int(g["rd1"]), int(g["rd2"]), int(g["rm2"])
        m1 = int(g["rm1"]) if g["rm1"] else m2
        y2 = int(g["ry2"]) if g["ry2"] else None
        y1 = int(g["ry1"]) if g["ry1"] else y2
        explicit = y2 is not None
        if y2 is None:
            y2 = ctx.resolve_year(m2, d2, last_year)
            y1 = y2
        start, end = _valid(y1, m1, d1), _valid(y2, m2, d2)
        if start is None or end is None:
            return None
        if end < start and g["ry1"] is None:
            start = _valid(y1 - 1, m1, d1) if y1 else None
            if start is None:
                return None
        return DateMatch(s, e, "range", start, end, None, explicit)
    if g["xd1"] is not None:
        if g["xs"] == "." and not g["xy2"] and "ngày" not in m.group(0).lower():
            return None  # "từ 2.5 đến 3.5": decimals, not days
        d1, m1, d2, m2 = (int(g[k]) for k in ("xd1", "xm1", "xd2", "xm2"))
        y2 = int(g["xy2"]) if g["xy2"] else ctx.resolve_year(m2, d2, last_year)
        y1 = int(g["xy1"]) if g["xy1"] else y2
        start, end = _valid(y1, m1, d1), _valid(y2, m2, d2)
        if start is None or end is None or end < start:
            return None
        return DateMatch(s, e, "range", start, end, None, g["xy2"] is not None)
    if g["fd"] is not None:
        d = _valid(int(g["fy"]), int(g["fm"]), int(g["fd"]))
        if d is None:
            return None
        return DateMatch(s, e, "day", d, d, d.isoformat(), True)
    if g["iy"] is not None:
        d = _valid(int(g["iy"]), int(g["im"]), int(g["id"]))
        return DateMatch(s, e, "day", d, d, d.isoformat(), True) if d else None
    if g["td"] is not None:
        day, month = int(g["td"]), int(g["tm"])
        year = int(g["ty"]) if g["ty"] else ctx.resolve_year(month, day, last_year)
        d = _valid(year, month, day)
        if d is None:
            return None
        return DateMatch(s, e, "day", d, d, d.isoformat(), bool(g["ty"]))
    if g["sd"] is not None:
        day, month = int(g["sd"]), int(g["sm"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        if not m.group(0).lower().lstrip().startswith("ngày") and _FRACTION_TAIL.match(m.string, e):
            return None  # "3/5 chi đoàn" is a fraction, not the 3rd of May
        d = _valid(ctx.resolve_year(month, day, last_year), month, day)
        if d is None:
            return None
        return DateMatch(s, e, "day", d, d, d.isoformat(), False)
    if g["dd"] is not None:
        day, month = int(g["dd"]), int(g["dm"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        d = _valid(ctx.resolve_year(month, day, last_year), month, day)
        return DateMatch(s, e, "day", d, d, d.isoformat(), False) if d else None
    if g["wn"] is not None:
        month = int(g["wm"])
        week = _week_of_month(g["wn"])
        year = int(g["wy"]) if g["wy"] else ctx.resolve_year(month, 1, last_year)
        if year is None or week is None or not 1 <= month <= 12 or week == 0 or week > 5:
            return None
        last = _month_end(year, month)
        if week == -1:
            start = last - timedelta(days=6)
        else:
            start = date(year, month, min(7 * (week - 1) + 1, last.day))
        end = min(start + timedelta(days=6), last)
        return DateMatch(s, e, "week", start, end, f"{year}-{month:02d}", bool(g["wy"]))
    if g["hn"] is not None:
        year = int(g["hy"]) if g["hy"] else (ctx.year or last_year)
        if year is None:
            return None
        first = g["hw"].lower() == "đầu"
        start = date(year, 1, 1) if first else date(year, 7, 1)
        end = date(year, 6, 30) if first else date(year, 12, 31)
        return DateMatch(s, e, "half", start, end, f"{year}S{1 if first else 2}", bool(g["hy"]))
    if g["mr1"] is not None:
        m1, m2 = int(g["mr1"]), int(g["mr2"])
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or m2 < m1:
            return None
        year = int(g["mry"]) if g["mry"] else ctx.resolve_year(m1, 1, last_year)
        if year is None:
            return None
        return DateMatch(s, e, "month", date(year, m1, 1), _month_end(year, m2), None, bool(g["mry"]))
    if g["mm"] is not None:
        month = int(g["mm"])
        if not 1 <= month <= 12:
            return None
        year = int(g["my"]) if g["my"] else ctx.resolve_year(month, 28, last_year)
        if year is None:
            return None
        start, end = date(year, month, 1), _month_end(year, month)
        prefix = (g["mpre"] or "").lower() or None
        if prefix == "đầu":
            end = date(year, month, 10)
        elif prefix == "giữa":
            start, end = date(year, month, 11), date(year, month, 20)
        elif prefix == "cuối":
            start = date(year, month, 21)
        return DateMatch(s, e, "month", start, end, f"{year}-{month:02d}", bool(g["my"]), prefix)
    if g["q"] is not None:
        q = int(g["q"]) if g["q"].isdigit() else roman_to_int(g["q"])
        year = int(g["qy"]) if g["qy"] else (ctx.year or last_year)
        if year is None or q is None or not 1 <= q <= 4:
            return None
        start = date(year, 3 * q - 2, 1)
        return DateMatch(s, e, "quarter", start, _month_end(year, 3 * q), f"{year}Q{q}", bool(g["qy"]))
    if g["sy1"] is not None:
        y1, y2 = int(g["sy1"]), int(g["sy2"])
        if not (_plausible_year(y1) and _plausible_year(y2)) or y2 < y1:
            return None
        return DateMatch(s, e, "span", date(y1, 1, 1), date(y2, 12, 31), f"{y1}-{y2}", True, g["spre"])
    if g["yy"] is not None:
        year = int(g["yy"])
        if not _plausible_year(year):
            return None
        prefix = (g["ypre"] or "").lower() or None
        start, end = date(year, 1, 1), date(year, 12, 31)
        if prefix == "cuối":
            start = date(year, 10, 1)
        elif prefix == "đầu":
            end = date(year, 3, 31)
        return DateMatch(s, e, "year", start, end, str(year), True, prefix)
    return None  # pragma: no cover


# what may stand between the two ends of a window: "Từ 08h00 thứ hai ngày 29/05/2017 đến 18h00 thứ tư
# ngày 31/05/2017", "từ 10/4 đến hết ngày 10/5/2019", "14/09/2018 đến 01/10/2018"
# "17g30", "18 giờ", "18:00" (the end of a window may carry its hour: "từ 15/12/2023 – 18:00, 30/12/2023")
_CLOCK = r"(?:\d{1,2}\s*(?:h|giờ|g|:(?=\d\d))\s*\d{0,2}\s*(?:phút)?\s*,?\s*)"
_DAYNAME = r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s*,?\s*)"
_WINDOW_JOIN = re.compile(
    rf"^\s*(?:\([^()]{{0,20}}\)\s*)?,?\s*(?:đến|tới|[-–])\s+(?:hết\s+)?{_CLOCK}?{_DAYNAME}?(?:ngày\s+)?$",
    re.I,
)
_BARE_DAY_BEFORE = re.compile(
    r"(?:từ\s+)?ngày\s+(?P<day>\d{1,2})\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?$", re.I
)


def merge_windows(text: str, dates: list[DateMatch]) -> list[DateMatch]:
    """Join the two ends of a written window into one `range` match (issue 13: "Từ 10/4 đến hết
    ngày 10/5/2019" is one window, not a deadline on 10/4); a start without its year takes the
    end's."""
    out: list[DateMatch] = []
    i = 0
    while i < len(dates):
        d = dates[i]
        nxt = dates[i + 1] if i + 1 < len(dates) else None
        if (
            nxt is not None
            and d.kind == "day"
            and nxt.kind == "day"
            and d.date
            and nxt.date
            and _WINDOW_JOIN.match(text[d.end : nxt.start])
        ):
            start = d.date
            if not d.year_explicit and nxt.year_explicit:
                with contextlib.suppress(ValueError):
                    start = start.replace(year=nxt.date.year)
                if start > nxt.date:
                    start = start.replace(year=nxt.date.year - 1)
            if start <= nxt.date:
                out.append(
                    DateMatch(d.start, nxt.end, "range", start, nxt.date, None, nxt.year_explicit, d.prefix)
                )
                i += 2
                continue
        if d.kind == "day" and d.date:
            bare = _BARE_DAY_BEFORE.search(text[max(0, d.start - 40) : d.start])
            if bare and int(bare.group("day")) < d.date.day:
                start = d.date.replace(day=int(bare.group("day")))
                begin = d.start - (len(text[max(0, d.start - 40) : d.start]) - bare.start("day"))
                out.append(DateMatch(begin, d.end, "range", start, d.date, None, d.year_explicit, d.prefix))
                i += 1
                continue
        out.append(d)
        i += 1
    return out
