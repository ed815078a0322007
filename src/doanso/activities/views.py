"""Pages of the activities app: the list of the user's units' activities, the create/edit form, the
detail page (members register; organisers see registrations, show the QR, check people in, upload
an attendance file), the outputs page and "Hoạt động của tôi". Thin: services write, selectors read.
"""

from decimal import Decimal
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doanso.accounts.scoping import acting_units, get_unit, scope_for, units_for
from doanso.activities import attendance, catalogue, editing, forms, outputs, qr, records, selectors, services
from doanso.activities.models import Activity, Participation, Registration
from doanso.core.errors import Refused, UserError
from doanso.core.text import fold
from doanso.members.api import Member
from doanso.places.api import points
from doanso.plans.models import Indicator

PAGE_SIZE = 30
MAX_UNITS_IN_FORM = 500


def _member(user) -> Member | None:
    return user.member if getattr(user, "member_id", None) else None


def _htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _staff(request) -> None:
    if not scope_for(request.user).paths:
        raise Http404


# ---- the list ---------------------------------------------------------------------------------


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    g = request.GET
    f = forms.FilterForm(
        {
            "unit": g.get("unit", ""),
            "type": g.get("type", ""),
            "campaign": g.get("campaign", ""),
            "indicator": g.get("indicator", ""),
            "date_from": g.get("from", ""),
            "date_to": g.get("to", ""),
        }
    )
    f.is_valid()
    c = f.cleaned_data
    qs = selectors.visible(request.user).select_related("unit", "type", "campaign")
    unit = get_unit(request.user, c["unit"]) if c.get("unit") else None
    if unit is not None:
        lo, hi = unit.subtree_range
        qs = qs.filter(unit__path__gte=lo, unit__path__lt=hi)
    if c.get("type"):
        qs = qs.filter(type__code=c["type"])
    if c.get("campaign"):
        qs = qs.filter(campaign_id=c["campaign"])
    if c.get("indicator"):
        qs = records.for_indicator(qs, c["indicator"])
    if c.get("date_from"):
        qs = qs.filter(start__date__gte=c["date_from"])
    if c.get("date_to"):
        qs = qs.filter(start__date__lte=c["date_to"])
    page = Paginator(qs.order_by("-start", "-pk"), PAGE_SIZE).get_page(g.get("page"))
    staff = bool(scope_for(request.user).paths)
    ctx = {
        "page": page,
        "items": page.object_list,
        "filter": f,
        "unit": unit,
        "values": {
            "unit": unit.code if unit else "",
            "type": c.get("type") or "",
            "campaign": c.get("campaign") or "",
            "indicator": c.get("indicator") or "",
            "from": g.get("from", "") if c.get("date_from") else "",
            "to": g.get("to", "") if c.get("date_to") else "",
        },
        "units": list(units_for(request.user).filter(active=True).order_by("path")[:MAX_UNITS_IN_FORM])
        if staff
        else [],
        "types": selectors.types_for(request.user),
        "campaigns": catalogue.campaigns_for(request.user)[:200] if staff else [],
        "indicator": Indicator.objects.filter(code=c.get("indicator") or "").first(),
        "staff": staff,
        "query": g.urlencode() if g else "",
    }
    return render(request, "activities/list.html", ctx)


# ---- create / edit ----------------------------------------------------------------------------


def _form_kwargs(request) -> dict:
    # the levels first (province, districts, communes before branches): a big scope's list is cut
    # at MAX_UNITS_IN_FORM, and a unit beyond it is offered when named (`_offer`)
    units = units_for(request.user).filter(active=True).order_by("depth", "path")[:MAX_UNITS_IN_FORM]
    return {
        "units": list(units),
        "types": list(selectors.types_for(request.user)),
        "campaigns": list(catalogue.campaigns_for(request.user)[:200]),
        "places": points(request.user, layers=["places"]),
        "pickable": units_for(request.user).filter(active=True),
    }


def _write_args(form) -> services.ActivityFields:
    d = form.cleaned_data
    place = form.places[int(d["place"])] if d.get("place") else None
    return services.ActivityFields(
        title=d["title"],
        type_code=d["type"],
        start=d["start"],
        end=d["end"],
        indicators=d["indicators"],
        audience=d["audience"],
        co_organisers=d["co_organisers"],
        campaign_id=int(d["campaign"]) if d.get("campaign") else None,
        place_name=d["place_name"] or (place.title if place else ""),
        lat=Decimal(str(round(place.lat, 6))) if place else None,
        lon=Decimal(str(round(place.lon, 6))) if place else None,
        capacity=d["capacity"],
        hours=d["hours"],
        open_to_public=d["open_to_public"],
        description=d["description"],
    )


def _form_error(form, exc: UserError) -> None:
    field = {"type_code": "type", "campaign_id": "campaign", "lat": "place"}.get(exc.field, exc.field)
    form.add_error(field if field in form.fields else None, exc.message)


def _offer(units: list, wanted) -> None:
    """Add the wanted units (already scoped) to the form's list when the cut left them out."""
    for u in wanted:
        if all(u.pk != listed.pk for listed in units):
            units.append(u)


@login_required
def activity_new(request: HttpRequest) -> HttpResponse:
    _staff(request)
    kwargs = _form_kwargs(request)
    named = request.POST.get("unit") or request.GET.get("unit")
    if named:  # a unit outside the scope: 404, not a form error; one beyond the list: offered
        chosen = get_unit(request.user, named)
        _offer(kwargs["units"], [chosen])
    else:
        chosen = acting_units(request.user).first()
    form = forms.ActivityForm(request.POST or None, initial={"unit": chosen.code if chosen else ""}, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            unit = get_unit(request.user, form.cleaned_data["unit"])
            a = services.create_activity(request.user, unit=unit, fields=_write_args(form))
        except UserError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã tạo hoạt động “%(t)s”.") % {"t": a.title})
            return redirect("activities:detail", a.pk)
    return render(request, "activities/edit.html", {"form": form, "activity": None})


@login_required
def activity_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    a = selectors.get_managed(request.user, activity_id)
    initial = {
        "unit": a.unit.code,
        "title": a.title,
        "type": a.type.code,
        "campaign": str(a.campaign_id or ""),
        "start": forms.format_dt(a.start),
        "end": forms.format_dt(a.end),
        "place_name": a.place_name,
        "capacity": a.capacity,
        "hours": str(a.hours).replace(".", ","),
        "audience": list(a.audience.values_list("code", flat=True)),
        "open_to_public": a.open_to_public,
        "indicators": list(a.indicators.values_list("code", flat=True)),
        "co_organisers": list(a.organisers.values_list("unit__code", flat=True)),
        "description": a.description,
    }
    kwargs = _form_kwargs(request)
    # the form lists the first units of the user's scope: the activity's own unit and audience may lie
    # beyond them (an activity of a branch edited by the province), and must stay choosable
    _offer(kwargs["units"], [a.unit, *a.audience.order_by("path")])
    # co-organisers outside the user's scope (named through the API before it was scoped) stay
    kept = [o.unit for o in a.organisers.select_related("unit")]
    form = forms.ActivityForm(request.POST or None, initial=initial, keep=kept, **kwargs)
    form.fields["unit"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            editing.update_activity(request.user, a, _write_args(form))
        except UserError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu hoạt động."))
            return redirect("activities:detail", a.pk)
    return render(request, "activities/edit.html", {"form": form, "activity": a})


# ---- detail: members register, organisers run it ----------------------------------------------


def _detail_ctx(request, a: Activity) -> dict:
    member = _member(request.user)
    manage = selectors.can_manage(request.user, a)
    ctx = {
        "a": a,
        "manage": manage,
        "member": member,
        "registered": bool(member) and a.registrations.filter(member=member).exists(),
        "checked_in": bool(member) and a.participations.filter(member=member).exists(),
        "eligible": bool(member) and selectors.member_eligible(a, member.branch.path),
        "organisers": a.organisers.select_related("unit"),
        "indicators": a.indicators.all(),
        "registrations_count": a.registrations.count(),
    }
    if manage:
        ctx.update(
            registrations=a.registrations.select_related("member").order_by("created_at")[:200],
            participations=a.participations.select_related("member").order_by("-at")[:50],
            search=forms.SearchForm(),
            qr_seconds=settings.DOANSO_ACTIVITY_QR_SECONDS,
        )
    return ctx


@login_required
def activity_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    a = selectors.get_visible(request.user, activity_id)
    return render(request, "activities/detail.html", _detail_ctx(request, a))


def _member_action(request: HttpRequest, activity_id: int, action, done: str) -> HttpResponse:
    """Register or cancel: the same member check, message and way back to the activity."""
    a = selectors.get_visible(request.user, activity_id)
    member = _member(request.user)
    try:
        if member is None:
            raise Refused(_("Tài khoản này không gắn với hồ sơ đoàn viên nào."), field="member")
        action(request.user, a, member)
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("activities:detail", a.pk)


@login_required
@require_POST
def register(request: HttpRequest, activity_id: int) -> HttpResponse:
    return _member_action(request, activity_id, services.register, _("Đã đăng ký tham gia."))


@login_required
@require_POST
def cancel(request: HttpRequest, activity_id: int) -> HttpResponse:
    return _member_action(request, activity_id, editing.cancel_registration, _("Đã huỷ đăng ký."))


@login_required
def qr_panel(request: HttpRequest, activity_id: int) -> HttpResponse:
    """The on-screen QR (htmx replaces it well before it expires)."""
    a = selectors.get_managed(request.user, activity_id)
    token = services.qr_token(a)
    url = request.build_absolute_uri(reverse("activities:checkin", args=[a.pk])) + "?t=" + quote(token)
    seconds = settings.DOANSO_ACTIVITY_QR_SECONDS
    ctx = {"a": a, "url": url, "svg": qr.svg(url), "refresh": max(5, seconds * 2 // 3), "seconds": seconds}
    return render(request, "activities/_qr.html", ctx)


@login_required
def checkin(request: HttpRequest, activity_id: int) -> HttpResponse:
    """What the activity's QR opens on a member's phone: one tap records their lượt."""
    a = selectors.get_visible(request.user, activity_id)
    token = request.POST.get("t") or request.GET.get("t") or ""
    result, error = None, None
    if request.method == "POST":
        try:
            result, created = services.check_in(
                request.user, a.pk, token=token, nonce=request.POST.get("nonce") or None
            )
        except UserError as exc:
            error = exc.message
    return render(
        request,
        "activities/checkin.html",
        {"a": a, "token": token, "result": result, "error": error},
        status=200 if error is None else 400,
    )


@login_required
@require_POST
def staff_checkin(request: HttpRequest, activity_id: int) -> HttpResponse:
    """Staff check a person in: a scanned e-card, a member picked from the search, or a walk-in."""
    a = selectors.get_managed(request.user, activity_id)
    p = request.POST
    member_id = p.get("member", "")
    try:
        if not (p.get("card") or member_id or p.get("guest_name") or p.get("guest_phone")):
            raise UserError(_("Hãy quét thẻ, chọn đoàn viên hoặc nhập họ tên và số điện thoại khách."))
        part, created = services.check_in(
            request.user,
            a.pk,
            member_id=int(member_id) if member_id.isdigit() else None,
            card=(p.get("card") or "").strip() or None,
            guest_name=p.get("guest_name", ""),
            guest_phone=p.get("guest_phone", ""),
            nonce=p.get("nonce") or None,
        )
    except UserError as exc:
        ok, text = False, exc.message
    else:
        ok = True
        who = part.member.full_name if part.member_id else part.guest_name
        text = _("Đã điểm danh: %(who)s.") % {"who": who}
    a.refresh_from_db(fields=["participations_count"])
    if _htmx(request):
        return render(request, "activities/_checkin_result.html", {"ok": ok, "text": text, "a": a})
    (messages.success if ok else messages.error)(request, text)
    return redirect("activities:detail", a.pk)


@login_required
def member_search(request: HttpRequest, activity_id: int) -> HttpResponse:
    """Members in the user's scope whose name matches, to check in with one tap."""
    a = selectors.get_managed(request.user, activity_id)
    q = fold((request.GET.get("q") or "").strip())
    found = []
    if len(q) >= 2:
        found = list(
            Member.objects.filter(scope_for(request.user).q("branch__path"), search_name__contains=q)
            .select_related("branch")
            .order_by("full_name", "pk")[:20]
        )
    done = set(a.participations.filter(member__in=found).values_list("member_id", flat=True))
    return render(request, "activities/_search.html", {"a": a, "found": found, "done": done, "q": q})


@login_required
@require_POST
def attendance_upload(request: HttpRequest, activity_id: int) -> HttpResponse:
    a = selectors.get_managed(request.user, activity_id)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise UserError(_("Chưa chọn tệp điểm danh."), field="file")
        added, skipped = attendance.load(request.user, a, upload)
    except UserError as exc:
        ctx = _detail_ctx(request, a)
        ctx["attendance_error"] = exc.message
        return render(request, "activities/detail.html", ctx, status=400)
    messages.success(
        request, _("Đã thêm %(a)s lượt từ tệp; bỏ qua %(s)s người đã điểm danh.") % {"a": added, "s": skipped}
    )
    return redirect("activities:detail", a.pk)


# ---- outputs ----------------------------------------------------------------------------------


def _output_indicators(a: Activity) -> list[Indicator]:
    codes = set(a.indicators.values_list("code", flat=True)) | set(outputs.OUTPUT_INDICATORS)
    return [i for i in Indicator.objects.filter(code__in=codes).order_by("code") if not i.is_ratio]


@login_required
def outputs_page(request: HttpRequest, activity_id: int) -> HttpResponse:
    a = selectors.get_visible(request.user, activity_id)
    manage = selectors.can_manage(request.user, a)
    if not manage and not scope_for(request.user).covers(a.unit.path):
        raise Http404
    form = forms.OutputForm(request.POST or None, indicators=_output_indicators(a)) if manage else None
    status = 200
    if request.method == "POST":
        if not manage:
            raise Http404
        if form.is_valid():
            try:
                value = services_value(form.cleaned_data["value"])
                outputs.record_output(
                    request.user,
                    a,
                    indicator=form.cleaned_data["indicator"],
                    value=value,
                    note=form.cleaned_data["note"],
                    photos=request.FILES.getlist("photos"),
                )
            except UserError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Đã ghi nhận kết quả; chờ cấp trên xác nhận."))
                return redirect("activities:outputs", a.pk)
        status = 400
    rows = [
        {"o": o, "can_decide": outputs.can_decide(request.user, o), "photos": list(o.photos.all())}
        for o in a.outputs.select_related("indicator", "activity__unit").order_by("id")
    ]
    return render(
        request,
        "activities/outputs.html",
        {"a": a, "rows": rows, "form": form, "manage": manage},
        status=status,
    )


def services_value(raw: str):
    from doanso.core import vn

    return vn.number_for(raw, label=_("Giá trị"), field="value")


@login_required
def output_photo(request: HttpRequest, output_id: int, output_photo_id: int) -> HttpResponse:
    from django.http import FileResponse

    o = outputs.visible_output(request.user, output_id)
    ph = o.photos.filter(pk=output_photo_id).first()
    if ph is None:
        raise Http404
    return FileResponse(ph.file.open("rb"))


@login_required
@require_POST
def output_decide(request: HttpRequest, output_id: int) -> HttpResponse:
    o = outputs.visible_output(request.user, output_id)
    try:
        if request.POST.get("action") == "return":
            outputs.give_back(request.user, o, request.POST.get("reason", ""))
            messages.success(request, _("Đã trả lại kết quả."))
        else:
            outputs.verify(request.user, o)
            messages.success(request, _("Đã xác nhận kết quả."))
    except UserError as exc:
        messages.error(request, exc.message)
    return redirect("activities:outputs", o.activity_id)


# ---- Hoạt động của tôi ------------------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    member = _member(request.user)
    if member is None:
        raise Http404
    parts = {p.activity_id: p for p in Participation.objects.filter(member=member)}
    regs = set(Registration.objects.filter(member=member).values_list("activity_id", flat=True))
    rows = Activity.objects.filter(pk__in=set(parts) | regs).select_related("unit", "type").order_by("-start")
    items = [{"a": a, "registered": a.pk in regs, "part": parts.get(a.pk)} for a in rows[:500]]
    upcoming = (
        selectors.open_to(request.user)
        .filter(status="planned", end__gte=timezone.now())
        .exclude(pk__in=set(parts) | regs)
        .select_related("unit", "type")
        .order_by("start")[:20]
    )
    ctx = {
        "items": items,
        "upcoming": upcoming,
        "participations": len(parts),
        "hours": sum((p.hours for p in parts.values()), Decimal(0)),
    }
    return render(request, "activities/mine.html", ctx)
