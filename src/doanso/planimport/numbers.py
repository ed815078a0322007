"""Vietnamese number grammar: "2.217" = 2217, "1,5 triệu" = 1 500 000, "02 tỷ đồng" = 2·10⁹.

In Vietnamese "." groups thousands and "," is the decimal mark; plans also pad small
numbers with zeros ("02", "01") and scale with nghìn/ngàn (10³), triệu (10⁶) and
tỷ/tỉ (10⁹), sometimes compounded ("1 tỷ 500 triệu đồng").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

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
    rf"(?<![\w.,/])(?P<num>{NUMBER})(?![\d])(?![^\W\d_])"
    rf"(?P<scale>(?:\s*{_MULT}(?:\s+(?:{NUMBER})\s*{_MULT})*)?)"
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


def parse_number(text: str) -> int | float:
    """Parse one written number the Vietnamese way.

    "2.217" → 2217, "1,5" → 1.5, "02" → 2, "1.234.567,8" → 1234567.8. A single "."
    not followed by exactly three digits is read as a decimal point ("4.0"), and
    "85,000" as 85000 (nobody writes a decimal with three trailing zeros).
    """
    s = text.strip().replace(" ", "")
    if not s:
        raise ValueError("empty number")
    try:
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
            whole, _, frac = s.partition(",")
            return _normalise(Decimal(whole.replace(".", "") + ("." + frac if frac else "")))
        if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?", s):  # English grouping "1,234,567"
            return _normalise(Decimal(s.replace(",", "")))
        if re.fullmatch(r"\d+,\d+", s):
            whole, frac = s.split(",")
            if frac == "000" and whole != "0":
                return int(whole + frac)
            return _normalise(Decimal(f"{whole}.{frac}"))
        if re.fullmatch(r"\d+\.\d+", s):
            return _normalise(Decimal(s))
        if re.fullmatch(r"\d+", s):
            return int(s)
    except InvalidOperation as exc:  # pragma: no cover - guarded by the patterns
        raise ValueError(text) from exc
    raise ValueError(f"not a number: {text!r}")


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
    total = Decimal(0)
    current = base
    first = True
    for num, mult in _SCALE_PART.findall(scale):
        if not first:
            current = Decimal(str(parse_number(num))) if num else Decimal(1)
        total += current * MULTIPLIERS[mult.lower()]
        first = False
    return _normalise(total)


def format_number(value: int | float, decimals: int | None = None, pad: int = 0) -> str:
    """Write a number the Vietnamese way (2217 → "2.217", 1.5 → "1,5"); used by tests and exports."""
    if isinstance(value, float) and decimals is None:
        text = repr(value)
        decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
        if text.endswith(".0"):
            decimals = 0
    d = Decimal(str(value))
    if decimals:
        d = d.quantize(Decimal(1).scaleb(-decimals))
    sign = "-" if d < 0 else ""
    d = abs(d)
    whole = int(d)
    frac = str(d).split(".")[1] if decimals and "." in str(d) else ""
    digits = str(whole).rjust(pad, "0") if pad else str(whole)
    if len(digits) > 3 and not (pad and whole < 1000):
        groups = []
        while digits:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        digits = ".".join(groups)
    return sign + digits + ("," + frac if frac else "")
