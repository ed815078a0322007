"""The review screen: upload a plan document, check what was read against the source, accept it.

Thin views: scope checks and writes live in upload.py, review.py and accept.py; every draft is fetched through
`selectors.get_draft(user, id)` (404 outside the user's scope).
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from doanso.accounts.scoping import acting_units, get_unit
from doanso.core import vn
from doanso.core.errors import UserError
from doanso.planimport import accept as accepting
from doanso.planimport import results, review, selectors, suggest
from doanso.planimport.draft import SECTIONS
from doanso.planimport.forms import FORMS, MetaForm, UploadForm, item_initial
from doanso.planimport.models import DraftStatus, PlanDraft

SECTION_TITLES = {
    "targets": gettext_lazy("Chỉ tiêu"),
    "deadlines": gettext_lazy("Mốc thời gian"),
    "recurring": gettext_lazy("Nhiệm vụ định kỳ"),
}

PAGE_SIZE = 50  # rows per page of a list (page links below it)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# ---- helpers for rendering -------------------------------------------------------------


def _fmt_number(value) -> str:
    """85000 → "85.000", 1.5 → "1,5" (Vietnamese grouping)."""
    return vn.format_number(value)


def _fmt_date(iso: str | None) -> str:
    return vn.format_date(date.fromisoformat(iso)) if iso else ""


def _render_line(text: str, items: list[dict]) -> str:
    """One source line, escaped, with each item's words wrapped in <mark> (the whole line when not found)."""
    spans = []
    unmatched = []
    for it in items:
        q = it.get("quote") or ""
        pos = text.find(q) if q else -1
        if pos < 0:
            unmatched.append(it)
            continue
        spans.append((pos, pos + len(q), it))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out, cursor = [], 0
    for start, end, it in spans:
        if start < cursor:
            unmatched.append(it)
            continue
        out.append(escape(text[cursor:start]))
        out.append(
            f'<mark class="k-{it["_section"]}" data-item="{escape(it["id"])}" '
            f'title="{escape(SECTION_TITLES[it["_section"]])}">{escape(text[start:end])}</mark>'
        )
        cursor = end
    out.append(escape(text[cursor:]))
    html = "".join(out)
    if unmatched:
        ids = " ".join(escape(it["id"]) for it in unmatched)
        kinds = {it["_section"] for it in unmatched}
        cls = " ".join(f"k-{k}" for k in sorted(kinds))
        html = f'<mark class="whole {cls}" data-item="{ids}">{html or "&nbsp;"}</mark>'
    return mark_safe(html)  # noqa: S308 - every piece above is escaped


def _items_by_line(reviewed: dict) -> dict[int, list[dict]]:
    by_line: dict[int, list[dict]] = {}
    for section in SECTIONS:
        for it in reviewed.get(section, []):
            if it.get("line"):
                by_line.setdefault(int(it["line"]), []).append({**it, "_section": section})
    return by_line


def _lines(draft: PlanDraft, only: set[int] | None = None) -> list[dict]:
    by_line = _items_by_line(draft.reviewed)
    out = []
    for n, text in enumerate(draft.source_text.split("\n"), start=1):
        if only is not None and n not in only:
            continue
        items = by_line.get(n, [])
        out.append(
            {
                "n": n,
                "html": _render_line(text, items) if items else text,
                "hit": bool(items),
                "items": " ".join(it["id"] for it in items),
            }
        )
    return out


def _indicator_choices() -> list[suggest.Candidate]:
    return suggest.catalogue()


def _decorate(section: str, item: dict, candidates, names: dict[str, str]) -> dict:
    """What an item's template needs: display values, suggestions, the mapped indicator's name."""
    keys = ("rule", "unit", "period", "per", "relation", "time", "end", "line", "due_text")
    view = dict.fromkeys(keys)
    view.update(item, section=section)
    if section == "targets":
        view["value_display"] = _fmt_number(item.get("value")) + ("%" if item.get("percent") else "")
        vmax = item.get("value_max")
        view["value_max_display"] = (_fmt_number(vmax) + ("%" if item.get("percent") else "")) if vmax else ""
        query = item
        pool = candidates
    else:
        view["date_display"] = _fmt_date(item.get("date"))
        view["end_display"] = _fmt_date(item.get("end")) if item.get("end") != item.get("date") else ""
        query = {"subject": item.get("what"), "text": item.get("text"), "percent": False}
        pool = [c for c in candidates if not c.computed]  # obligations report manual indicators only
    # a deadline rarely names an indicator: only confident suggestions there
    cutoff = 40 if section == "targets" else 70
    chosen = item.get("indicator") and not item.get("suggested")  # a preselected one can still be changed
    view["suggestions"] = [] if chosen else suggest.suggest(query, pool, cutoff=cutoff)
    view["indicator_name"] = names.get(item.get("indicator") or "", "")
    view["confidence"] = item.get("confidence")
    view["confident"] = review.is_confident(item)
    view["confidence_pct"] = (
        round(float(item["confidence"]) * 100) if item.get("confidence") is not None else None
    )
    view["options"] = pool
    if section == "recurring" and item.get("due_rule"):
        try:
            from doanso.core.calendar import rules as recurrence

            view["due_text"] = recurrence.parse(item["due_rule"]).describe()
        except UserError:
            view["due_text"] = item["due_rule"]
    return view


def _result_view(index: int, item: dict, candidates) -> dict:
    """A result on the review screen: its id for the accept form and a suggested indicator (the
    box that writes it into a report is never ticked by default)."""
    pool = [c for c in candidates if not c.computed]  # reports carry manual indicators only
    query = {"subject": item.get("text"), "text": item.get("text"), "percent": item.get("percent", False)}
    best = suggest.suggest(query, pool, limit=1, cutoff=40)
    return {
        **item,
        "id": results.result_id(index),
        "value_display": _fmt_number(item.get("value")) + ("%" if item.get("percent") else ""),
        "suggested": best[0].code if best else "",
        "options": pool,
    }


def _report_picks(post) -> dict[str, str]:
    """The ticked results of the accept form: result id → chosen indicator code."""
    return {rid: post.get(f"result_indicator_{rid}", "") for rid in post.getlist("report_result")}


def _plan_url(plan, unit=None) -> str | None:
    """The plan's dashboard for the unit (or the plan's page) when those apps offer one."""
    candidates = [("dashboard:page", [plan.pk, unit.code])] if unit is not None else []
    candidates += [("plans:detail", [plan.pk])]
    for name, args in candidates:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return None


def _dashboard(draft: PlanDraft):
    if draft.plan is None:
        return None
    from doanso.dashboard import api as dashboard  # an import error surfaces, not a missing board

    try:
        return dashboard.dashboard(draft.plan, draft.unit, with_children=False)
    except Exception:  # noqa: BLE001 - the dashboard is a courtesy view here; the plan exists anyway
        return None


def _context(request, draft: PlanDraft, meta_form=None) -> dict:
    candidates = _indicator_choices()
    names = {c.code: c.name for c in candidates}
    r = draft.reviewed
    sections = [
        {
            "key": s,
            "title": SECTION_TITLES[s],
            # the least certain first: the secretary reads those, the rest are accepted in one action
            "items": sorted(
                (_decorate(s, it, candidates, names) for it in r.get(s, [])),
                key=lambda v: (v["confident"], float(v.get("confidence") or 1.0)),
            ),
        }
        for s in SECTIONS
    ]
    return {
        "draft": draft,
        "r": r,
        "lines": _lines(draft),
        "sections": sections,
        "meta_form": meta_form or MetaForm(initial=MetaForm.initial_from(r)),
        "problems": accepting.check_ready(draft) if draft.status != DraftStatus.ACCEPTED else [],
        "editable": draft.status != DraftStatus.ACCEPTED,
        "plan_url": _plan_url(draft.plan, draft.unit) if draft.plan else None,
        "board": _dashboard(draft),
        "events": r.get("events", []),
        "results": [_result_view(i, x, candidates) for i, x in enumerate(r.get("results", []))],
        "periods": r.get("periods", []),
        "to_confirm": sum(
            1
            for s in SECTIONS
            for it in r.get(s, [])
            if not it.get("confirmed") and review.is_confident(it) and (s != "targets" or it.get("indicator"))
        ),
        "uncertain": sum(1 for s in SECTIONS for it in r.get(s, []) if not review.is_confident(it)),
        "no_targets": not r.get("targets"),
    }


def _item_response(
    request,
    draft: PlanDraft,
    section: str,
    item: dict | None,
    lines: set[int],
    item_id: str,
    append: bool = False,
) -> HttpResponse:
    """The item's new HTML plus out-of-band updates of the source lines it touches."""
    html = ""
    if item is not None:
        candidates = _indicator_choices()
        names = {c.code: c.name for c in candidates}
        html = render_to_string(
            "planimport/_item.html",
            {"it": _decorate(section, item, candidates, names), "draft": draft, "editable": True},
            request=request,
        )
    oob = render_to_string(
        "planimport/_lines_oob.html",
        {
            "lines": _lines(draft, {n for n in lines if n}),
            "draft": draft,
            "problems": accepting.check_ready(draft),
        },
        request=request,
    )
    if append:  # the blank "add" form goes away once its item is in the list
        oob += f'<ul class="items" id="new-{section}" hx-swap-oob="true"></ul>'
    resp = HttpResponse(html + oob)
    if append:
        resp["HX-Retarget"] = f"#list-{section}"
        resp["HX-Reswap"] = "beforeend"
    return resp


# ---- pages -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    """Upload form and the drafts of the user's units."""
    units = list(acting_units(request.user))
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, units=units)
        code = request.POST.get("unit", "")
        if not units:
            raise Http404
        unit = get_unit(request.user, code) if code else None
        if unit is None:
            form.add_error("unit", _("Chưa chọn đơn vị."))
        else:
            try:
                draft = review.create_draft(request.user, unit, request.FILES.get("file"))
            except UserError as exc:
                form.add_error("file", exc.message)
            else:
                messages.success(
                    request, _("Đã đọc văn bản. Hãy rà soát từng mục trước khi nhận vào kế hoạch.")
                )
                return redirect("planimport:draft", draft.pk)
        status = 400
    else:
        form = UploadForm(units=units)
        status = 200
    page = Paginator(selectors.drafts_for(request.user).select_related("plan"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    ctx = {"form": form, "drafts": page.object_list, "page": page, "units": units}
    return render(request, "planimport/index.html", ctx, status=status)


@login_required
def draft_view(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = selectors.get_draft(request.user, draft_id)
    return render(request, "planimport/draft.html", _context(request, draft))


@login_required
@require_POST
def meta(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = selectors.get_draft(request.user, draft_id)
    form = MetaForm(request.POST)
    try:
        review.update_meta(request.user, draft, request.POST)
    except UserError as exc:
        form.is_valid()
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        if _is_htmx(request):
            return render(
                request, "planimport/_meta.html", {"draft": draft, "meta_form": form, "editable": True}
            )
        messages.error(request, exc.message)
        return redirect("planimport:draft", draft.pk)
    draft.refresh_from_db()
    if _is_htmx(request):
        return render(
            request,
            "planimport/_meta.html",
            {
                "draft": draft,
                "meta_form": MetaForm(initial=MetaForm.initial_from(draft.reviewed)),
                "editable": True,
                "saved": True,
            },
        )
    messages.success(request, _("Đã lưu thông tin văn bản."))
    return redirect("planimport:draft", draft.pk)


def _section(request) -> str:
    section = request.POST.get("section") or request.GET.get("section") or ""
    if section not in SECTIONS:
        raise Http404
    return section


@login_required
@require_http_methods(["GET", "POST"])
def item(request: HttpRequest, draft_id: int) -> HttpResponse:
    """GET: an item's edit form (?section=&id=), its read-only view (&mode=view) or a blank form to add one.
    POST: save the edited or new item."""
    draft = selectors.get_draft(request.user, draft_id)
    section = _section(request)
    item_id = (request.POST.get("id") if request.method == "POST" else request.GET.get("id")) or ""
    old = review.find_item(draft, section, item_id) if item_id else None
    if request.method == "GET":
        if old is not None and request.GET.get("mode") == "view":
            return _item_response(request, draft, section, old, set(), item_id)
        form = FORMS[section](initial=item_initial(section, old) if old else {})
        return render(
            request,
            "planimport/_item_form.html",
            {
                "form": form,
                "draft": draft,
                "section": section,
                "item_id": item_id,
                "title": SECTION_TITLES[section],
            },
        )
    try:
        saved = review.save_item(request.user, draft, section, item_id or None, request.POST)
    except UserError as exc:
        form = FORMS[section](request.POST)
        form.is_valid()
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        # htmx swaps only 2xx answers: the form comes back with its errors as a 200 there.
        return render(
            request,
            "planimport/_item_form.html",
            {
                "form": form,
                "draft": draft,
                "section": section,
                "item_id": item_id,
                "title": SECTION_TITLES[section],
            },
            status=200 if _is_htmx(request) else 422,
        )
    draft.refresh_from_db()
    if not _is_htmx(request):
        return redirect(reverse("planimport:draft", args=[draft.pk]) + f"#item-{saved['id']}")
    lines = {saved.get("line"), old.get("line") if old else None}
    return _item_response(request, draft, section, saved, lines, saved["id"], append=not item_id)


@login_required
@require_POST
def item_delete(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = selectors.get_draft(request.user, draft_id)
    section = _section(request)
    try:
        gone = review.delete_item(request.user, draft, section, request.POST.get("id", ""))
    except UserError as exc:
        messages.error(request, exc.message)
        return redirect("planimport:draft", draft.pk)
    draft.refresh_from_db()
    if not _is_htmx(request):
        return redirect("planimport:draft", draft.pk)
    return _item_response(request, draft, section, None, {gone.get("line")}, gone["id"])


@login_required
@require_POST
def item_map(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = selectors.get_draft(request.user, draft_id)
    section = _section(request)
    try:
        it = review.map_indicator(
            request.user, draft, section, request.POST.get("id", ""), request.POST.get("indicator", "")
        )
    except UserError as exc:
        if _is_htmx(request):
            resp = HttpResponse(f'<p class="msg error" role="alert">{escape(exc.message)}</p>')
            resp["HX-Retarget"] = f"#err-{escape(request.POST.get('id', ''))}"
            resp["HX-Reswap"] = "innerHTML"
            return resp
        messages.error(request, exc.message)
        return redirect("planimport:draft", draft.pk)
    draft.refresh_from_db()
    if not _is_htmx(request):
        return redirect(reverse("planimport:draft", args=[draft.pk]) + f"#item-{it['id']}")
    return _item_response(request, draft, section, it, set(), it["id"])


@login_required
@require_POST
def accept(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = selectors.get_draft(request.user, draft_id)
    try:
        plan = accepting.accept(
            request.user,
            draft,
            without_targets=request.POST.get("without_targets") == "1",
            report_results=_report_picks(request.POST),
        )
    except UserError as exc:
        messages.error(request, exc.message)
        return redirect("planimport:draft", draft.pk)
    if plan is None:
        messages.info(request, _("Đã lưu bản rà soát; phân hệ Kế hoạch chưa sẵn sàng để nhận."))
        return redirect("planimport:draft", draft.pk)
    messages.success(
        request,
        _("Đã tạo kế hoạch %(symbol)s với %(n)d chỉ tiêu.")
        % {"symbol": plan.symbol.strip(), "n": plan.targets.count()},
    )
    return redirect(_plan_url(plan, draft.unit) or reverse("planimport:draft", args=[draft.pk]))


@login_required
@require_POST
def confirm(request: HttpRequest, draft_id: int) -> HttpResponse:
    """Accept every high-confidence item in one action."""
    draft = selectors.get_draft(request.user, draft_id)
    try:
        n = review.confirm_confident(request.user, draft)
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã xác nhận %(n)d mục có độ tin cậy cao.") % {"n": n})
    return redirect("planimport:draft", draft.pk)


@login_required
@require_POST
def discard(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = selectors.get_draft(request.user, draft_id)
    try:
        review.discard(request.user, draft)
    except UserError as exc:
        messages.error(request, exc.message)
        return redirect("planimport:draft", draft.pk)
    messages.success(request, _("Đã xoá bản nháp."))
    return redirect("planimport:index")
