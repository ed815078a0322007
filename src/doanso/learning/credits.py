"""What learning adds to the subtree counters, counted once per member (the `Credit` row decides).

Dimensions (org.SubtreeCounter, rolled up to every ancestor inside the writing transaction):
- `learning_llct` / `learning_nq`, key = year: members who passed an LLCT / resolution course that year;
- `learning_contest`, key = year: members who handed in a contest round that year;
  (a member admitted that same year is counted under the key "year|new" instead, for LLCT_DV_MOI);
- `learning_round`, key = round id: entrants (members and guests) who handed in that round.
"""

from collections import Counter
from datetime import datetime

from doanso.core import bulk
from doanso.core.calendar.periods import TZ
from doanso.learning.models import CourseKind, Credit
from doanso.org.api import counters

DIM_BY_KIND = {
    CourseKind.LLCT: "learning_llct",
    CourseKind.RESOLUTION: "learning_nq",
    "contest": "learning_contest",
}
ROUND_DIM = "learning_round"


def _year(when: datetime) -> int:
    return when.astimezone(TZ).year


def _credit(member, kind: str, when: datetime) -> tuple[Credit, tuple[str, str, str, int]] | None:
    """The member's `Credit` row for `kind` in `when`'s year (not written) and the counter item to add
    when that row is new; None for a kind not counted."""
    dim = DIM_BY_KIND.get(kind)
    if dim is None:
        return None
    year = _year(when)
    key = f"{year}|new" if getattr(member, "admitted_year", None) == year else str(year)
    return Credit(member=member, kind=kind, year=year), (member.branch.path, dim, key, 1)


def _credited(member, kind: str, when: datetime) -> tuple[str, str, str, int] | None:
    """Write the member's `Credit` row for `kind` in `when`'s year (one INSERT that skips a duplicate);
    the counter delta to add when it is new, None when they were counted already."""
    got = _credit(member, kind, when)
    if got is None or not bulk.insert_unless_conflict(got[0], CREDIT_ONCE):
        return None
    return got[1]


CREDIT_ONCE = ("member", "kind", "year")


def entry(attempt, when: datetime) -> tuple[Counter, Credit | None, Counter]:
    """What handing in adds, unwritten (for a writer that does it in one statement, as
    `rows.hand_in_at_once`): the round's entrant count; and the member's contest credit row with the
    deltas to add only if that row is new (None and no deltas for a guest)."""
    entrants = counters.expand([(attempt.unit_path, ROUND_DIM, str(attempt.round_id), 1)])
    member = attempt.entrant.member
    got = _credit(member, "contest", when) if member is not None else None
    if got is None:
        return entrants, None, Counter()
    return entrants, got[0], counters.expand([got[1]])


def credit(member, kind: str, when: datetime) -> bool:
    """Count `member` once for `kind` in `when`'s year (at their branch and every ancestor)."""
    item = _credited(member, kind, when)
    if item is None:
        return False
    counters.add([item])
    return True


def count_entry(attempt, when: datetime) -> None:
    """The round's entrant count, and the member's contest credit for the year, in one counter upsert."""
    items = [(attempt.unit_path, ROUND_DIM, str(attempt.round_id), 1)]
    member = attempt.entrant.member
    if member is not None:
        item = _credited(member, "contest", when)
        if item is not None:
            items.append(item)
    counters.add(items)


def round_entrants(rnd, unit) -> int:
    key = str(rnd.pk)
    return counters.read(unit, ROUND_DIM, [key])[key]


def count(unit, kind: str, year: int, *, new_only: bool = False) -> int:
    """Members credited for `kind` in `year` in the subtree (only those admitted that year if `new_only`)."""
    got = counters.read(unit, DIM_BY_KIND[kind])
    new = got.get(f"{year}|new", 0)
    return new if new_only else new + got.get(str(year), 0)
