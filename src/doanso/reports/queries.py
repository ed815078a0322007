"""Reads: what a unit owes, and completeness/timeliness (expected, received, on time) per subtree."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils import timezone

from doanso.core.calendar import periods
from doanso.org.models import Unit
from doanso.plans.api import plan_span
from doanso.plans.models import Assignment, Obligation, Plan, PlanStatus
from doanso.reports import rollup
from doanso.reports.models import COUNTED, Report

HORIZON = timedelta(days=31)


def deadlines_of(ob: Obligation, first: date, last: date) -> list[tuple[periods.Period, datetime, date]]:
    """(period, deadline, deadline's local date) of the obligation's deadlines from `first` to
    `last`, clipped to its plan; pure, no query (the plan is already loaded).

    Nothing falls due before the plan was issued: a plan for 2026 issued in November owes no
    report for January to October (its deadlines before the issue date are not deadlines)."""
    span = plan_span(ob.plan)
    first, last = max(first, span[0], ob.plan.issued_on), min(last, span[1])
    if first > last:
        return []
    return [
        (p, dl, dl.astimezone(periods.TZ).date())
        for p, dl in ob.rule.occurrences(first, last)
        if span[0] <= p.anchor <= span[1]
    ]


def owed(
    assignments: Iterable[Assignment], now: datetime, since: date, *, counted: Iterable[tuple] | None = None
) -> dict[int, list[dict]]:
    """What each assigned unit owes: every deadline from `since` (or the unit's founding) up to a
    month ahead (or the unit's dissolution) not met by a submitted report, per unit id.

    `assignments` come with their unit and obligation → plan → issuer loaded. Deadlines are
    computed once per obligation, then each unit's own window is a filter over them; the reports
    already filed are read in ONE query (or passed in as `counted`: (obligation, unit, period) of
    submitted/approved reports, each with status)."""
    today = now.astimezone(periods.TZ).date()
    until = today + HORIZON
    rows = list(assignments)
    by_ob: dict[int, Obligation] = {a.obligation_id: a.obligation for a in rows}
    occ = {pk: deadlines_of(ob, since, until) for pk, ob in by_ob.items()}
    if counted is None:
        ids = {p.id for v in occ.values() for p, _, _ in v}
        units = {a.unit_id for a in rows}
        reports = Report.objects.filter(obligation_id__in=list(by_ob), period__in=sorted(ids))
        if len(units) == 1:
            reports = reports.filter(unit_id=next(iter(units)))
        counted = reports.values_list("obligation_id", "unit_id", "period", "status") if ids else []
    status = {(ob, unit, period): st for ob, unit, period, st in counted}
    out: dict[int, list[dict]] = {}
    for a in rows:
        unit, ob = a.unit, a.obligation
        first = max(since, unit.founded_on) if unit.founded_on else since
        last = min(until, unit.dissolved_on - timedelta(days=1)) if unit.dissolved_on else until
        for p, deadline, day in occ[ob.pk]:
            if not (first <= day <= last):
                continue
            st = status.get((ob.pk, unit.pk, p.id))
            if st in COUNTED:
                continue
            out.setdefault(unit.pk, []).append(
                {
                    "plan_id": ob.plan_id,
                    "plan": ob.plan.symbol,
                    "obligation_id": ob.pk,
                    "obligation": ob.title,
                    "period": p.id,
                    "period_label": p.label,
                    "due_at": deadline,
                    "status": st or "missing",
                    "overdue": deadline < now,
                }
            )
    for items in out.values():
        items.sort(key=lambda r: (r["due_at"], r["obligation_id"]))
    return out


def due_for_unit(unit: Unit, now: datetime | None = None, since: date | None = None) -> list[dict]:
    """Reports the unit owes: every deadline up to a month ahead not yet met by a submitted report.

    A read: two queries (the unit's assignments, its reports for them) however many plans and
    periods; it writes nothing (assignments are kept by the plans and org services)."""
    now = now or timezone.now()
    since = since or now.astimezone(periods.TZ).date() - timedelta(days=366)
    assigned = Assignment.objects.filter(
        unit=unit, obligation__plan__status=PlanStatus.ISSUED
    ).select_related("obligation__plan__issuer")
    rows = []
    for a in assigned:
        a.unit = unit
        rows.append(a)
    return owed(rows, now, since).get(unit.pk, [])


def due_for_units(
    units: list[Unit], now: datetime | None = None, since: date | None = None
) -> dict[int, list]:
    """`due_for_unit` for several units at once (the todo list of a person acting for several):
    two queries however many units, plans and periods."""
    now = now or timezone.now()
    since = since or now.astimezone(periods.TZ).date() - timedelta(days=366)
    by_id = {u.pk: u for u in units}
    if not by_id:
        return {}
    assigned = Assignment.objects.filter(
        unit_id__in=list(by_id), obligation__plan__status=PlanStatus.ISSUED
    ).select_related("obligation__plan__issuer")
    rows = []
    for a in assigned:
        a.unit = by_id[a.unit_id]
        rows.append(a)
    return owed(rows, now, since)


def _instances(plan: Plan, period: periods.Period, now: datetime) -> list[tuple[int, date]]:
    """(obligation id, period start) of every report instance due in `period` by `now`."""
    first, last = plan_span(plan)
    first, last = max(first, period.start), min(last, period.end, now.astimezone(periods.TZ).date())
    out = []
    if first > last:
        return out
    issued = plan.issued_on  # nothing falls due before the plan was issued (as in `deadlines_of`)
    for ob in plan.obligations.all():
        for p, deadline in ob.rule.occurrences(first - timedelta(days=7), last + timedelta(days=7)):
            if (
                deadline <= now
                and period.contains(p)
                and (issued is None or deadline.astimezone(periods.TZ).date() >= issued)
            ):
                out.append((ob.pk, p.start))
    return out


def expected(
    plan: Plan, units: list[Unit], period: periods.Period, now: datetime | None = None
) -> dict[int, int]:
    """Expected reports in each unit's subtree: assigned units (active during each instance) × instances.

    One grouped query for all the units (they must be siblings or a single unit)."""
    now = now or timezone.now()
    inst = _instances(plan, period, now)
    out = {u.pk: 0 for u in units}
    if not inst or not units:
        return out
    length = len(units[0].path)
    prefix = {u.path: u.pk for u in units}
    rng = Q()
    for u in units:
        lo, hi = u.subtree_range
        rng |= Q(unit__path__gte=lo, unit__path__lt=hi)
    rows = (
        Assignment.objects.filter(rng, obligation__plan=plan)
        .annotate(prefix=Substr("unit__path", 1, length))
        .values("prefix", "obligation_id", "unit__dissolved_on", "unit__founded_on")
        .annotate(n=Count("id"))
    )
    per_ob: dict[int, list[date]] = {}
    for ob_id, start in inst:
        per_ob.setdefault(ob_id, []).append(start)
    for r in rows:
        uid = prefix.get(r["prefix"])
        if uid is None:
            continue
        gone, born = r["unit__dissolved_on"], r["unit__founded_on"]
        k = sum(
            1
            for s in per_ob.get(r["obligation_id"], [])
            if (gone is None or s < gone) and (born is None or s >= born)
        )
        out[uid] += k * r["n"]
    return out


def received(plan: Plan, units: list[Unit], period: periods.Period) -> dict[int, tuple[int, int]]:
    """(received, on time) per unit subtree, from the rollup."""
    dim = rollup.report_dim(plan.pk)
    vals = rollup.read([u.pk for u in units], [dim], [f"{period.id}:r", f"{period.id}:t"])
    return {
        u.pk: (vals.get((u.pk, dim, f"{period.id}:r"), 0), vals.get((u.pk, dim, f"{period.id}:t"), 0))
        for u in units
    }


def completeness(plan: Plan, units: list[Unit], period: periods.Period, now: datetime | None = None) -> dict:
    exp = expected(plan, units, period, now)
    rec = received(plan, units, period)
    return {u.pk: {"expected": exp[u.pk], "received": rec[u.pk][0], "on_time": rec[u.pk][1]} for u in units}


def late_units(plan: Plan, unit: Unit, period: periods.Period, limit: int = 20) -> list[dict]:
    """Units in the subtree with the most late or missing reports in the period (counted reports only)."""
    lo, hi = unit.subtree_range
    ids = [p.id for g in periods.GRAINS[periods.GRAINS.index(period.grain) :] for p in period.children(g)]
    rows = (
        Report.objects.filter(
            obligation__plan=plan,
            unit__path__gte=lo,
            unit__path__lt=hi,
            period__in=ids,
            status__in=COUNTED,
            on_time=False,
        )
        .values("unit__code", "unit__name")
        .annotate(n=Count("id"))
        .order_by("-n", "unit__code")[:limit]
    )
    return [{"unit": r["unit__code"], "name": r["unit__name"], "late": r["n"]} for r in rows]
