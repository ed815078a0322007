"""Member registry pages: thin views over services; anything outside the user's scope is a 404."""

import uuid
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from doanso.accounts.scoping import can_administer, get_unit, scope_for
from doanso.core.errors import UserError
from doanso.members import card, rating_rules, services
from doanso.members.importing import TEMPLATE_HEADERS
from doanso.members.models import MemberImport, MemberRating, RatingBatch
from doanso.members.tasks import progress_of, run_import

MAX_UPLOAD = 200 * 1024 * 1024


def _admin_unit(request, code: str):
    unit = get_unit(request.user, code)
    if not can_administer(request.user, unit):
        raise Http404
    return unit


@login_required
def me(request: HttpRequest) -> HttpResponse:
    mid = getattr(request.user, "member_id", None)
    if not mid:
        raise Http404
    m = services.visible_member(request.user, mid)
    text = card.payload(m.pk, m.card_number)
    return render(request, "members/me.html", {
        "m": m, "record": services.record_dict(m, sensitive=True), "qr_svg": card.qr_svg(text),
        "history": m.history.select_related("branch").order_by("-at", "-id")[:50],
        "ratings": m.ratings.order_by("-year"), "level_names": rating_rules.LEVEL_NAMES,
    })


@login_required
def unit_members(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit(request.user, code)
    q = request.GET.get("q", "")
    qs = services.members_in(request.user, unit, q).select_related("branch").order_by("search_name", "id")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    template = "members/_rows.html" if request.headers.get("HX-Request") == "true" else "members/list.html"
    return render(request, template, {"unit": unit, "page": page, "q": q,
                                      "can_admin": can_administer(request.user, unit)})


@login_required
def import_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = _admin_unit(request, code)
    if request.method == "POST":
        f = request.FILES.get("file")
        mode = request.POST.get("mode", "all")
        error = None
        if f is None:
            error = "Hãy chọn tệp CSV hoặc XLSX."
        elif Path(f.name).suffix.lower() not in (".csv", ".xlsx"):
            error = "Chỉ nhận tệp CSV (.csv) hoặc Excel (.xlsx)."
        elif f.size > MAX_UPLOAD:
            error = f"Tệp quá lớn; giới hạn là {MAX_UPLOAD // (1024 * 1024)} MB."
        elif mode not in ("all", "valid"):
            error = "Chế độ nhập không hợp lệ."
        if error:
            return render(request, "members/import.html", {"unit": unit, "error": error,
                                                           "headers": TEMPLATE_HEADERS}, status=400)
        folder = Path(settings.VAR_DIR) / "imports"
        folder.mkdir(parents=True, exist_ok=True)
        stored = folder / f"{uuid.uuid4().hex}{Path(f.name).suffix.lower()}"
        with open(stored, "wb") as out:
            for chunk in f.chunks():
                out.write(chunk)
        rec = MemberImport.objects.create(created_by=request.user, unit=unit, file_name=f.name[:255],
                                          stored_path=str(stored), mode=mode)
        transaction.on_commit(lambda: run_import.enqueue(rec.pk))
        return redirect("members:import_status", import_id=rec.pk)
    return render(request, "members/import.html", {"unit": unit, "headers": TEMPLATE_HEADERS})


def _import(request, import_id: int) -> MemberImport:
    rec = MemberImport.objects.select_related("unit").filter(pk=import_id).first()
    if rec is None or not scope_for(request.user).covers(rec.unit.path):
        raise Http404
    return rec


@login_required
def import_status(request: HttpRequest, import_id: int) -> HttpResponse:
    rec = _import(request, import_id)
    return render(request, "members/import_status.html", {"rec": rec, "p": progress_of(rec)})


@login_required
def import_progress(request: HttpRequest, import_id: int) -> HttpResponse:
    rec = _import(request, import_id)
    return render(request, "members/_progress.html", {"rec": rec, "p": progress_of(rec)})


@login_required
def import_errors(request: HttpRequest, import_id: int) -> HttpResponse:
    rec = _import(request, import_id)
    if not rec.errors_path or not Path(rec.errors_path).exists():
        raise Http404
    return FileResponse(open(rec.errors_path, "rb"), as_attachment=True, filename=f"loi-nhap-{rec.pk}.xlsx")


@login_required
def transfers(request: HttpRequest) -> HttpResponse:
    return render(request, "members/transfers.html", {
        "incoming": services.transfers_for(request.user, "incoming").order_by("-requested_at")[:200],
        "outgoing": services.transfers_for(request.user, "outgoing").order_by("-requested_at")[:200],
    })


@login_required
@require_POST
def transfer_decide(request: HttpRequest, transfer_id: int, action: str) -> HttpResponse:
    t = services.visible_transfer(request.user, transfer_id)
    if action not in ("accept", "reject") or not can_administer(request.user, t.to_branch):
        raise Http404
    try:
        fn = services.accept_transfer if action == "accept" else services.reject_transfer
        fn(request.user, t, request.POST.get("note", ""))
        messages.success(request, "Đã tiếp nhận đoàn viên." if action == "accept" else "Đã từ chối đề nghị.")
    except UserError as exc:
        messages.error(request, exc.message)
    return redirect("members:transfers")


@login_required
def ratings(request: HttpRequest, code: str) -> HttpResponse:
    branch = _admin_unit(request, code)
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or date.today().year - 1)
        term = rating_rules.term_for(year)
    except ValueError:
        raise Http404 from None
    members = list(services.members_in(request.user, branch).filter(branch=branch, status="active")
                   .order_by("search_name")[:500])
    if request.method == "POST":
        data = {}
        for m in members:
            level = request.POST.get(f"level_{m.pk}")
            if level:
                data[m.pk] = (level, request.POST.get(f"note_{m.pk}", ""))
        try:
            if request.POST.get("action") == "approve":
                services.approve_ratings(request.user, branch, year)
                messages.success(request, f"Đã duyệt kết quả xếp loại năm {year}.")
            else:
                services.save_ratings(request.user, branch, year, data)
                if request.POST.get("action") == "submit":
                    services.submit_ratings(request.user, branch, year)
                messages.success(request, f"Đã lưu kết quả xếp loại năm {year}.")
        except UserError as exc:
            messages.error(request, exc.message)
        return redirect(reverse("members:ratings", args=[branch.code]) + f"?year={year}")
    batch = RatingBatch.objects.filter(branch=branch, year=year).first()
    current = {r.member_id: r for r in MemberRating.objects.filter(batch=batch)} if batch else {}
    rows = [(m, current.get(m.pk)) for m in members]
    return render(request, "members/ratings.html", {
        "unit": branch, "year": year, "term": term, "batch": batch, "rows": rows,
        "levels": [(lv, rating_rules.LEVEL_NAMES[lv]) for lv in term.levels],
        "locked": batch is not None and batch.status == "approved",
    })
