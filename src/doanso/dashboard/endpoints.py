"""/api/v1/plans/{id}/dashboard: target vs actual for a unit and a period."""

from django.utils.translation import gettext
from ninja import Query, Router

from doanso.accounts.scoping import get_unit
from doanso.core.calendar import periods
from doanso.dashboard import services
from doanso.plans.api import get_plan

router = Router(tags=["dashboard"])
CHILDREN_PAGE = 50


@router.get("/{plan_id}/dashboard")
def plan_dashboard(
    request,
    plan_id: int,
    unit: str,
    period: str = "",
    children_offset: int = Query(0, ge=0),
    children_limit: int = Query(CHILDREN_PAGE, ge=0, le=500),
):
    """`{"targets": [...], "reports": {"expected", "received", "on_time"}, "children": [...],
    "children_total": n, "children_next": offset | null}`: one page of children
    (`children_limit`, default 50, 0 for none) — fetch the rest with `children_offset`."""
    plan = get_plan(request.user, plan_id)
    u = get_unit(request.user, unit)
    return services.dashboard(
        plan,
        u,
        periods.parse(period) if period else None,
        children_offset=children_offset,
        children_limit=children_limit,
    )


@router.get("/{plan_id}/trend")
def plan_trend(request, plan_id: int, unit: str, period: str = "", grain: str = "month"):
    plan = get_plan(request.user, plan_id)
    u = get_unit(request.user, unit)
    if grain not in periods.GRAINS:
        from doanso.core.errors import UserError

        raise UserError(gettext("Độ chi tiết “%(grain)s” không hợp lệ.") % {"grain": grain}, field="grain")
    return services.trend(plan, u, periods.parse(period) if period else services.default_period(plan), grain)


@router.get("/{plan_id}/dashboard.xlsx")
def plan_dashboard_xlsx(request, plan_id: int, unit: str, period: str = ""):
    """The same dashboard as an XLSX file."""
    import tempfile
    from pathlib import Path

    from django.http import HttpResponse

    plan = get_plan(request.user, plan_id)
    u = get_unit(request.user, unit)
    data = services.dashboard(plan, u, periods.parse(period) if period else None)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dashboard.xlsx"
        services.to_xlsx(data, path)
        body = path.read_bytes()
    resp = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    resp["Content-Disposition"] = (
        f'attachment; filename="bang-theo-doi-{plan.pk}-{u.code}-{data["period"]["id"]}.xlsx"'
    )
    return resp


def register(api) -> None:
    api.add_router("/plans", router)
