"""Target vs actual for a plan, a unit and a period, read from the rollup (a few rows per target)."""

from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doanso.core.calendar import periods
from doanso.core.collation import sorted_vi
from doanso.core.dbrouter import stale_reads_ok
from doanso.org.models import Unit
from doanso.plans import indicators
from doanso.plans.api import target_for_unit
from doanso.plans.models import Aggregation, Allocation, Direction, Plan, Source, Target
from doanso.reports import api as reports

STATUS_LABELS = {
    "dat": _("Đạt"),
    "chua_dat": _("Chưa đạt"),
    "dang_thuc_hien": _("Đang thực hiện"),
    "chua_co_so_lieu": _("Chưa có số liệu"),
    "qua_han": _("Quá hạn"),
}


def default_period(plan: Plan) -> periods.Period:
    first = plan.targets.order_by("period").values_list("period", flat=True).first()
    return periods.parse(first or plan.period_start)


def targets_in(plan: Plan, period: periods.Period) -> list[Target]:
    """Targets set for this period, or for a longer period containing it."""
    out = []
    for t in plan.targets.select_related("indicator", "plan__issuer").order_by("order", "id"):
        tp = periods.parse(t.period)
        if tp.id == period.id or tp.contains(period):
            out.append(t)
    return out


def status(
    target: Target, goal: Decimal | None, actual: float | None, period: periods.Period, now: datetime
) -> str:
    today = now.astimezone(periods.TZ).date()
    if actual is None:
        return "chua_co_so_lieu"
    if goal is None:
        return "dang_thuc_hien"
    goal = float(goal)
    over = today > period.end
    if target.direction == Direction.MILESTONE:
        if actual >= goal:
            return "dat"
        return "qua_han" if target.due_on and today > target.due_on else "dang_thuc_hien"
    if target.direction == Direction.AT_MOST:
        if actual > goal:
            return "chua_dat"
        return "dat" if over else "dang_thuc_hien"
    if target.direction == Direction.RANGE:
        hi = float(target.value_max or goal)
        if goal <= actual <= hi:
            return "dat" if over else "dang_thuc_hien"
        if actual > hi:
            return "chua_dat"
        return "chua_dat" if over else "dang_thuc_hien"
    if actual >= goal:
        return "dat"
    return "chua_dat" if over else "dang_thuc_hien"


BAND_LABELS = {
    "dat": _("Đạt"),
    "gan_dat": _("Gần đạt"),
    "chua_dat": _("Chưa đạt"),
    "none": _("Chưa có số liệu"),
}


def band(direction: str, progress: float | None, actual: float | None, goal: float | None) -> str:
    """The colour band of a target at a glance: "dat", "gan_dat", "chua_dat" or "none" (no value).

    Thresholds are settings (DOANSO_BAND_DAT, DOANSO_BAND_GAN_DAT) on the share of the target
    reached; for an "at most" target (lower is better) only "dat" or "chua_dat"."""
    from django.conf import settings

    if actual is None or goal is None:
        return "none"
    if direction == Direction.AT_MOST:
        return "dat" if actual <= goal else "chua_dat"
    if progress is None:
        return "none"
    if progress >= settings.DOANSO_BAND_DAT:
        return "dat"
    return "gan_dat" if progress >= settings.DOANSO_BAND_GAN_DAT else "chua_dat"


def _num(x) -> float | int | None:
    if x is None:
        return None
    f = float(x)
    return int(f) if f.is_integer() else round(f, 4)


def _actuals(plan: Plan, targets: list[Target], units: list[Unit], period: periods.Period) -> dict:
    """{(unit id, indicator id): actual}: manual indicators in one query, computed ones by their function."""
    manual = [
        t.indicator
        for t in targets
        if t.indicator.source == Source.MANUAL or t.indicator.code in indicators.REPORTABLE
    ]
    dims = [reports.value_dim(plan.pk, i.pk) for i in manual]
    keys = [f"{period.id}:{k}" for k in ("v", "d", "z")]
    rows = reports.read([u.pk for u in units], dims, keys) if dims else {}
    out: dict[tuple[int, int], float | None] = {}
    for u in units:
        for ind in {t.indicator.pk: t.indicator for t in targets}.values():
            if ind.source == Source.COMPUTED:
                v = indicators.compute(ind.code, u, period)
                out[(u.pk, ind.pk)] = v.result(ind.is_ratio) if v else None
                if ind.code in indicators.REPORTABLE:  # reported values (outside the system) add up
                    dim = reports.value_dim(plan.pk, ind.pk)
                    extra = reports.actual(rows, u.pk, dim, period.id, False)
                    if extra is not None:
                        out[(u.pk, ind.pk)] = (out[(u.pk, ind.pk)] or 0) + extra
                continue
            dim = reports.value_dim(plan.pk, ind.pk)
            out[(u.pk, ind.pk)] = reports.actual(
                rows, u.pk, dim, period.id, ind.aggregation == Aggregation.RATIO
            )
    return out


def _target_rows(targets, unit, actuals, allocations, period, now):
    rows = []
    for t in targets:
        goal = target_for_unit(t, unit, allocations)
        actual = actuals.get((unit.pk, t.indicator.pk))
        progress = (float(actual) / float(goal)) if (actual is not None and goal) else None
        st = status(t, goal, actual, period, now)
        b = band(t.direction, progress, actual, float(goal) if goal is not None else None)
        rows.append(
            {
                "indicator": t.indicator.code,
                "name": t.indicator.name,
                "unit_of_measure": t.indicator.unit_of_measure,
                "item": t.item,
                "period": t.period,
                "direction": t.direction,
                "target": _num(goal),
                "actual": _num(actual),
                "progress": round(progress, 4) if progress is not None else None,
                "status": st,
                "status_label": str(STATUS_LABELS[st]),
                "aggregation": t.indicator.aggregation,
                "band": b,
                "band_label": str(BAND_LABELS[b]),
            }
        )
    return rows


def _children(plan: Plan, unit: Unit, period: periods.Period) -> list[Unit]:
    """Today's children, plus merged or dissolved units now placed under this one whose reports for
    the plan count in the period (so the children add up to the unit's total)."""
    from django.db.models import Q

    from doanso.org.models import SubtreeCounter

    gone = list(Unit.objects.filter(parent=unit, active=False).values_list("pk", flat=True))
    with_data = (
        list(
            SubtreeCounter.objects.filter(
                unit_id__in=gone, dim=reports.report_dim(plan.pk), key=f"{period.id}:r", n__gt=0
            ).values_list("unit_id", flat=True)
        )
        if gone
        else []
    )
    return list(
        Unit.objects.filter(Q(active=True) | Q(pk__in=with_data), parent=unit).order_by("-active", "path")
    )


@stale_reads_ok()
def dashboard(
    plan: Plan,
    unit: Unit,
    period: periods.Period | None = None,
    now: datetime | None = None,
    with_children: bool = True,
    children_offset: int = 0,
    children_limit: int | None = None,
) -> dict:
    """The unit's targets and reports, and its children's; with `children_limit`, one page of
    children from `children_offset` (`children_total` and `children_next` say what is left)."""
    now = now or timezone.now()
    period = period or default_period(plan)
    targets = targets_in(plan, period)
    all_children = _children(plan, unit, period) if with_children else []
    end = len(all_children) if children_limit is None else children_offset + children_limit
    children = all_children[children_offset:end]
    units = [unit, *children]
    allocations = {
        (t, u): v
        for t, u, v in Allocation.objects.filter(target__in=targets, unit__in=units).values_list(
            "target_id", "unit_id", "value"
        )
    }
    actuals = _actuals(plan, targets, units, period)
    comp = reports.completeness(plan, [unit], period, now)
    comp_children = reports.completeness(plan, children, period, now) if children else {}
    return {
        "plan": {"id": plan.pk, "number": plan.symbol, "title": plan.title},
        "unit": {"code": unit.code, "name": unit.name},
        "period": {"id": period.id, "label": period.label},
        "targets": _target_rows(targets, unit, actuals, allocations, period, now),
        "reports": comp[unit.pk],
        "children": [
            {
                "unit": c.code,
                "name": c.name,
                "active": c.active,
                "targets": _target_rows(targets, c, actuals, allocations, period, now),
                "reports": comp_children[c.pk],
            }
            for c in children
        ],
        "children_total": len(all_children),
        "children_next": end if end < len(all_children) else None,
    }


@stale_reads_ok()
def trend(plan: Plan, unit: Unit, period: periods.Period, grain: str = periods.MONTH) -> dict:
    """Actual per sub-period (e.g. each month of a year) for each target's indicator."""
    targets = targets_in(plan, period)
    subs = (
        period.children(grain)
        if periods.GRAINS.index(grain) > periods.GRAINS.index(period.grain)
        else [period]
    )
    manual = [
        t.indicator
        for t in targets
        if t.indicator.source == Source.MANUAL or t.indicator.code in indicators.REPORTABLE
    ]
    dims = [reports.value_dim(plan.pk, i.pk) for i in manual]
    keys = [f"{p.id}:{s}" for p in subs for s in ("v", "d", "z")]
    rows = reports.read([unit.pk], dims, keys) if dims else {}
    series = {}
    for ind in manual:
        dim = reports.value_dim(plan.pk, ind.pk)
        vals = []
        for p in subs:
            v = reports.actual(rows, unit.pk, dim, p.id, ind.is_ratio)
            if ind.source == Source.COMPUTED:  # records plus what was reported from outside
                c = indicators.compute(ind.code, unit, p)
                v = (v or 0) + c.value if c else v
            vals.append(_num(v))
        series[ind.code] = vals
    return {"periods": [p.id for p in subs], "labels": [p.label for p in subs], "series": series}


def to_xlsx(data: dict, path) -> None:
    """The dashboard as a spreadsheet: one row per unit × target, headers in the active language."""
    from doanso.core.tabular import write_table

    header = [
        gettext("Đơn vị"),
        gettext("Mã chỉ số"),
        gettext("Chỉ số"),
        gettext("Đơn vị tính"),
        gettext("Chỉ tiêu"),
        gettext("Thực hiện"),
        gettext("Tiến độ"),
        gettext("Trạng thái"),
    ]
    rows = []
    for who in [
        {"unit": data["unit"]["code"], "name": data["unit"]["name"], "targets": data["targets"]},
        *data["children"],
    ]:
        for t in who["targets"]:
            rows.append(
                [
                    who["name"],
                    t["indicator"],
                    t["name"],
                    t["unit_of_measure"],
                    t["target"],
                    t["actual"],
                    t["progress"],
                    t["status_label"],
                ]
            )
    write_table(path, header, rows, fmt="xlsx")


# ---- for the web page ------------------------------------------------------------------


def elapsed_share(period: periods.Period, now: datetime) -> float:
    """How much of the period has passed (0–1), the pace a target should be at by now."""
    today = now.astimezone(periods.TZ).date()
    if today <= period.start:
        return 0.0
    if today > period.end:
        return 1.0
    return ((today - period.start).days + 1) / ((period.end - period.start).days + 1)


def behind(data: dict, period: periods.Period, now: datetime | None = None, limit: int = 10) -> list[dict]:
    """Children behind the pace: mean progress over their targets below the elapsed share of the
    period, or reports missing; worst first."""
    now = now or timezone.now()
    pace = elapsed_share(period, now)
    out = []
    for c in data["children"]:
        progress = [t["progress"] for t in c["targets"] if t["progress"] is not None]
        mean = sum(min(p, 1.0) for p in progress) / len(progress) if progress else None
        rep = c["reports"]
        missing = max(rep["expected"] - rep["received"], 0)
        lagging = [t for t in c["targets"] if t["status"] in ("chua_dat", "qua_han")]
        if (mean is not None and mean < pace) or missing or lagging:
            out.append(
                {
                    "unit": c["unit"],
                    "name": c["name"],
                    "progress": round(mean, 4) if mean is not None else None,
                    "pace": round(pace, 4),
                    "missing": missing,
                    "late": rep["received"] - rep["on_time"],
                    "lagging": len(lagging),
                }
            )
    out.sort(key=lambda r: (r["progress"] if r["progress"] is not None else -1, -r["missing"]))
    return out[:limit]


def chart(
    labels: list[str], values: list, width: int = 640, height: int = 200, target: float | None = None
) -> dict:
    """Geometry of a bar chart as inline SVG: bars, value labels, a few gridlines and, when the
    target is known, a dashed target line (the scale always leaves room for it)."""
    pad_l, pad_b, pad_t = 84, 26, 12
    inner_w, inner_h = width - pad_l - 8, height - pad_b - pad_t
    nums = [float(v) for v in values if v is not None]
    top = max([*nums, float(target) if target is not None else 0], default=0)
    top = top or 1
    n = max(len(values), 1)
    step = inner_w / n
    bars = []
    for i, (lab, v) in enumerate(zip(labels, values, strict=True)):
        h = 0 if v is None else inner_h * float(v) / top
        bars.append(
            {
                "x": round(pad_l + i * step + step * 0.15, 1),
                "w": round(step * 0.7, 1),
                "y": round(pad_t + inner_h - h, 1),
                "h": round(h, 1),
                "label": lab,
                "short": lab.split()[-1].split("/")[0] if lab else str(i + 1),
                "value": v,
                "cx": round(pad_l + i * step + step / 2, 1),
            }
        )
    grid = [{"y": round(pad_t + inner_h * (1 - f), 1), "value": top * f} for f in (0, 0.5, 1)]
    target_y = round(pad_t + inner_h * (1 - float(target) / top), 1) if target is not None else None
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "grid": grid,
        "base": pad_t + inner_h,
        "left": pad_l,
        "target": target,
        "target_y": target_y,
        "empty": not nums,
    }


def _running(values: list) -> list:
    """Cumulative totals (a month without a value carries the total so far)."""
    out, total = [], None
    for v in values:
        if v is not None:
            total = (total or 0) + v
        out.append(_num(total) if total is not None else None)
    return out


def trend_chart(plan: Plan, unit: Unit, period: periods.Period, row: dict | None) -> dict | None:
    """The chart of one target over the period: by month, else by quarter, else the period's own
    value; cumulative for sums and counts (so the bars climb towards the target line). Never
    empty when the headline has a value; None when there is no target row at all."""
    if row is None:
        return None
    ratio = row.get("aggregation") == Aggregation.RATIO
    finer = [
        g
        for g in (periods.MONTH, periods.QUARTER)
        if periods.GRAINS.index(g) > periods.GRAINS.index(period.grain)
    ]
    for grain in finer:
        tr = trend(plan, unit, period, grain)
        series = tr["series"].get(row["indicator"])
        if series and any(v is not None for v in series):
            values = series if ratio else _running(series)
            out = chart(tr["labels"], values, target=row["target"])
            out["cumulative"] = not ratio
            return out
    if row["actual"] is not None:
        out = chart([period.label], [row["actual"]], target=row["target"])
        out["cumulative"] = False
        return out
    return {"empty": True, "bars": []}


def period_choices(plan: Plan) -> list[periods.Period]:
    """The periods a plan is tracked over: each target period and its quarters."""
    out: list[periods.Period] = []
    for pid in sorted(set(plan.targets.values_list("period", flat=True))):
        p = periods.parse(pid)
        out.append(p)
        if p.grain == periods.YEAR:
            out += p.children(periods.QUARTER)
    return out


@stale_reads_ok()
def page(
    plan: Plan,
    unit: Unit,
    period: periods.Period,
    indicator: str = "",
    now: datetime | None = None,
    sort: str = "name",
) -> dict:
    """What the dashboard page shows for a unit and period (the children for one chosen indicator,
    sorted by name or by progress)."""
    now = now or timezone.now()
    data = dashboard(plan, unit, period, now)
    codes = [t["indicator"] for t in data["targets"]]
    ind = indicator if indicator in codes else (codes[0] if codes else "")
    row = next((t for t in data["targets"] if t["indicator"] == ind), None)
    return {
        "data": data,
        "indicator": ind,
        "target_row": row,
        "children": sort_children(child_rows(data, ind), sort),
        "sort": sort if sort in SORTS else "name",
        "behind": behind(data, period, now),
        "late": reports.late_units(plan, unit, period, limit=10),
        "chart": trend_chart(plan, unit, period, row),
        "choices": period_choices(plan),
    }


SORTS = ("name", "progress")


def sort_children(rows: list[dict], sort: str = "name") -> list[dict]:
    """Children by name (Vietnamese order) or by progress, lowest first (no value last)."""
    by_name = sorted_vi(rows, key=lambda r: r["name"])
    if sort != "progress":
        return by_name
    return sorted(
        by_name,
        key=lambda r: (r["t"] is None or r["t"]["progress"] is None, (r["t"] or {}).get("progress") or 0),
    )


def child_rows(data: dict, indicator: str) -> list[dict]:
    rows = []
    for c in data["children"]:
        t = next((t for t in c["targets"] if t["indicator"] == indicator), None)
        rows.append(
            {
                "unit": c["unit"],
                "name": c["name"],
                "active": c.get("active", True),
                "t": t,
                "reports": c["reports"],
            }
        )
    return rows
