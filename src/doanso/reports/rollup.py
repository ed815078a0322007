"""The incrementally maintained aggregate behind the dashboards.

Every counted report adds its values to each ancestor of the reporting unit (the unit
itself up to Trung ương) for its own period and every coarser period it counts toward
(a week: its month, quarter and year). The rows live in org's subtree counters, keyed

    dim = "p<plan>i<indicator>"   key = "<period>:v" (value or numerator) / "<period>:d" (denominator)
                                  / "<period>:z" (reported values that added 0 to "v")
    dim = "p<plan>r"              key = "<period>:r" (reports received) / "<period>:t" (on time)

so a dashboard reads a few rows per target whatever the subtree's size, and a later
restructuring (org moves a subtree's counters with it) keeps a merged unit's reports
counting for its successor. Written by `reports.services` in the same transaction as
the report; `recompute` derives the same numbers from raw report values (tests, checks).
"""

from collections import Counter
from collections.abc import Iterable

from django.db.models import Count, Q, Sum

from doanso.core.calendar import periods
from doanso.org import counters
from doanso.org.models import SubtreeCounter
from doanso.org.tree import ancestor_ids, subtree_range
from doanso.plans.models import Aggregation

Delta = Counter  # {(unit_id, dim, key): n}


def value_dim(plan_id: int, indicator_id: int) -> str:
    return f"p{plan_id}i{indicator_id}"


def report_dim(plan_id: int) -> str:
    return f"p{plan_id}r"


def contribution(aggregation: str, value: int, denominator: int | None) -> tuple[int, int]:
    """What one reported value adds: (numerator, denominator)."""
    if aggregation == Aggregation.COUNT:
        return (1 if value > 0 else 0), 0
    if aggregation == Aggregation.RATIO:
        return value, denominator or 0
    return value, 0


def deltas(
    plan_id: int,
    unit_path: str,
    period_id: str,
    on_time: bool,
    values: Iterable[tuple[int, str, int, int | None]],
    sign: int,
) -> Delta:
    """Deltas of one report: values are (indicator id, aggregation, value, denominator)."""
    out: Delta = Counter()
    units = ancestor_ids(unit_path)
    pids = [p.id for p in periods.parse(period_id).ancestors()]
    rdim = report_dim(plan_id)
    vals = [(value_dim(plan_id, iid), *contribution(agg, v, d)) for iid, agg, v, d in values]
    for uid in units:
        for pid in pids:
            out[(uid, rdim, f"{pid}:r")] += sign
            if on_time:
                out[(uid, rdim, f"{pid}:t")] += sign
            for dim, num, den in vals:
                out[(uid, dim, f"{pid}:v")] += sign * num
                if den:
                    out[(uid, dim, f"{pid}:d")] += sign * den
                if not num:  # a zero delta writes no row: count it, so a reported 0 is not "no data"
                    out[(uid, dim, f"{pid}:z")] += sign
    return out


apply = counters.apply  # one upsert path for every subtree counter


def actual(rows: dict, unit_id: int, dim: str, period_id: str, is_ratio: bool) -> float | int | None:
    """A unit's figure for one indicator from `read` rows: the sum (or the ratio in %), 0 when only
    zeros were reported, None when nothing was."""
    num = rows.get((unit_id, dim, f"{period_id}:v"))
    if num is None and rows.get((unit_id, dim, f"{period_id}:z")):
        num = 0
    if not is_ratio:
        return num
    den = rows.get((unit_id, dim, f"{period_id}:d"))
    return 100.0 * (num or 0) / den if den else None


def read(unit_ids: list[int], dims: list[str], keys: list[str]) -> dict[tuple[int, str, str], int]:
    """Counter values for units × dims × keys, in one query."""
    qs = SubtreeCounter.objects.filter(unit_id__in=unit_ids, dim__in=dims, key__in=keys)
    return {(u, d, k): n for u, d, k, n in qs.values_list("unit_id", "dim", "key", "n")}


def recompute(plan, unit, period: periods.Period) -> dict:
    """The same figures straight from raw report rows: {indicator id: (num, den)} and (received, on time)."""
    from doanso.reports.models import COUNTED, Report, ReportValue

    lo, hi = subtree_range(unit.path)
    ids = [p.id for g in periods.GRAINS[periods.GRAINS.index(period.grain) :] for p in period.children(g)]
    reports = Report.objects.filter(
        obligation__plan=plan, unit__path__gte=lo, unit__path__lt=hi, status__in=COUNTED, period__in=ids
    )
    counts = reports.aggregate(r=Count("id"), t=Count("id", filter=Q(on_time=True)))
    out: dict[int, tuple[int, int]] = {}
    values = ReportValue.objects.filter(report__in=reports).values("indicator_id", "indicator__aggregation")
    for row in values.annotate(v=Sum("value"), d=Sum("denominator"), nz=Count("id", filter=Q(value__gt=0))):
        if row["indicator__aggregation"] == Aggregation.COUNT:
            out[row["indicator_id"]] = (row["nz"], 0)
        elif row["indicator__aggregation"] == Aggregation.RATIO:
            out[row["indicator_id"]] = (row["v"] or 0, row["d"] or 0)
        else:
            out[row["indicator_id"]] = (row["v"] or 0, 0)
    return {"values": out, "received": counts["r"], "on_time": counts["t"]}
