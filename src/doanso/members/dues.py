"""Đoàn phí arithmetic, pure (no database): the split between a level and the level above, the
cascade of one amount from the branch to the centre, and months of an excusal.

The rules themselves (the share kept, how often each level pays up, the longest excusal, the
amounts) are data — `members.models.DuesRule` and `DuesRate`, with their sources.
"""

import re
from dataclasses import dataclass
from fractions import Fraction

from doanso.core.errors import UserError


@dataclass(frozen=True)
class Split:
    kept: int
    sent_up: int


def split(amount: int, keep: Fraction) -> Split:
    """What a level keeps of `amount` đồng and what it sends up: the share sent up rounded to the
    nearest đồng (halves up), the rest kept, so the two always add up to the amount."""
    up = (amount * (1 - keep) * 2 + 1) // 2  # round half up, in exact arithmetic
    return Split(kept=amount - int(up), sent_up=int(up))


def cascade(amount: int, levels: list[str], keep: Fraction) -> list[tuple[str, int]]:
    """How `amount` collected at the first level ends up kept along `levels` (branch … centre):
    each level keeps its share of what it receives and sends the rest up; the last keeps all it
    receives. The parts add up to the amount."""
    out, received = [], amount
    for i, level in enumerate(levels):
        if i == len(levels) - 1:
            out.append((level, received))
            break
        s = split(received, keep)
        out.append((level, s.kept))
        received = s.sent_up
    return out


_MONTH = re.compile(r"([0-9]{4})-0*([0-9]{1,2})")
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"  # what the database accepts (check constraints)


def canonical_month(value: str, field: str = "month") -> str:
    """The one spelling of a month, "2025-03": "2025-3", "2025-003" and " 2025-03 " are that
    month too (a payment is unique per member and month, so each month must have one spelling).
    Anything else is refused with a Vietnamese error naming the field."""
    m = _MONTH.fullmatch(str(value or "").strip())
    if m is None or not 1 <= int(m[2]) <= 12 or int(m[1]) < 1900:
        raise UserError(
            f"Tháng “{str(value)[:20]}” không hợp lệ; hãy viết theo dạng YYYY-MM (ví dụ 2025-03).",
            field=field,
        )
    return f"{m[1]}-{int(m[2]):02d}"


def month_index(month: str) -> int:
    """ "2025-03" → a month number (months since year 0), for spans and overlaps."""
    y, m = (int(x) for x in month.split("-"))
    return y * 12 + m - 1


def month_of(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"
