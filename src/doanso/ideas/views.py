"""Pages of the ideas bank: submit, my ideas, the review board, an idea with its forms, the
moderators' queue and the public gallery. Thin: `access` scopes, `services` write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doanso.accounts.scoping import acting_units, get_unit, scope_for
from doanso.core.errors import UserError
from doanso.ideas import access, services, workflow
from doanso.ideas.models import Field, ReportReason, Status, SupportKind

PAGE = 30


def _board_unit(request):
    code = request.GET.get("unit", "")
    if code:
        return get_unit(request.user, code)
    return acting_units(request.user).first()


@login_required
def board(request: HttpRequest) -> HttpResponse:
    """Reviewers: the ideas of their unit's subtree, per status. Everyone: their own ideas."""
    unit = _board_unit(request)
    columns = []
    if unit is not None:
        lo, hi = unit.subtree_range
        qs = access.visible(request.user).filter(unit__path__gte=lo, unit__path__lt=hi)
        for status in Status:
            page = Paginator(qs.filter(status=status.value), 10).get_page(request.GET.get(status.value))
            columns.append({"status": status, "page": page, "next": workflow.allowed(status.value)})
    mine = access.visible(request.user).filter(author=request.user)[:50]
    return render(
        request,
        "ideas/board.html",
        {
            "unit": unit,
            "columns": columns,
            "mine": mine,
            "labels": dict(Status.choices),
            "can_moderate": bool(scope_for(request.user).admin_paths),
        },
    )


def _submit_choices(user) -> list:
    units = list(acting_units(user))
    member = getattr(user, "member", None) if scope_for(user).member_id else None
    if member is not None and member.branch not in units:
        units.insert(0, member.branch)
    return units


@login_required
def new(request: HttpRequest) -> HttpResponse:
    """Submit an idea (phone-first form)."""
    units = _submit_choices(request.user)
    values = request.POST if request.method == "POST" else {"unit": request.GET.get("unit", "")}
    error = None
    if request.method == "POST":
        unit = access.submit_unit(request.user, request.POST.get("unit", ""))
        try:
            idea = services.submit(
                request.user,
                unit,
                title=request.POST.get("title", ""),
                description=request.POST.get("description", ""),
                field=request.POST.get("field", ""),
                team=request.POST.get("team", ""),
            )
        except UserError as exc:
            error = exc
        else:
            messages.success(request, _("Đã gửi ý tưởng “%(t)s”.") % {"t": idea.title})
            return redirect("ideas:detail", idea.pk)
    return render(
        request,
        "ideas/new.html",
        {"units": units, "fields": Field.choices, "values": values, "error": error},
        status=400 if error else 200,
    )


@login_required
def detail(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = access.get_reportable(request.user, idea_id)
    scope = scope_for(request.user)
    reviewer = scope.covers(idea.unit.path)
    return render(
        request,
        "ideas/detail.html",
        {
            "idea": idea,
            "reviewer": reviewer,
            "moderator": scope.administers(idea.unit.path),
            "next": [(s, workflow.label(s)) for s in workflow.allowed(idea.status)] if reviewer else [],
            "can_support": reviewer and idea.status in ("ho_tro", "trien_khai", "hoan_thanh"),
            "transitions": idea.transitions.select_related("by")
            if reviewer or idea.author_id == request.user.pk
            else [],
            "supports": idea.supports.all(),
            "endorsements": idea.endorsements.count(),
            "support_kinds": SupportKind.choices,
            "reasons": ReportReason.choices,
        },
    )


def _act(request, idea_id: int, do) -> HttpResponse:
    try:
        message = do()
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message)
    return redirect("ideas:detail", idea_id)


@login_required
@require_POST
def move(request: HttpRequest, idea_id: int) -> HttpResponse:
    access.get_reviewable(request.user, idea_id)
    to = request.POST.get("to", "")
    version = request.POST.get("version", "")

    def do():
        idea = services.transition(
            request.user,
            idea_id,
            to,
            request.POST.get("note", ""),
            int(version) if version.isdigit() else None,
        )
        return _("Đã chuyển ý tưởng sang “%(s)s”.") % {"s": idea.get_status_display()}

    return _act(request, idea_id, do)


@login_required
@require_POST
def support(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = access.get_reviewable(request.user, idea_id)

    def do():
        services.add_support(
            request.user,
            idea,
            kind=request.POST.get("kind", ""),
            provider=request.POST.get("provider", ""),
            amount=request.POST.get("amount", "") or 0,
            note=request.POST.get("note", ""),
        )
        return _("Đã ghi nhận hỗ trợ.")

    return _act(request, idea_id, do)


@login_required
@require_POST
def endorse(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = access.get_reportable(request.user, idea_id)
    return _act(request, idea_id, lambda: services.endorse(request.user, idea) and _("Cảm ơn bạn đã ủng hộ."))


@login_required
@require_POST
def report(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = access.get_reportable(request.user, idea_id)

    def do():
        services.report(
            request.user, idea, reason=request.POST.get("reason", ""), details=request.POST.get("details", "")
        )
        return _("Đã gửi báo cáo vi phạm; người kiểm duyệt sẽ xem xét.")

    return _act(request, idea_id, do)


@login_required
@require_POST
def moderate(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = access.get_moderatable(request.user, idea_id)

    def do():
        services.moderate(request.user, idea, request.POST.get("decision", ""), request.POST.get("note", ""))
        return _("Đã ghi quyết định kiểm duyệt.")

    return _act(request, idea_id, do)


@login_required
def moderation(request: HttpRequest) -> HttpResponse:
    """The moderators' queue: administrators of a unit only (a member gets 404, not an empty table)."""
    if not scope_for(request.user).admin_paths:
        raise Http404
    page = Paginator(access.moderation_queue(request.user), PAGE).get_page(request.GET.get("page"))
    return render(request, "ideas/moderation.html", {"page": page})


def gallery(request: HttpRequest) -> HttpResponse:
    """Public (no login): ideas being or having been carried out, without personal data."""
    qs = access.public()
    field = request.GET.get("field", "")
    if field in Field.values:
        qs = qs.filter(field=field)
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    return render(request, "ideas/gallery.html", {"page": page, "fields": Field.choices, "field": field})
