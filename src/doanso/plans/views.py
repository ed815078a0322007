"""Plan pages: the plans of a unit, one plan, its export. Thin: scope and logic live in services."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doanso.accounts.scoping import acting_units, get_unit
from doanso.core.errors import UserError
from doanso.plans import export, services


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("unit", "")
    units = list(acting_units(request.user))
    if code:
        unit = get_unit(request.user, code)
    elif units:
        unit = units[0]
    else:
        return render(request, "plans/list.html", {"unit": None, "plans": [], "units": units})
    plans = list(services.plans_for(request.user, unit)[:200])
    return render(request, "plans/list.html", {"unit": unit, "plans": plans, "units": units})


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = services.get_plan(request.user, plan_id)
    ctx = services.plan_page(request.user, plan)
    ctx["viewer"] = services.viewing_unit(request.user, plan, request.GET.get("unit", ""))
    ctx["adopt_units"] = [
        u
        for u in acting_units(request.user)
        if u.pk != plan.issuer_id and u.path.startswith(plan.issuer.path)
    ]
    return render(request, "plans/detail.html", ctx)


def _export(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    plan = services.get_plan(request.user, plan_id)
    tmp = tempfile.mkdtemp(prefix="doanso-export-")
    out = Path(tmp) / f"{plan.symbol.strip().replace('/', '_')}.{fmt}"
    try:
        export.export(plan, fmt, out)
    except UserError as exc:
        messages.error(request, exc.message)
        return redirect("plans:detail", plan_id=plan.pk)
    return FileResponse(out.open("rb"), as_attachment=True, filename=f"ke-hoach-{plan.pk}.{fmt}")


@login_required
def plan_export_docx(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _export(request, plan_id, "docx")


@login_required
def plan_export_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _export(request, plan_id, "pdf")


@login_required
@require_POST
def plan_adopt(request: HttpRequest, plan_id: int) -> HttpResponse:
    """A sub-unit's own plan adopting this plan's targets (its allocation, or the ratio)."""
    parent = services.get_plan(request.user, plan_id)
    code = request.POST.get("unit", "")
    if not code:
        raise Http404
    unit = get_unit(request.user, code)
    try:
        child = services.adopt_plan(request.user, parent, unit)
    except UserError as exc:
        messages.error(request, exc.message)
        return redirect("plans:detail", plan_id=parent.pk)
    done = _("Đã tạo kế hoạch %(symbol)s theo chỉ tiêu cấp trên.") % {"symbol": child.symbol}
    messages.success(request, done)
    return redirect("plans:detail", plan_id=child.pk)
