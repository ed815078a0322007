"""Member registry pages: thin views over actions and selectors; outside the user's scope is a 404."""

from datetime import date
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from doanso.accounts.scoping import can_administer, get_unit, scope_for
from doanso.core import tabular
from doanso.core.errors import ConflictError, UserError
from doanso.members import actions, card, charter, forms, rating_rules, search, selectors, stats
from doanso.members.fields import PROVINCES
from doanso.members.importing import files as import_files
from doanso.members.importing.columns import ALIASES as IMPORT_VARIANTS
from doanso.members.importing.columns import LABEL, OPTIONAL, REQUIRED
from doanso.members.importing.template import write_template
from doanso.members.models import (
    MemberImport,
    MemberStatus,
    NominationOutcome,
)
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
    m = selectors.visible_member(request.user, mid)
    text = card.payload(m.pk, m.card_number)
    return render(
        request,
        "members/me.html",
        {
            "m": m,
            "record": selectors.record_dict(m, sensitive=True),
            "qr_svg": card.qr_svg(text),
            "history": m.history.select_related("branch").order_by("-at", "-id")[:50],
            "ratings": m.ratings.order_by("-year"),
            "level_names": rating_rules.LEVEL_NAMES,
        },
    )


@login_required
def unit_members(request: HttpRequest, code: str) -> HttpResponse:
    """A unit's members in name order, a page at a time (?cursor=, keyset); ?q= searches."""
    unit = get_unit(request.user, code)
    # The search box POSTs its text (htmx), so a CCCD never lands in a URL or an access log;
    # a CCCD typed into the address bar is not searched.
    q = request.POST.get("q", "") if request.method == "POST" else request.GET.get("q", "")
    if request.method != "POST" and search.looks_like_cccd(q):
        q = ""
    try:
        page = search.member_page(request.user, unit, q, request.GET.get("cursor"))
    except ValueError:  # a cursor we did not make: start again from the first page
        page = search.member_page(request.user, unit, q)
    ctx = {"unit": unit, "page": page, "q": q}
    if request.headers.get("HX-Request") == "true":
        return render(request, "members/_rows.html", ctx)
    ctx.update(can_admin=can_administer(request.user, unit), figures=stats.indicators(unit))
    return render(request, "members/list.html", ctx)


def _import_page_context(unit) -> dict:
    return {
        "unit": unit,
        "required": [h for _, h in REQUIRED],
        "optional": [h for _, h in OPTIONAL],
        "variants": [(LABEL[k], names) for k, names in IMPORT_VARIANTS.items()],
        "provinces": len(PROVINCES),
        "max_mb": MAX_UPLOAD // (1024 * 1024),
    }


@login_required
def import_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = _admin_unit(request, code)
    if request.method == "POST":
        f = request.FILES.get("file")
        mode = request.POST.get("mode", "all")
        error = None
        if f is None:
            error = _("Hãy chọn tệp Excel hoặc CSV.")
        elif f.size > MAX_UPLOAD:
            error = _("Tệp quá lớn; giới hạn là %(mb)s MB.") % {"mb": MAX_UPLOAD // (1024 * 1024)}
        elif mode not in ("all", "valid"):
            error = _("Chế độ nhập không hợp lệ.")
        stored = None
        if not error:  # kept private (0600) only while the import runs, see importing/files.py
            stored = import_files.store_upload(f.chunks(), Path(f.name).suffix.lower())
            try:  # what the file really is, from its content: refused here, before any work is queued
                tabular.sniff_format(stored)
            except UserError as exc:
                error = exc.message
                stored.unlink(missing_ok=True)
        if error:
            return render(
                request, "members/import.html", {**_import_page_context(unit), "error": error}, status=400
            )
        rec = MemberImport.objects.create(
            created_by=request.user, unit=unit, file_name=f.name[:255], stored_path=str(stored), mode=mode
        )
        transaction.on_commit(lambda: run_import.enqueue(rec.pk))
        return redirect("members:import_status", import_id=rec.pk)
    return render(request, "members/import.html", _import_page_context(unit))


@login_required
def import_template(request: HttpRequest, code: str) -> HttpResponse:
    """The template workbook linked from the import page (headers, a guide sheet, one example)."""
    import tempfile

    unit = _admin_unit(request, code)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mau.xlsx"
        write_template(path, branch_code=_example_branch(unit))
        data = path.read_bytes()
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-doan-vien.xlsx"'
    return response


def _example_branch(unit) -> str:
    from doanso.org.models import Unit

    lo, hi = unit.subtree_range
    branch = (
        Unit.objects.filter(path__gte=lo, path__lt=hi, kind="chi_doan", active=True).order_by("path").first()
    )
    return branch.code if branch else unit.code


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
    """The error workbook (the uploader's own rows, CCCD included): only for admins of the
    import's unit, decrypted from its sealed copy; gone after the retention period."""
    rec = _import(request, import_id)
    if not can_administer(request.user, rec.unit):
        raise Http404
    data = import_files.open_errors(rec)
    if data is None:
        raise Http404
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="loi-nhap-{rec.pk}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


TRANSFERS_PER_PAGE = 200
RATINGS_PER_PAGE = 500  # a branch rarely has more: one page is the usual case
DUES_PER_PAGE = 2000


@login_required
def transfers(request: HttpRequest) -> HttpResponse:
    """Pending transfers into and out of the user's scope, each list paged (?in=, ?out=)."""
    incoming = Paginator(
        selectors.transfers_for(request.user, "incoming").order_by("-requested_at", "-id"), TRANSFERS_PER_PAGE
    ).get_page(request.GET.get("in"))
    outgoing = Paginator(
        selectors.transfers_for(request.user, "outgoing").order_by("-requested_at", "-id"), TRANSFERS_PER_PAGE
    ).get_page(request.GET.get("out"))
    return render(
        request,
        "members/transfers.html",
        {
            "incoming": incoming,
            "outgoing": outgoing,
            "in_keep": f"in={incoming.number}&",
            "out_keep": f"out={outgoing.number}&",
        },
    )


@login_required
@require_POST
def transfer_decide(request: HttpRequest, transfer_id: int, action: str) -> HttpResponse:
    t = selectors.visible_transfer(request.user, transfer_id)
    if action not in ("accept", "reject") or not can_administer(request.user, t.to_branch):
        raise Http404
    try:
        fn = actions.transfers.accept_transfer if action == "accept" else actions.transfers.reject_transfer
        fn(request.user, t, request.POST.get("note", ""))
        messages.success(
            request, _("Đã tiếp nhận đoàn viên.") if action == "accept" else _("Đã từ chối đề nghị.")
        )
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
    page = Paginator(
        selectors.members_in(request.user, branch)
        .filter(branch=branch, status="active")
        .order_by("search_name", "id"),
        RATINGS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    members = list(page)
    if request.method == "POST":
        data = {}
        for m in members:
            level = request.POST.get(f"level_{m.pk}")
            if level:
                data[m.pk] = (level, request.POST.get(f"note_{m.pk}", ""))
        try:
            if request.POST.get("action") == "approve":
                actions.ratings.approve_ratings(request.user, branch, year)
                messages.success(request, _("Đã duyệt kết quả xếp loại năm %(year)s.") % {"year": year})
            else:
                actions.ratings.save_ratings(request.user, branch, year, data)
                if request.POST.get("action") == "submit":
                    actions.ratings.submit_ratings(request.user, branch, year)
                messages.success(request, _("Đã lưu kết quả xếp loại năm %(year)s.") % {"year": year})
        except UserError as exc:
            messages.error(request, exc.message)
        return redirect(reverse("members:ratings", args=[branch.code]) + f"?year={year}&page={page.number}")
    batch = selectors.rating_batch(branch, year)
    current = selectors.ratings_by_member(batch)
    rows = [(m, current.get(m.pk)) for m in members]
    return render(
        request,
        "members/ratings.html",
        {
            "unit": branch,
            "year": year,
            "term": term,
            "batch": batch,
            "rows": rows,
            "levels": [(lv, rating_rules.LEVEL_NAMES[lv]) for lv in term.levels],
            "page": page,
            "year_keep": f"year={year}&",
            "locked": batch is not None and batch.status == "approved",
        },
    )


# ---------------------------------------------------------------- a member's record (staff)

DUES_CATEGORIES = {
    "hssv": gettext_lazy("Đoàn viên không hưởng lương (học sinh, sinh viên, địa bàn dân cư)"),
    "co_luong": gettext_lazy("Đoàn viên hưởng lương (cán bộ, công chức, công nhân, lực lượng vũ trang)"),
    "khac": gettext_lazy("Khác (mức không hưởng lương)"),
}


def _year(request, default: int) -> int:
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or default)
    except ValueError:
        raise Http404 from None
    if not 1931 <= year <= 2200:
        raise Http404
    return year


@login_required
def member_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    """A member's full record for staff; looking at it is written to the audit log."""
    m = selectors.visible_member(request.user, member_id, log_view=True)
    admin = can_administer(request.user, m.branch)
    return render(
        request,
        "members/member.html",
        {
            "m": m,
            "can_admin": admin,
            "sensitive": selectors.sensitive_access(request.user, m),
            "maturity_on": charter.maturity_date(m.birth_date),
            "history": m.history.select_related("branch").order_by("-at", "-id")[:50],
            "ratings": m.ratings.order_by("-year"),
            "nominations": m.nominations.order_by("-year"),
            "consents": m.consents.order_by("-given_at", "-id")[:20],
        },
    )


@login_required
def member_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    """Edit a record; a stale form (someone saved in between) is refused with a conflict message."""
    m = selectors.visible_member(request.user, member_id)
    if not can_administer(request.user, m.branch):
        raise Http404
    conflict = False
    if request.method == "POST":
        form = forms.MemberForm(request.POST)
        if form.is_valid():
            try:
                actions.records.change_member(
                    request.user, m, expected_version=form.cleaned_data["version"], **form.changes()
                )
            except UserError as exc:
                if isinstance(exc, ConflictError):
                    conflict = True
                    m.refresh_from_db()
                else:
                    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Đã lưu hồ sơ đoàn viên."))
                return redirect("members:member", member_id=m.pk)
        status = 409 if conflict else 400
    else:
        selectors.visible_member(request.user, member_id, log_view=True)
        form = forms.MemberForm(initial=forms.initial_for(m))
        status = 200
    return render(request, "members/edit.html", {"m": m, "form": form, "conflict": conflict}, status=status)


@login_required
@require_POST
def member_mature(request: HttpRequest, member_id: int) -> HttpResponse:
    """Record trưởng thành Đoàn (from the maturity list)."""
    m = selectors.visible_member(request.user, member_id)
    try:
        actions.records.set_status(request.user, m, MemberStatus.MATURED)
        messages.success(request, _("Đã ghi nhận %(name)s trưởng thành Đoàn.") % {"name": m.full_name})
    except UserError as exc:
        messages.error(request, exc.message)
    return _back(request, "members:maturity", m)


@login_required
@require_POST
def member_nominate(request: HttpRequest, member_id: int) -> HttpResponse:
    m = selectors.visible_member(request.user, member_id)
    year = _year(request, date.today().year)
    try:
        actions.nominations.nominate(request.user, m, year)
        messages.success(
            request,
            _("Đã giới thiệu %(name)s là đoàn viên ưu tú năm %(year)s.")
            % {"name": m.full_name, "year": year},
        )
    except UserError as exc:
        messages.error(request, exc.message)
    return _back(request, "members:nominations", m, year=year)


def _back(request, view: str, m, **query) -> HttpResponse:
    """Back to the list page the action came from (a unit in scope), else the member's branch."""
    code = request.POST.get("unit") or m.branch.code
    try:
        unit = get_unit(request.user, code)
    except Http404:
        unit = m.branch
    url = reverse(view, args=[unit.code])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return redirect(url)


# ---------------------------------------------------------------- consents


@login_required
def member_consents(request: HttpRequest, member_id: int) -> HttpResponse:
    m = selectors.visible_member(request.user, member_id)
    admin = can_administer(request.user, m.branch)
    form = forms.ConsentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not admin:
            raise Http404
        if form.is_valid():
            try:
                actions.consents.give_consent(
                    request.user, m, form.cleaned_data["purpose"], form.cleaned_data["guardian_name"]
                )
                messages.success(request, _("Đã ghi nhận sự đồng ý."))
                return redirect("members:consents", member_id=m.pk)
            except UserError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        status = 400
    return render(
        request,
        "members/consents.html",
        {
            "m": m,
            "form": form,
            "can_admin": admin,
            "minor": selectors.needs_guardian(m),
            "consents": selectors.consents_of(request.user, m),
        },
        status=status,
    )


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, member_id: int) -> HttpResponse:
    m = selectors.visible_member(request.user, member_id)
    if not can_administer(request.user, m.branch):
        raise Http404
    n = actions.consents.withdraw_consent(request.user, m, request.POST.get("purpose", ""))
    if n:
        messages.success(request, _("Đã ghi nhận việc rút lại sự đồng ý."))
    else:
        messages.error(request, _("Không có sự đồng ý nào đang hiệu lực cho mục đích này."))
    return redirect("members:consents", member_id=m.pk)


# ---------------------------------------------------------------- nominations (đoàn viên ưu tú)


@login_required
def nominations(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit(request.user, code)
    year = _year(request, date.today().year)
    # As on the member list: the candidate search box POSTs its text (htmx), so a CCCD never lands
    # in a URL or an access log; a CCCD typed into the address bar is not searched (issue 12).
    q = request.POST.get("q", "") if request.method == "POST" else request.GET.get("q", "")
    if request.method != "POST" and search.looks_like_cccd(q):
        q = ""
    admin = can_administer(request.user, unit)
    candidates = None
    if admin:
        qs = selectors.nomination_candidates(request.user, unit, year, q).select_related("branch")
        candidates = Paginator(qs.order_by("search_name", "id"), 20).get_page(request.GET.get("cpage"))
    ctx = {
        "unit": unit,
        "year": year,
        "q": q,
        "q_in_url": "" if search.looks_like_cccd(q) else q,
        "can_admin": admin,
        "candidates": candidates,
        "years": range(date.today().year, date.today().year - 6, -1),
    }
    if request.headers.get("HX-Request") == "true" and request.GET.get("part") == "candidates":
        return render(request, "members/_candidates.html", ctx)
    rows = selectors.nominations_in(request.user, unit, year).order_by("branch__path", "member__search_name")
    figures = stats.indicators(unit, year)
    ctx.update(
        page=Paginator(rows, 50).get_page(request.GET.get("page")),
        nominated=figures["nominated"],
        admitted=figures["admitted_to_party"],
    )
    return render(request, "members/nominations.html", ctx)


@login_required
@require_POST
def nomination_outcome(request: HttpRequest, nomination_id: int) -> HttpResponse:
    n = selectors.visible_nomination(request.user, nomination_id)
    form = forms.OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kết quả không hợp lệ."))
    else:
        try:
            actions.nominations.record_nomination_outcome(
                request.user, n, form.cleaned_data["outcome"], form.cleaned_data["on"]
            )
            done = form.cleaned_data["outcome"] == NominationOutcome.ADMITTED
            messages.success(
                request,
                (
                    _("Đã ghi nhận %(name)s được kết nạp Đảng.")
                    if done
                    else _("Đã ghi nhận %(name)s chưa được kết nạp Đảng.")
                )
                % {"name": n.member.full_name},
            )
        except UserError as exc:
            messages.error(request, exc.message)
    return _back(request, "members:nominations", n.member, year=n.year)


# ---------------------------------------------------------------- maturity (trưởng thành Đoàn)


@login_required
def maturity(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit(request.user, code)
    try:
        days = max(0, min(int(request.GET.get("days") or 365), 3650))
    except ValueError:
        days = 365
    qs = selectors.maturity_due(request.user, unit, days).select_related("branch")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    today = selectors.today()
    rows = [(m, charter.maturity_date(m.birth_date)) for m in page]
    return render(
        request,
        "members/maturity.html",
        {
            "unit": unit,
            "days": days,
            "page": page,
            "rows": rows,
            "today": today,
            "can_admin": can_administer(request.user, unit),
        },
    )


# ---------------------------------------------------------------- dues (đoàn phí)


def _due_amounts(arrears, month: str) -> dict[int, int | None]:
    """What each member on the page owes for the month (the rate of their category), for display
    beside their name; None when no rate is in force (recording then says why)."""
    first = selectors.month_start(month)
    rates: dict[str, int | None] = {}
    out: dict[int, int | None] = {}
    for m in arrears:
        cat = selectors.dues_category(m.occupation)
        if cat not in rates:
            try:
                rates[cat] = selectors.dues_rate(cat, first).monthly_amount
            except UserError:
                rates[cat] = None
        out[m.pk] = rates[cat]
    return out


@login_required
def dues(request: HttpRequest, code: str, excuse_form=None, status: int = 200) -> HttpResponse:
    """A unit's đoàn phí for a month: totals, shares up the tree, per branch (paged) for a larger
    unit; for a branch its payments, its arrears (paged, the page's members recorded as paid on
    POST) and excusals. Longer than 60 lines: one page with two forms, each step a call into
    selectors or actions."""
    unit = get_unit(request.user, code)
    month = forms.month_or_default(request.GET.get("month") or request.POST.get("month"), selectors.today())
    try:
        summary = selectors.dues_summary(request.user, unit, month)
    except UserError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("members:dues", args=[unit.code]))
    is_branch = unit.kind in actions.common.BRANCH_KINDS
    admin = can_administer(request.user, unit)
    arrears = Paginator(
        selectors.dues_arrears(request.user, unit, month).order_by("search_name", "id") if is_branch else [],
        DUES_PER_PAGE,
    ).get_page(request.GET.get("page") if is_branch else None)
    posted = request.method == "POST" and excuse_form is None  # a GET shows the form unbound, no errors
    form = forms.DuesForm(request.POST if posted else None, member_ids=[m.pk for m in arrears])
    if request.method == "POST" and excuse_form is None:
        if not (is_branch and admin):
            raise Http404
        if form.is_valid():
            try:
                n = actions.dues.record_dues(
                    request.user, unit, month, form.cleaned_data["member_ids"], form.cleaned_data["paid_on"]
                )
                messages.success(
                    request,
                    _("Đã ghi nhận %(n)s đoàn viên nộp đoàn phí tháng %(month)s.") % {"n": n, "month": month},
                )
                return redirect(reverse("members:dues", args=[unit.code]) + f"?month={month}")
            except UserError as exc:
                form.add_error(None, exc.message)
        status = 400
    paid = []
    amounts = _due_amounts(arrears, month) if is_branch else {}
    if is_branch:
        paid = selectors.dues_payments(unit, month).order_by("member__search_name", "member_id")
    branches = None if is_branch else Paginator(summary["by_branch"], 50).get_page(request.GET.get("page"))
    for row in summary["by_category"]:
        row["label"] = DUES_CATEGORIES.get(row["category"], row["category"])
    return render(
        request,
        "members/dues.html",
        {
            "unit": unit,
            "month": month,
            "summary": summary,
            "rule": summary["rule"],
            "remit_every": selectors.remit_every(summary["rule"], unit),
            "is_branch": is_branch,
            "can_admin": admin,
            "paid": paid,
            "arrears": arrears,
            "amounts": amounts,
            "month_keep": f"month={month}&",
            "form": form,
            "branches": branches,
            "excused": selectors.dues_excused(request.user, unit, month) if is_branch else [],
            "excuse_form": excuse_form
            or forms.DuesExcusalForm(initial={"first_month": month}, members=arrears if is_branch else []),
        },
        status=status,
    )


# ---------------------------------------------------------------- the member's own data


def my_data(request: HttpRequest) -> HttpResponse:
    """The old address of the member's own download: the export is the privacy app's (one place,
    recorded as a data-subject request); kept so bookmarks and the guide's links still work."""
    return HttpResponsePermanentRedirect("/privacy/me/export.json")


@login_required
@require_POST
def dues_excuse(request: HttpRequest, code: str) -> HttpResponse:
    """Miễn đoàn phí for a member of the branch (the grassroots committee decides; the rule caps it)."""
    unit = get_unit(request.user, code)
    if unit.kind not in actions.common.BRANCH_KINDS:
        raise Http404
    members = selectors.members_in(request.user, unit).filter(branch=unit, status=MemberStatus.ACTIVE)
    form = forms.DuesExcusalForm(request.POST, members=members.order_by("search_name", "id"))
    if form.is_valid():
        d = form.cleaned_data
        try:
            actions.dues.excuse_from_dues(
                request.user, members.get(pk=d["member_id"]), d["first_month"], d["months"], d["reason"]
            )
            messages.success(request, _("Đã ghi nhận miễn đoàn phí."))
            return redirect(reverse("members:dues", args=[unit.code]) + f"?month={d['first_month']}")
        except UserError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return dues(request, code, excuse_form=form, status=400)


@login_required
def dues_rules(request: HttpRequest) -> HttpResponse:
    """The đoàn phí rules and amounts with their sources; only the centre may change them."""
    central = selectors.is_central(request.user)
    if request.method == "POST" and not central:
        raise Http404
    current = selectors.dues_rules().first()
    initial = {}
    if current is not None:
        initial = {f: getattr(current, f) for f in actions.dues.RULE_FIELDS}
        rates = selectors.dues_rates(current.valid_from)
        amounts = {r.category: r.monthly_amount for r in rates}
        initial |= {
            "valid_from": current.valid_from,
            "unsalaried_amount": amounts.get("hssv"),
            "salaried_amount": amounts.get(selectors.SALARIED),
        }
    form = forms.DuesRuleForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = dict(form.cleaned_data)
            try:
                actions.dues.save_dues_rule(request.user, **d)
                messages.success(request, _("Đã lưu quy định đoàn phí."))
                return redirect("members:dues_rules")
            except UserError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        status = 400
    return render(
        request,
        "members/dues_rules.html",
        {
            "rules": selectors.dues_rules(),
            "rates": selectors.dues_rates(),
            "labels": DUES_CATEGORIES,
            "central": central,
            "form": form,
        },
        status=status,
    )
