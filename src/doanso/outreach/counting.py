"""Posts counted per unit subtree, kind and day/month in `org`'s subtree counters.

Each post adds 1 at its unit and every ancestor in two dimensions, inside the writing transaction:
`op_d_YYYY-MM` keyed `DD|kind` (the days of a month) and `op_m_YYYY` keyed `MM|kind` (the months
of a year). A week reads at most two daily rows sets, a year one monthly set: a handful of rows
whatever the subtree's size. `recount` proves the counters equal the rows.
"""

from collections import defaultdict
from datetime import date

from django.db.models import Count

from doanso.core.calendar.periods import DAY, WEEK, Period, month_starts
from doanso.org.api import SubtreeCounter, counters
from doanso.outreach.models import Post

PREFIX = "op_"


def _dims(day: date, kind: str) -> list[tuple[str, str]]:
    return [(f"{PREFIX}d_{day:%Y-%m}", f"{day:%d}|{kind}"), (f"{PREFIX}m_{day:%Y}", f"{day:%m}|{kind}")]


def record(path: str, day: date, kind: str, sign: int) -> None:
    """Count (+1) or uncount (-1) one post of `kind` published on `day` at the unit with `path`."""
    counters.add((path, dim, key, sign) for dim, key in _dims(day, kind))


def _months(start: date, end: date) -> list[str]:
    """The months the range touches, as their dimensions' "YYYY-MM"."""
    return [f"{d:%Y-%m}" for d in month_starts(start, end)]


def daily(unit_ids: list[int], start: date, end: date) -> dict[int, dict[date, dict[str, int]]]:
    """Posts per unit subtree, day and kind between `start` and `end` (one query)."""
    dims = [f"{PREFIX}d_{m}" for m in _months(start, end)]
    out: dict[int, dict[date, dict[str, int]]] = {u: defaultdict(dict) for u in unit_ids}
    rows = SubtreeCounter.objects.filter(unit_id__in=unit_ids, dim__in=dims, n__gt=0).values_list(
        "unit_id", "dim", "key", "n"
    )
    for uid, dim, key, n in rows:
        dd, kind = key.split("|", 1)
        y, m = dim[len(PREFIX) + 2 :].split("-")
        day = date(int(y), int(m), int(dd))
        if start <= day <= end:
            out[uid][day][kind] = n
    return out


def total(unit_id: int, period: Period, kinds: tuple[str, ...]) -> int:
    """Posts of `kinds` in the unit's subtree over `period`: monthly rows for months, quarters and
    years, daily rows for weeks and days."""
    if period.grain in (WEEK, DAY):
        by_day = daily([unit_id], period.start, period.end)[unit_id]
        return sum(n for kinds_n in by_day.values() for k, n in kinds_n.items() if k in kinds)
    months = {m for m in _months(period.start, period.end)}
    years = sorted({m[:4] for m in months})
    rows = SubtreeCounter.objects.filter(
        unit_id=unit_id, dim__in=[f"{PREFIX}m_{y}" for y in years], n__gt=0
    ).values_list("dim", "key", "n")
    out = 0
    for dim, key, n in rows:
        mm, kind = key.split("|", 1)
        if kind in kinds and f"{dim[len(PREFIX) + 2 :]}-{mm}" in months:
            out += n
    return out


def recount(unit) -> dict[tuple[str, str], int]:
    """The counters of `unit` recomputed from the post rows (they must equal `stored`)."""
    lo, hi = unit.subtree_range
    out: dict[tuple[str, str], int] = defaultdict(int)
    rows = (
        Post.objects.filter(unit__path__gte=lo, unit__path__lt=hi)
        .values_list("published", "kind")
        .annotate(n=Count("id"))
    )
    for day, kind, n in rows:
        for dim, key in _dims(day, kind):
            out[(dim, key)] += n
    return dict(out)


def stored(unit) -> dict[tuple[str, str], int]:
    return counters.stored(unit, PREFIX)
