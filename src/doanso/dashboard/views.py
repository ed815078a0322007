"""The dashboard pages: target vs actual for a plan, a unit and a period. Thin: services compute."""

import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from doanso.accounts.scoping import get_unit
from doanso.core.calendar import periods
from doanso.core.errors import UserError
from doanso.dashboard import services
from doanso.plans.api import get_plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _args(request: HttpRequest, plan_id: int, code: str):
    plan = get_plan(request.user, plan_id)
    unit = get_unit(request.user, code)
    raw = request.GET.get("period", "").strip()
    error = None
    try:
        period = periods.parse(raw) if raw else services.default_period(plan)
    except UserError as exc:
        error, period = exc.message, services.default_period(plan)
    return plan, unit, period, error


@login_required
def page(request: HttpRequest, plan_id: int, code: str) -> HttpResponse:
    plan, unit, period, error = _args(request, plan_id, code)
    ctx = services.page(plan, unit, period, request.GET.get("ind", ""), sort=request.GET.get("sort", "name"))
    ctx.update({"plan": plan, "unit": unit, "period": period, "error": error})
    return render(request, "dashboard/page.html", ctx)


@login_required
def children(request: HttpRequest, plan_id: int, code: str) -> HttpResponse:
    """Rows of a unit's children for one indicator (drill-down, loaded by htmx under the unit's row)."""
    plan, unit, period, _error = _args(request, plan_id, code)
    data = services.dashboard(plan, unit, period)
    ind = request.GET.get("ind", "")
    depth = int(request.GET.get("depth", "1") or 1) if request.GET.get("depth", "1").isdigit() else 1
    return render(
        request,
        "dashboard/_children.html",
        {
            "plan": plan,
            "period": period,
            "indicator": ind,
            "children": services.sort_children(
                services.child_rows(data, ind), request.GET.get("sort", "name")
            ),
            "sort": request.GET.get("sort", "name"),
            "depth": min(depth, 8),
            "parent": unit,
        },
    )


@login_required
def targets(request: HttpRequest, plan_id: int, code: str) -> HttpResponse:
    """The plan's targets with their status as seen from a unit (a fragment of the plan page)."""
    plan, unit, _period, _error = _args(request, plan_id, code)
    statuses = {}
    for pid in sorted(set(plan.targets.values_list("period", flat=True))):
        data = services.dashboard(plan, unit, periods.parse(pid), with_children=False)
        for row in data["targets"]:
            if row["period"] == pid:
                statuses[(row["indicator"], pid)] = row
    rows = list(plan.targets.select_related("indicator").order_by("period", "order", "id"))
    by_pk = {t.pk: statuses.get((t.indicator.code, t.period)) for t in rows}
    return render(request, "plans/_targets.html", {"targets": rows, "statuses": by_pk, "viewer": unit})


@login_required
def export_xlsx(request: HttpRequest, plan_id: int, code: str) -> HttpResponse:
    plan, unit, period, _error = _args(request, plan_id, code)
    data = services.dashboard(plan, unit, period)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.xlsx"
        services.to_xlsx(data, path)
        body = path.read_bytes()
    resp = HttpResponse(body, content_type=XLSX)
    name = f"bang-theo-doi-{plan.pk}-{unit.code}-{period.id}.xlsx"
    resp["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp
