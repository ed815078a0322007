"""Yearly member rating (xếp loại đoàn viên) rules as data, one entry per Congress term.

Sources (cited beside each term):
- 2023–2027: Hướng dẫn số 42-HD/TWĐTN-BTC of the Central Committee's Secretariat on rating
  grassroots units and members for the XII term. Its full text was not available to us when
  this was written; the levels and the rules below follow the earlier guidance and are
  marked "verify" in docs/decisions/0003-member-rating-rules.md.
- 2019–2022: Hướng dẫn số 33-HD/TWĐTN-BTC (four levels: hoàn thành xuất sắc / tốt /
  hoàn thành / không hoàn thành nhiệm vụ).
Changing a rule means adding or editing a term here, not editing services.
"""

from dataclasses import dataclass
from datetime import date

LEVELS = ("htxs", "htt", "ht", "kht")
LEVEL_NAMES = {
    "htxs": "Hoàn thành xuất sắc nhiệm vụ",
    "htt": "Hoàn thành tốt nhiệm vụ",
    "ht": "Hoàn thành nhiệm vụ",
    "kht": "Không hoàn thành nhiệm vụ",
}


@dataclass(frozen=True)
class RatingTerm:
    code: str
    first_year: int
    last_year: int
    document: str
    levels: tuple[str, ...] = LEVELS
    # A member who joined the Union fewer months than this before the end of the year is not rated yet.
    min_months_in_union: int = 3
    # A member who moved into the branch fewer months than this before the end of the year is rated
    # by it only with the previous branch's opinion (note required).
    min_months_in_branch: int = 6
    # Cap on the share of "htxs" among members rated (None: no cap in the guidance).
    max_excellent_share: float | None = None


TERMS = (
    RatingTerm("2019-2022", 2019, 2022, "Hướng dẫn 33-HD/TWĐTN-BTC (nhiệm kỳ 2017–2022)"),
    RatingTerm("2023-2027", 2023, 2027, "Hướng dẫn 42-HD/TWĐTN-BTC (nhiệm kỳ 2022–2027)"),
)


def term_for(year: int) -> RatingTerm:
    for t in TERMS:
        if t.first_year <= year <= t.last_year:
            return t
    if year > TERMS[-1].last_year:
        return TERMS[-1]  # until the next term's guidance is entered
    raise ValueError(f"Chưa có quy định xếp loại cho năm {year}.")


def months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def eligibility(term: RatingTerm, year: int, admitted_on: date | None, joined_branch_on: date | None) -> str:
    """'ok', 'too_new' (not rated this year) or 'needs_note' (previous branch's opinion needed)."""
    end = date(year, 12, 31)
    if admitted_on and months_between(admitted_on, end) < term.min_months_in_union:
        return "too_new"
    if (
        joined_branch_on
        and joined_branch_on.year == year
        and months_between(joined_branch_on, end) < term.min_months_in_branch
    ):
        return "needs_note"
    return "ok"


def check_batch(term: RatingTerm, levels: list[str]) -> str | None:
    """Batch-wide rules (e.g. a cap on excellence); None when the batch is fine."""
    bad = sorted({lv for lv in levels if lv not in term.levels})
    if bad:
        return f"Mức xếp loại không hợp lệ: {', '.join(bad)}."
    if term.max_excellent_share is not None and levels:
        share = levels.count("htxs") / len(levels)
        if share > term.max_excellent_share:
            return f"Tỷ lệ hoàn thành xuất sắc vượt {term.max_excellent_share:.0%} theo {term.document}."
    return None
