"""Numbers and dates the way Vietnamese write them — the one place that reads and writes them.

Vietnamese group thousands with "." and mark decimals with "," (`85.000` = 85000,
`12,5` = 12.5, `1.234.567,5`). Every form, API string field, import, export, template
filter and the plan reader goes through this module, so a value typed in one place means
the same everywhere. A single "," is always the decimal mark (`1,500` = 1.5, as our own
output writes it); input that fits no Vietnamese reading (`1.5`, `1,234,567`) is refused
with the readings it could have meant rather than guessed: a target silently off by a
factor of 1000 is worse than a question. Pure: no models, only gettext for messages.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext

from doanso.core.errors import UserError

__all__ = [
    "VnParseError",
    "parse_number",
    "parse_date",
    "format_number",
    "format_percent",
    "format_size",
    "format_date",
    "format_period",
    "number_for",
    "date_for",
]

MAX_ABS = Decimal(10) ** 15  # no Union figure comes near; beyond it a typo or an attack
_SCALES = {"nghìn": 3, "nghin": 3, "ngàn": 3, "ngan": 3, "triệu": 6, "trieu": 6, "tỷ": 9, "tỉ": 9, "ty": 9}
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_SCALE_RE = re.compile(r"^(?P<num>.*?)\s*(?P<scale>" + "|".join(_SCALES) + r")$", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 85.000 / 1.234.567,5
_PLAIN = re.compile(r"^\d+(?:,\d+)?$")  # 85000 / 12,5
_SPACE_GROUPED = re.compile(r"^\d{1,3}(?: \d{3})+(?:,\d+)?$")  # 85 000 (a typeset thin space)
_EN_DECIMAL = re.compile(r"^\d+\.\d+$")  # 1.5, 12.25 — an English decimal or a mistyped group
_EN_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")  # 1,234,567 / 1,500


class VnParseError(ValueError):
    """Input a user typed that is not a number or date; `message` is shown as is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# ---- numbers -----------------------------------------------------------------------------


def _not_a_number(raw: object) -> VnParseError:
    return VnParseError(gettext("“%(value)s” không phải là số.") % {"value": raw})


def _ambiguous(raw: str, first: Decimal, second: Decimal) -> VnParseError:
    return VnParseError(
        gettext(
            "“%(value)s” có thể hiểu hai cách: %(a)s hoặc %(b)s. Hãy viết theo kiểu Việt Nam: "
            "dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân (ví dụ 85.000 hoặc 12,5)."
        )
        % {"value": raw, "a": format_number(first), "b": format_number(second)}
    )


def _checked(d: Decimal, raw: object) -> Decimal:
    if not d.is_finite():
        raise _not_a_number(raw)
    if abs(d) > MAX_ABS:
        raise VnParseError(gettext("“%(value)s” quá lớn.") % {"value": raw})
    return d


def _digits(s: str, raw: str) -> Decimal:
    """One number without sign, scale word or percent sign."""
    if _GROUPED.match(s) or _PLAIN.match(s) or _SPACE_GROUPED.match(s):
        whole, _, frac = s.replace(".", "").replace(" ", "").partition(",")
        return Decimal(f"{whole}.{frac}" if frac else whole)
    if _EN_DECIMAL.match(s):
        # "1.5": not a valid thousands group, so either 1,5 or a group with a digit missing (15).
        return _raise_ambiguous(raw, Decimal(s), Decimal(s.replace(".", "")))
    if _EN_GROUPED.match(s):
        whole, _, frac = s.partition(".")
        english = Decimal(whole.replace(",", "") + ("." + frac if frac else ""))
        raise VnParseError(
            gettext("“%(value)s” viết theo kiểu tiếng Anh; hãy viết %(vn)s.")
            % {"value": raw, "vn": format_number(english)}
        )
    raise _not_a_number(raw)


def _raise_ambiguous(raw: str, a: Decimal, b: Decimal) -> Decimal:
    raise _ambiguous(raw, a, b)


def parse_number(value: str | int | float | Decimal, *, allow_percent: bool = False) -> Decimal:
    """Read `85.000`, `12,5`, `1.234.567,5`, `1,2 triệu`, `2 tỷ`, `12,5%` (with allow_percent) as a Decimal.

    A percentage returns the number before the sign (`12,5%` → 12.5): the indicator says
    what the unit is. Raises VnParseError with a Vietnamese message otherwise.
    """
    if isinstance(value, bool) or value is None:
        raise _not_a_number(value)
    if isinstance(value, Decimal):
        return _checked(value, value)
    if isinstance(value, int):
        return _checked(Decimal(value), value)
    if isinstance(value, float):
        return _checked(Decimal(repr(value)) if value == value else Decimal("NaN"), value)
    if not isinstance(value, str):
        raise _not_a_number(value)
    raw = value
    s = _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()
    if not s:
        raise VnParseError(gettext("Chưa nhập số."))
    if s.endswith("%"):
        if not allow_percent:
            raise VnParseError(gettext("“%(value)s”: không nhập dấu %% ở đây.") % {"value": raw})
        s = s[:-1].rstrip()
    negative = s.startswith(("-", "−"))
    if negative or s.startswith("+"):
        s = s[1:].lstrip()
    exponent = 0
    m = _SCALE_RE.match(s)
    if m:
        s, exponent = m["num"].strip(), _SCALES[m["scale"].lower()]
        if not s:
            s = "1"
    try:
        d = _digits(s, raw)
    except InvalidOperation:
        raise _not_a_number(raw) from None
    d = d.scaleb(exponent)
    return _checked(-d if negative else d, raw)


# ---- dates -------------------------------------------------------------------------------

_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (it counts 29/02/1900, which did not exist)
_EXCEL_MIN, _EXCEL_MAX = 1, 109_574  # 31/12/2199
_DMY = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_WORDS = re.compile(r"^(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,\s*)?năm\s+(\d{4})$", re.IGNORECASE)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL = re.compile(r"^\d{5}(?:\.0+)?$")


def _bad_date(raw: object) -> VnParseError:
    return VnParseError(
        gettext("“%(value)s” không phải là ngày; viết theo dạng dd/mm/yyyy, ví dụ 15/03/2024.")
        % {"value": raw}
    )


def _make(y: int, m: int, d: int, raw: object) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise VnParseError(
            gettext("“%(value)s”: không có ngày %(d)02d/%(m)02d/%(y)s.")
            % {"value": raw, "d": d, "m": m, "y": y}
        ) from None


def _from_serial(n: float, raw: object) -> date:
    if not _EXCEL_MIN <= n <= _EXCEL_MAX:
        raise _bad_date(raw)
    return _EXCEL_EPOCH + timedelta(days=int(n))


def _two_digit_year(yy: int) -> int:
    """As Python's %y: 00–68 → 2000s, 69–99 → 1900s."""
    return 2000 + yy if yy <= 68 else 1900 + yy


def parse_date(value: str | date | datetime | int | float) -> date:
    """Read dd/mm/yyyy (d/m/yy, dd-mm-yyyy, dd.mm.yyyy), ISO, Excel serials, "ngày 15 tháng 3 năm 2024"."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool) or value is None:
        raise _bad_date(value)
    if isinstance(value, int | float):
        return _from_serial(value, value)
    if not isinstance(value, str):
        raise _bad_date(value)
    raw = value
    s = _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()
    if not s:
        raise VnParseError(gettext("Chưa nhập ngày."))
    if m := _WORDS.match(s):
        return _make(int(m[3]), int(m[2]), int(m[1]), raw)
    if m := _ISO.match(s):
        return _make(int(m[1]), int(m[2]), int(m[3]), raw)
    head = s.split(" ", 1)[0]  # "15/03/2020 00:00:00" from spreadsheets
    if m := _DMY.match(head):
        y = int(m[4]) if len(m[4]) == 4 else _two_digit_year(int(m[4]))
        return _make(y, int(m[3]), int(m[1]), raw)
    if m := _COMPACT.match(s):
        return _make(int(m[1]), int(m[2]), int(m[3]), raw)
    if _SERIAL.match(s):
        return _from_serial(float(s), raw)
    raise _bad_date(raw)


# ---- a named field of a form or request ---------------------------------------------------


def _refused(exc: VnParseError, label: str, field: str) -> UserError:
    return UserError(
        gettext("%(label)s: %(message)s") % {"label": label, "message": exc.message}, field=field
    )


def number_for(value: str | int | float | Decimal, *, label: str, field: str) -> Decimal:
    """`parse_number` for a field the user named: a refusal is the UserError shown beside it."""
    try:
        return parse_number(value)
    except VnParseError as exc:
        raise _refused(exc, label, field) from None


def date_for(value: str | date | datetime | int | float, *, label: str, field: str) -> date:
    """`parse_date` for a field the user named: a refusal is the UserError shown beside it."""
    try:
        return parse_date(value)
    except VnParseError as exc:
        raise _refused(exc, label, field) from None


# ---- output ------------------------------------------------------------------------------


def format_number(value: int | float | Decimal | str | None, decimals: int | None = None) -> str:
    """38240 → "38.240", 12.5 → "12,5"; `decimals` fixes the places (rounded half up)."""
    if value is None or value == "":
        return ""
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if not d.is_finite():
        return str(value)
    if decimals is not None:
        d = d.quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")
    elif d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    else:
        d = d.normalize()
    text = format(abs(d), "f")
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups) + ("," + frac if frac else "")
    return ("-" + out) if d < 0 and d != 0 else out


def format_percent(value: int | float | Decimal | None, decimals: int = 1) -> str:
    """97.8 → "97,8%" (the value is already a percentage)."""
    if value is None:
        return ""
    return format_number(value, decimals) + "%"


def format_size(num_bytes: int) -> str:
    """20 × 1024² → "20,0 MB"."""
    if num_bytes < 1024:
        return f"{num_bytes} B"
    size = Decimal(num_bytes)
    for unit in ("KB", "MB", "GB", "TB"):
        size /= 1024
        if size < 1024 or unit == "TB":
            return f"{format_number(size, 1)} {unit}"
    raise AssertionError("unreachable")


def format_date(d: date | datetime | None) -> str:
    """dd/mm/yyyy, "" for no date."""
    if d is None:
        return ""
    return d.strftime("%d/%m/%Y")


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_PERIODS = [
    (re.compile(r"^(\d{4})$"), lambda m: gettext("năm %(y)s") % {"y": m[1]}),
    (
        re.compile(r"^(\d{4})Q([1-4])$"),
        lambda m: gettext("Quý %(q)s/%(y)s") % {"q": _ROMAN[int(m[2])], "y": m[1]},
    ),
    (re.compile(r"^(\d{4})-?(\d{2})$"), lambda m: gettext("tháng %(m)s/%(y)s") % {"m": int(m[2]), "y": m[1]}),
    (re.compile(r"^(\d{4})W(\d{1,2})$"), lambda m: gettext("Tuần %(w)s/%(y)s") % {"w": int(m[2]), "y": m[1]}),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), lambda m: f"{m[3]}/{m[2]}/{m[1]}"),
]


_ROMAN_IN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PERIOD_INPUTS = [
    (re.compile(r"^(?:năm\s*)?(\d{4})$"), lambda m: m[1]),
    (
        re.compile(r"^(?:quý|q)\s*(iv|iii|ii|i|[1-4])\s*[/\-\s]\s*(?:năm\s*)?(\d{4})$"),
        lambda m: f"{m[2]}Q{_ROMAN_IN[m[1]]}",
    ),
    (
        re.compile(r"^(?:tháng\s*)?(\d{1,2})\s*[/\-\s]\s*(?:năm\s*)?(\d{4})$"),
        lambda m: f"{m[2]}-{int(m[1]):02d}",
    ),
    (re.compile(r"^(?:tuần|w)\s*(\d{1,2})\s*[/\-\s]\s*(?:năm\s*)?(\d{4})$"), lambda m: f"{m[2]}W{int(m[1])}"),
    # the ids themselves, as the API and older pages wrote them
    (re.compile(r"^(\d{4})q([1-4])$"), lambda m: f"{m[1]}Q{m[2]}"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), lambda m: f"{m[1]}-{int(m[2]):02d}"),
    (re.compile(r"^(\d{4})w(\d{1,2})$"), lambda m: f"{m[1]}W{int(m[2])}"),
]


def parse_period(value: str) -> str:
    """A period as Vietnamese write it ("năm 2026", "Quý I/2026", "tháng 3/2026", "Tuần 10/2026")
    or as its id ("2026Q1") → the period id; what `format_period` writes reads back the same."""
    raw = str(value)
    s = " ".join(unicodedata.normalize("NFC", raw).strip().lower().split())
    for pattern, to_id in _PERIOD_INPUTS:
        if m := pattern.match(s):
            pid = to_id(m)
            month = re.match(r"^\d{4}-(\d{2})$", pid)
            week = re.match(r"^\d{4}W(\d+)$", pid)
            if (month and not 1 <= int(month[1]) <= 12) or (week and not 1 <= int(week[1]) <= 53):
                break
            return pid
    raise VnParseError(
        gettext("“%(value)s” không phải là kỳ; viết ví dụ: năm 2026, Quý I/2026, tháng 3/2026, Tuần 10/2026.")
        % {"value": raw}
    )


def format_period(period_id: str | None) -> str:
    """Period ids as Vietnamese read them: "2026-12" → "tháng 12/2026", "2026Q1" → "Quý I/2026"."""
    if not period_id:
        return ""
    s = str(period_id)
    for pattern, render in _PERIODS:
        if m := pattern.match(s):
            return render(m)
    return s
