"""Plan pages: the plans of a unit, one plan, its export. Thin: logic lives in actions and selectors."""

import tempfile
from pathlib import Path
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doanso.accounts.scoping import acting_units, get_unit, scope_for
from doanso.core.errors import UserError
from doanso.org.stats import member_counts
from doanso.plans import actions, export, forms, selectors
from doanso.plans.models import PlanStatus

PAGE_SIZE = 50  # rows per page of a list (page links below it)


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
    page = Paginator(selectors.plans_for(request.user, unit), PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {
        "unit": unit,
        "plans": page.object_list,
        "page": page,
        "query": f"{urlencode({'unit': unit.code})}&",
        "units": units,
    }
    return render(request, "plans/list.html", ctx)


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.get_plan(request.user, plan_id)
    ctx = selectors.plan_page(request.user, plan)
    ctx["viewer"] = selectors.viewing_unit(request.user, plan, request.GET.get("unit", ""))
    ctx["can_edit"] = scope_for(request.user).covers(plan.issuer.path)
    ctx["adopt_units"] = [
        u
        for u in acting_units(request.user)
        if u.pk != plan.issuer_id and u.path.startswith(plan.issuer.path)
    ]
    ctx["adopt_for"] = request.GET.get("unit", "")
    ctx["history"] = selectors.plan_history(plan)
    if ctx["can_edit"] and plan.status == PlanStatus.DRAFT:
        ctx["issue_form"] = forms.IssueForm(initial={"symbol": selectors.symbol_for(plan)})
    return render(request, "plans/detail.html", ctx)


@login_required
@require_POST
def plan_issue(request: HttpRequest, plan_id: int) -> HttpResponse:
    """ "Ban hành" a draft today: numbered from the unit's register, with the unit's own symbol."""
    plan = _writable_plan(request, plan_id)
    form = forms.IssueForm(request.POST)
    if form.is_valid():
        try:
            actions.issue_plan(
                request.user,
                plan,
                number=form.cleaned_data["number"],
                symbol=form.cleaned_data["symbol"],
                issued_on=timezone.localdate(),
            )
        except UserError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã ban hành kế hoạch %(symbol)s.") % {"symbol": plan.symbol})
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("plans:detail", plan_id=plan.pk)


def _export(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    plan = selectors.get_plan(request.user, plan_id)
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
    parent = selectors.get_plan(request.user, plan_id)
    code = request.POST.get("unit", "")
    if not code:
        raise Http404
    unit = get_unit(request.user, code)
    try:
        child = actions.adopt_plan(request.user, parent, unit)
    except UserError as exc:
        messages.error(request, exc.message)
        return redirect("plans:detail", plan_id=parent.pk)
    done = _("Đã lập dự thảo kế hoạch thực hiện theo chỉ tiêu cấp trên; kiểm tra rồi bấm “Ban hành”.")
    messages.success(request, done)
    return redirect("plans:detail", plan_id=child.pk)


# ---- forms: a plan, its targets, their allocation, its obligations ----------------------


def _writable_plan(request: HttpRequest, plan_id: int):
    """A plan the user may change: readable, and issued by a unit in their scope; 404 otherwise."""
    plan = selectors.get_plan(request.user, plan_id)
    if not scope_for(request.user).covers(plan.issuer.path):
        raise Http404
    return plan


def _form_page(request: HttpRequest, ctx: dict) -> HttpResponse:
    """The whole page, or only the form when htmx posts it (errors are swapped in place)."""
    template = "plans/_form.html" if request.headers.get("HX-Request") else "plans/form.html"
    return render(request, template, ctx)


def _done(request: HttpRequest, url: str, message: str) -> HttpResponse:
    messages.success(request, message)
    if request.headers.get("HX-Request"):
        r = HttpResponse(status=204)
        r["HX-Redirect"] = url
        return r
    return redirect(url)


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    """A new plan of one of the user's units; the action gives it its number."""
    units = list(acting_units(request.user))
    code = request.POST.get("unit") or request.GET.get("unit", "")
    if code:
        unit = get_unit(request.user, code)
    elif units:
        unit = units[0]
    else:
        raise Http404
    if unit not in units:
        units.append(unit)
    parents = list(selectors.plans_for(request.user, unit))  # every one: the form checks the choice
    form = forms.PlanForm(request.POST or None, parents=parents)
    if request.method == "POST" and form.is_valid():
        try:
            plan = actions.create_plan(request.user, unit, **form.service_kwargs())
        except UserError as exc:
            form.add_user_error(exc)
        else:
            done = _("Đã tạo dự thảo “%(title)s”.") % {"title": plan.title}
            return _done(request, reverse("plans:detail", args=[plan.pk]), done)
    ctx = {
        "form": form,
        "unit": unit,
        "units": units,
        "heading": _("Tạo kế hoạch mới"),
        "action": reverse("plans:create"),
        "plain_post": True,  # answered with a redirect to the new plan's page: the address changes
        "back": reverse("plans:list") + f"?unit={unit.code}",
    }
    return _form_page(request, ctx)


@login_required
def target_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _writable_plan(request, plan_id)
    form = forms.TargetForm(request.POST or None, initial={"period": plan.period_end})
    if request.method == "POST" and form.is_valid():
        try:
            t = actions.add_target(request.user, plan, **form.service_kwargs())
        except UserError as exc:
            form.add_user_error(exc)
        else:
            done = _("Đã thêm chỉ tiêu “%(name)s”.") % {"name": t.indicator.name}
            return _done(request, reverse("plans:allocate", args=[plan.pk, t.pk]), done)
    ctx = {
        "form": form,
        "plan": plan,
        "heading": _("Thêm chỉ tiêu"),
        "action": reverse("plans:target_create", args=[plan.pk]),
        "back": reverse("plans:detail", args=[plan.pk]),
    }
    return _form_page(request, ctx)


@login_required
def target_allocate(request: HttpRequest, plan_id: int, target_id: int) -> HttpResponse:
    """Give the children their shares: by hand (a row each) or in proportion to member count."""
    plan = _writable_plan(request, plan_id)
    target = selectors.get_target(plan, target_id)
    children = selectors.active_children(plan.issuer)
    current = selectors.shares_of(target)
    form = forms.AllocationForm(request.POST or None, children=children, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            if "proportional" in request.POST:
                actions.allocate_proportional(request.user, target, children)
            else:
                actions.allocate(request.user, target, form.shares())
        except UserError as exc:
            form.add_user_error(exc)
        else:
            url = reverse("plans:allocate", args=[plan.pk, target.pk])
            return _done(request, url, _("Đã giao chỉ tiêu cho các đơn vị trực thuộc."))
    counts = member_counts(children)
    rows = [
        {"unit": u, "field": form[form.key(u)], "members": counts.get(u.pk, 0), "value": current.get(u.pk)}
        for u in children
    ]
    total = sum(current.values()) if current else None
    ctx = {
        "form": form,
        "plan": plan,
        "target": target,
        "rows": rows,
        "total": total,
        "preserved": total is not None and total == target.value,
        "ratio": target.indicator.is_ratio,
        "back": reverse("plans:detail", args=[plan.pk]),
    }
    template = "plans/_allocate.html" if request.headers.get("HX-Request") else "plans/allocate.html"
    return render(request, template, ctx)


@login_required
def obligation_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _writable_plan(request, plan_id)
    children = selectors.active_children(plan.issuer)
    form = forms.ObligationForm(request.POST or None, children=children)
    if request.method == "POST" and form.is_valid():
        try:
            ob = actions.add_obligation(request.user, plan, **form.service_kwargs())
        except UserError as exc:
            form.add_user_error(exc)
        else:
            done = _("Đã thêm chế độ báo cáo “%(title)s”.") % {"title": ob.title}
            return _done(request, reverse("plans:detail", args=[plan.pk]), done)
    ctx = {
        "form": form,
        "plan": plan,
        "heading": _("Thêm chế độ báo cáo"),
        "fields_template": "plans/_obligation_fields.html",  # grouped indicators, progressive fields
        "action": reverse("plans:obligation_create", args=[plan.pk]),
        "back": reverse("plans:detail", args=[plan.pk]),
    }
    return _form_page(request, ctx)
