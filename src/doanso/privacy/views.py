"""Personal data pages: the member's own requests and export, and the admin's page per member.
Thin: rights and writes are in services; outside the scope is a 404."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doanso.core.errors import UserError
from doanso.members import api as members
from doanso.privacy import export, forms, services


def _own_member(request):
    mid = getattr(request.user, "member_id", None)
    if not mid:
        raise Http404
    return members.visible_member(request.user, mid)


def _admin_member(request, member_id: int):
    m = members.visible_member(request.user, member_id)
    services._require_admin(request.user, m)
    return m


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(request, data: dict, name: str) -> HttpResponse:
    """JSON by default, .xlsx with ?format=xlsx."""
    if request.GET.get("format") == "xlsx":
        resp = HttpResponse(export.workbook(data), content_type=XLSX)
        resp["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return resp
    return _json(data, f"{name}.json")


def _json(data: dict, name: str) -> HttpResponse:
    resp = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    resp["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp


def _page(request, m, template: str, form, status: int = 200, **extra) -> HttpResponse:
    ctx = {
        "m": m,
        "form": form,
        "requests": services.requests_of(request.user, m),
        "hold": services.hold_of(m),
        "labels": services.FIELD_LABELS,
        **extra,
    }
    return render(request, template, ctx, status=status)


def _ask(request, m, redirect_to: str, template: str, **extra) -> HttpResponse:
    form = forms.RequestForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            changes = {k: d[k] for k in ("phone", "email", "address") if d[k]}
            try:
                services.ask(request.user, m, d["kind"], changes)
            except UserError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Đã gửi yêu cầu."))
                return redirect(redirect_to)
        return _page(request, m, template, form, status=400, **extra)
    return _page(request, m, template, form, **extra)


@login_required
def my_requests(request: HttpRequest) -> HttpResponse:
    """The member's own requests: correction or deletion, and the export download."""
    m = _own_member(request)
    return _ask(request, m, "privacy:me", "privacy/me.html")


@login_required
def my_export(request: HttpRequest) -> HttpResponse:
    m = _own_member(request)
    return _download(request, services.export_data(request.user, m), "du-lieu-ca-nhan")


@login_required
def member_requests(request: HttpRequest, member_id: int) -> HttpResponse:
    """An admin's view of one member's requests and legal hold; a request on the member's behalf."""
    m = _admin_member(request, member_id)
    return _ask(request, m, f"/privacy/members/{m.pk}/", "privacy/member.html", hold_form=forms.HoldForm())


@login_required
def member_export(request: HttpRequest, member_id: int) -> HttpResponse:
    m = _admin_member(request, member_id)
    return _download(request, services.export_data(request.user, m), f"du-lieu-doan-vien-{m.pk}")


@login_required
@require_POST
def member_hold(request: HttpRequest, member_id: int) -> HttpResponse:
    m = _admin_member(request, member_id)
    if request.POST.get("action") == "clear":
        services.clear_hold(request.user, m)
        messages.success(request, _("Đã gỡ lệnh giữ hồ sơ."))
        return redirect("privacy:member", member_id=m.pk)
    try:
        services.set_hold(request.user, m, request.POST.get("reason", ""))
    except UserError as exc:
        messages.error(request, exc.message)
        return _page(
            request,
            m,
            "privacy/member.html",
            forms.RequestForm(),
            status=400,
            hold_form=forms.HoldForm(request.POST),
        )
    messages.success(request, _("Đã giữ hồ sơ theo yêu cầu pháp lý."))
    return redirect("privacy:member", member_id=m.pk)


@login_required
@require_POST
def decide(request: HttpRequest, request_id: int) -> HttpResponse:
    req = services.visible_request(request.user, request_id)
    approve = request.POST.get("action") != "refuse"
    try:
        services.decide(request.user, req, approve=approve, reason=request.POST.get("reason", ""))
    except UserError as exc:
        messages.error(request, exc.message)
        return _page(
            request,
            req.member,
            "privacy/member.html",
            forms.RequestForm(),
            status=400,
            hold_form=forms.HoldForm(),
            error=exc.message,
        )
    messages.success(request, _("Đã xử lý yêu cầu."))
    return redirect("privacy:member", member_id=req.member_id)
