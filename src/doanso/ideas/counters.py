"""The subtree counters of ideas: how many reached "hỗ trợ" and "triển khai", per month.

Dimension `ideas`, key `supported|YYYY-MM` or `implemented|YYYY-MM`, kept at the idea's unit and
every ancestor inside the transition's transaction (so the plan indicators read one row set).
"""

from collections import Counter

from django.db.models import Count

from doanso.core.calendar.periods import Period, month_starts
from doanso.org import counters

DIM = "ideas"
SUPPORTED, IMPLEMENTED = "supported", "implemented"


def bump(unit_path: str, what: str, month: str, sign: int = 1) -> None:
    counters.add([(unit_path, DIM, f"{what}|{month}", sign)])


def months(period: Period) -> set[str]:
    """The months a period touches (a week across two months counts both months' ideas)."""
    return {f"{d:%Y-%m}" for d in month_starts(period.start, period.end)}


def total(unit, what: str, period: Period) -> int:
    return sum(counters.read(unit, DIM, [f"{what}|{m}" for m in months(period)]).values())


def recount(unit) -> dict[str, int]:
    """Recount one subtree from idea rows (the stored counters must equal this)."""
    from doanso.ideas.models import Idea

    lo, hi = unit.subtree_range
    qs = Idea.objects.filter(unit__path__gte=lo, unit__path__lt=hi)
    out: Counter = Counter()
    for field, what in (("supported_month", SUPPORTED), ("implemented_month", IMPLEMENTED)):
        for month, n in qs.exclude(**{field: ""}).values_list(field).annotate(n=Count("id")):
            out[f"{what}|{month}"] += n
    return dict(out)


def stored(unit) -> dict[str, int]:
    return counters.read(unit, DIM)
