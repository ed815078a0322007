"""Report pages: what a unit owes, the report form (draft → submit), the parent's review. Thin views."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doanso.accounts.scoping import get_unit
from doanso.core.errors import UserError
from doanso.plans.api import get_obligation
from doanso.reports import queries, services

PAGE_SIZE = 50  # rows per page of a list (page links below it)


@login_required
def due(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit(request.user, code)
    page = Paginator(queries.due_for_unit(unit), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/due.html", {"unit": unit, "items": page.object_list, "page": page})


@login_required
@require_POST
def open_report(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit(request.user, code)
    ob_id = request.POST.get("obligation", "")
    ob = get_obligation(request.user, ob_id if ob_id.isdigit() else None)
    try:
        report = services.open_report(request.user, ob, unit, request.POST.get("period", ""))
    except UserError as exc:
        messages.error(request, exc.message)
        return redirect("reports:due", code=unit.code)
    return redirect("reports:form", report_id=report.pk)


def _form(request, report, *, error: UserError | None = None, posted=None, status: int = 200):
    report.refresh_from_db()
    editable = report.status in ("draft", "returned") and services.scope_for(request.user).covers(
        report.unit.path
    )
    ctx = {
        "report": report,
        "fields": services.form_fields(report, posted, services.records_for(report, live=editable)),
        "narrative": posted.get("narrative", report.narrative) if posted is not None else report.narrative,
        "version": posted.get("version", report.version) if posted is not None else report.version,
        "error": error,
        "editable": editable,
        "reviewer": services.can_review(request.user, report),
        "history": list(report.events.select_related("actor")),
    }
    return render(request, "reports/form.html", ctx, status=status)


@login_required
def report_form(request: HttpRequest, report_id: int) -> HttpResponse:
    report = services.get_report(request.user, report_id)
    if request.method != "POST":
        return _form(request, report)
    version = request.POST.get("version", "")
    version = int(version) if version.isdigit() else None
    narrative = request.POST.get("narrative", "")
    try:
        values, marks = services.form_values(report, request.POST, services.records_for(report))
        if request.POST.get("action") == "submit":
            services.submit(request.user, report, values, narrative, version, records=marks)
            messages.success(request, _("Đã nộp báo cáo."))
        else:
            services.save_draft(request.user, report, values, narrative, version, records=marks)
            messages.success(request, _("Đã lưu nháp."))
    except services.ConflictError as exc:
        return _form(request, report, error=exc, posted=request.POST, status=409)
    except UserError as exc:
        return _form(request, report, error=exc, posted=request.POST, status=400)
    return redirect("reports:form", report_id=report.pk)


@login_required
@require_POST
def review(request: HttpRequest, report_id: int) -> HttpResponse:
    report = services.get_report(request.user, report_id)
    if not services.can_review(request.user, report):
        raise Http404
    version = request.POST.get("version", "")
    version = int(version) if version.isdigit() else None
    comment = request.POST.get("comment", "")
    try:
        if request.POST.get("action") == "return":
            services.return_report(request.user, report, comment, version)
            messages.success(request, _("Đã trả lại báo cáo."))
        else:
            services.approve(request.user, report, comment, version)
            messages.success(request, _("Đã duyệt báo cáo."))
    except UserError as exc:
        return _form(
            request, report, error=exc, status=409 if isinstance(exc, services.ConflictError) else 400
        )
    return redirect("reports:form", report_id=report.pk)


@login_required
def export_docx(request: HttpRequest, report_id: int) -> HttpResponse:
    report = services.get_report(request.user, report_id)
    out = Path(tempfile.mkdtemp(prefix="doanso-report-")) / "bao-cao.docx"
    services.export_report(report, "docx", out)
    return FileResponse(out.open("rb"), as_attachment=True, filename=f"bao-cao-{report.pk}.docx")
