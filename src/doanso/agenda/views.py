"""Pages of the agenda app: the calendars a person may subscribe to, and the feeds themselves.

The feed URL carries the only credential (a token); it answers 404 for an unknown, forged or
revoked token, for an inactive account, and for a unit the subscriber no longer acts for."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from doanso.accounts.scoping import acting_units, get_unit, scope_for
from doanso.agenda import ics, services, sources
from doanso.agenda.models import FeedKind
from doanso.members.api import Member

PAST = dt.timedelta(days=90)
AHEAD = dt.timedelta(days=400)


def _qr_svg(text: str) -> str:
    import segno

    return segno.make(text, error="m").svg_inline(scale=4)


def _urls(request, token: str) -> dict:
    https = request.build_absolute_uri(reverse("agenda:feed", args=[token]))
    webcal = "webcal://" + https.split("://", 1)[1]
    return {"https": https, "webcal": webcal, "qr_svg": _qr_svg(webcal)}


def _handle(request, kind: str, unit=None) -> dict:
    """POST action=rotate|revoke on the user's own calendar; the new URL is shown once."""
    ctx: dict = {}
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke(request.user, kind, unit)
            ctx["revoked"] = True
        else:
            _, token = services.rotate(request.user, kind, unit)
            ctx["issued"] = _urls(request, token)
    ctx["feed"] = services.live(request.user, kind, unit)
    return ctx


def _branch_of(user):
    mid = getattr(user, "member_id", None)
    if not mid:
        return None
    return Member.objects.filter(pk=mid).values_list("branch", flat=True).first()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Lịch của tôi / Lịch đơn vị: which calendars the user may subscribe to."""
    has_member = bool(getattr(request.user, "member_id", None))
    units = list(acting_units(request.user)[:50])
    feeds = {f.unit_id: f for f in request.user.feeds.filter(revoked_at__isnull=True, kind=FeedKind.UNIT)}
    return render(
        request,
        "agenda/index.html",
        {
            "has_member": has_member,
            "member_feed": services.live(request.user, FeedKind.MEMBER) if has_member else None,
            "units": [(u, feeds.get(u.pk)) for u in units],
        },
    )


@login_required
@never_cache
def my_calendar(request: HttpRequest) -> HttpResponse:
    if not getattr(request.user, "member_id", None):
        raise Http404
    ctx = _handle(request, FeedKind.MEMBER)
    ctx["title"] = _("Lịch của tôi")
    return render(request, "agenda/calendar.html", ctx)


@login_required
@never_cache
def unit_calendar(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit(request.user, code)
    ctx = _handle(request, FeedKind.UNIT, unit)
    ctx["title"] = _("Lịch đơn vị: %(name)s") % {"name": unit.name}
    ctx["unit"] = unit
    return render(request, "agenda/calendar.html", ctx)


@never_cache
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The .ics of a live token: the subscriber's unit or member calendar, from every source."""
    found = services.find(token)
    if found is None:
        raise Http404
    user = found.user
    if found.kind == FeedKind.UNIT:
        if found.unit is None or not scope_for(user).covers(found.unit.path):
            raise Http404
        subject = sources.Subject("unit", user, unit=found.unit)
        name = found.unit.name
    else:
        if not getattr(user, "member_id", None):
            raise Http404
        from doanso.org.models import Unit

        branch_id = _branch_of(user)
        branch = Unit.objects.filter(pk=branch_id).first() if branch_id else None
        subject = sources.Subject("member", user, unit=branch, member_id=user.member_id)
        name = _("Lịch của tôi — Đoàn Số")
    now = timezone.now()
    events = sources.events(subject, now - PAST, now + AHEAD)
    base = request.build_absolute_uri("/")[:-1]
    stamp = now.replace(minute=0, second=0, microsecond=0)
    body = ics.calendar(name, events, base_url=base, stamp=stamp)
    services.touch(found)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich.ics"'
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
