"""What learning adds to the subtree counters, counted once per member (the `Credit` row decides).

Dimensions (org.SubtreeCounter, rolled up to every ancestor inside the writing transaction):
- `learning_llct` / `learning_nq`, key = year: members who passed an LLCT / resolution course that year;
- `learning_contest`, key = year: members who handed in a contest round that year;
  (a member admitted that same year is counted under the key "year|new" instead, for LLCT_DV_MOI);
- `learning_round`, key = round id: entrants (members and guests) who handed in that round.
"""

from datetime import datetime

from django.db import IntegrityError, transaction

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


def credit(member, kind: str, when: datetime) -> bool:
    """Count `member` once for `kind` in `when`'s year (at their branch and every ancestor)."""
    dim = DIM_BY_KIND.get(kind)
    if dim is None:
        return False
    year = _year(when)
    key = f"{year}|new" if getattr(member, "admitted_year", None) == year else str(year)
    try:
        with transaction.atomic():
            Credit.objects.create(member=member, kind=kind, year=year)
    except IntegrityError:
        return False
    counters.add([(member.branch.path, dim, key, 1)])
    return True


def count_entry(attempt, when: datetime) -> None:
    counters.add([(attempt.unit_path, ROUND_DIM, str(attempt.round_id), 1)])
    member = attempt.entrant.member
    if member is not None:
        credit(member, "contest", when)


def round_entrants(rnd, unit) -> int:
    key = str(rnd.pk)
    return counters.read(unit, ROUND_DIM, [key])[key]


def count(unit, kind: str, year: int, *, new_only: bool = False) -> int:
    """Members credited for `kind` in `year` in the subtree (only those admitted that year if `new_only`)."""
    got = counters.read(unit, DIM_BY_KIND[kind])
    new = got.get(f"{year}|new", 0)
    return new if new_only else new + got.get(str(year), 0)
