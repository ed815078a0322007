"""Vietnamese number grammar: "2.217" = 2217, "1,5 triệu" = 1 500 000, "02 tỷ đồng" = 2·10⁹.

In Vietnamese "." groups thousands and "," is the decimal mark; plans also pad small
numbers with zeros ("02", "01") and scale with nghìn/ngàn (10³), triệu (10⁶) and
tỷ/tỉ (10⁹), sometimes compounded ("1 tỷ 500 triệu đồng").
"""

from __future__ import annotations

import re
from decimal import Decimal

from doanso.core import vn

__all__ = [
    "NUMBER",
    "MULTIPLIERS",
    "QUANTITY_RE",
    "parse_number",
    "parse_quantity",
    "format_number",
    "word_number",
]

#: One written number: "2.217", "85.000", "1,5", "02", "12,5", "1.234.567,89", "4.0".
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d+|\d+"

MULTIPLIERS: dict[str, int] = {
    "trăm": 100,
    "nghìn": 1_000,
    "ngàn": 1_000,
    "vạn": 10_000,
    "triệu": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
}
_MULT = r"(?:nghìn|ngàn|vạn|triệu|tỷ|tỉ|trăm)(?!\w)"

#: A number with optional scale words and percent sign, e.g. "1 tỷ 500 triệu", "2.217", "80%".
QUANTITY_RE = re.compile(
    rf"(?<![\w.,/])(?P<num>{NUMBER})(?![\d])(?!(?!(?:km|kg|ha|m2|m²)\b)[^\W\d_])"
    rf"(?P<scale>(?:\s*{_MULT}(?:\s+{_MULT})*(?:\s+(?:{NUMBER})\s*{_MULT}(?:\s+{_MULT})*)*)?)"
    r"(?P<pct>\s*%)?",
    re.IGNORECASE,
)

_WORDS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}


def word_number(word: str) -> int | None:
    """Value of a number word ("hai" → 2), or None."""
    return _WORDS.get(word.lower())


def _normalise(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value)


_COMMA_THOUSANDS = re.compile(r"[1-9]\d{0,2},000")  # "85,000": nobody writes a decimal with ",000"
_EN_GROUPS = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?")  # English grouping "1,234,567"
_DOT_DECIMAL = re.compile(r"\d+\.\d+")  # "4.0", "1.5" — not a thousands group


def parse_number(text: str) -> int | float:
    """Parse one number found in running text, converted by core.vn.

    "2.217" → 2217, "1,5" → 1.5, "02" → 2, "1.234.567,8" → 1234567.8. The reader is more
    lenient than a form (a form asks; a document cannot be asked): a single "." not followed
    by exactly three digits is read as a decimal point ("4.0"), "85,000" as 85000 and
    "1,234,567" as English grouping. Raises ValueError for anything else.
    """
    s = text.strip().replace(" ", "")
    if not s:
        raise ValueError("empty number")
    if _COMMA_THOUSANDS.fullmatch(s):
        s = s.replace(",", ".")
    elif _EN_GROUPS.fullmatch(s):
        s = s.replace(",", "").replace(".", ",")
    elif _DOT_DECIMAL.fullmatch(s) and not re.fullmatch(r"\d{1,3}\.\d{3}", s):
        s = s.replace(".", ",")
    if not re.fullmatch(r"[\d.,]+", s):
        raise ValueError(f"not a number: {text!r}")
    return _normalise(vn.parse_number(s))


_SCALE_PART = re.compile(rf"({NUMBER})?\s*({_MULT})", re.IGNORECASE)


def parse_quantity(text: str) -> tuple[int | float, bool]:
    """Parse "1,5 triệu", "1 tỷ 500 triệu", "80%" into (value, is_percent)."""
    m = QUANTITY_RE.search(text)
    if not m:
        raise ValueError(f"no quantity in {text!r}")
    value = scaled_value(m.group("num"), m.group("scale") or "")
    return value, bool(m.group("pct"))


def scaled_value(number: str, scale: str) -> int | float:
    """Combine a number and its scale words: ("1", " tỷ 500 triệu") → 1 500 000 000."""
    base = Decimal(str(parse_number(number)))
    if not scale.strip():
        return _normalise(base)
    terms: list[Decimal] = []
    for num, mult in _SCALE_PART.findall(scale):
        factor = MULTIPLIERS[mult.lower()]
        if not terms:
            terms.append(base * factor)
        elif num:
            terms.append(Decimal(str(parse_number(num))) * factor)
        else:
            terms[-1] *= factor  # "10 nghìn tỷ", "5 trăm nghìn": the words multiply
    return _normalise(sum(terms, Decimal(0)))


def format_number(value: int | float, decimals: int | None = None, pad: int = 0) -> str:
    """Write a number the Vietnamese way (2217 → "2.217", 1.5 → "1,5", pad=2: 2 → "02") through core.vn."""
    if pad and 0 <= value < 1000 and value == int(value):
        return str(int(value)).rjust(pad, "0")
    return vn.format_number(value, decimals or None)
