"""The organiser's offline check-in page (issue 14 item 3): a small PWA under
/activities/<id>/offline/.

- the page, its web app manifest and its service worker are all served under that path, so the
  worker's scope is the check-in page and nothing else of the site;
- `tickets.json` is the day's list of members allowed in (id, name when the user may see it,
  registered or not), signed with the server's Ed25519 key (`core.crypto.public_sign`); the page
  checks that signature, and each scanned e-card's (members/card.py, `DOANSO-DV2:…`), with
  WebCrypto before it trusts either;
- scans wait in IndexedDB with their time and a nonce, and go to the existing check-in API
  (`POST /api/v1/activities/{id}/checkins` with `card`, `at`, `nonce`) once online: the nonce makes
  a replayed upload count once, and the server checks the card again.

Views are thin: the list is built by `tickets()`, the writes are the API's.
"""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from doanso.accounts.scoping import scope_for
from doanso.activities import selectors
from doanso.activities.models import Activity, Registration
from doanso.core import crypto, vn
from doanso.members.api import Member, MemberStatus
from doanso.org.models import Unit

LIMIT = 20_000  # members in one list; above it the page lets the server decide for the rest
ASSETS = (
    "activities/offline.js",
    "activities/offline.css",
    "activities/vendor/jsQR.js",
    "activities/icon.svg",
    "web/app.css",
)


def tickets(user, activity: Activity) -> dict:
    """The signed list the page caches: {"body": JSON text, "signature": Ed25519 over it}.

    Members allowed are the active members of the audience (or, without one, of the organiser's
    subtree), registered ones marked; names only of members inside the user's own scope (a
    co-organising unit from elsewhere runs the check-in by id)."""
    audience = list(activity.audience.all()) or [activity.unit]
    where = None
    for u in audience:
        lo, hi = u.subtree_range
        q = Member.objects.filter(branch__path__gte=lo, branch__path__lt=hi)
        where = q if where is None else where | q
    rows = list(
        where.filter(status=MemberStatus.ACTIVE)
        .order_by("id")
        .values_list("id", "full_name", "branch__path")[: LIMIT + 1]
    )
    complete = len(rows) <= LIMIT
    registered = set(Registration.objects.filter(activity=activity).values_list("member_id", flat=True))
    scope = scope_for(user)
    members = [
        [mid, name if scope.covers(path) else "", 1 if mid in registered else 0]
        for mid, name, path in rows[:LIMIT]
    ]
    body = json.dumps(
        {
            "activity": activity.pk,
            "title": activity.title,
            "start": activity.start.isoformat(),
            "end": activity.end.isoformat(),
            "issued": timezone.now().isoformat(),
            "complete": complete,
            "members": members,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return {"body": body, "signature": crypto.public_sign(body.encode())}


def _base(activity_id: int) -> str:
    return reverse("activities:offline", args=[activity_id])


@login_required
@require_GET
def page(request: HttpRequest, activity_id: int) -> HttpResponse:
    a = selectors.get_managed(request.user, activity_id)
    local_start, local_end = timezone.localtime(a.start), timezone.localtime(a.end)
    return render(
        request,
        "activities/offline_checkin.html",
        {
            "activity": a,
            "unit": Unit.objects.filter(pk=a.unit_id).values_list("name", flat=True).first(),
            "when": f"{local_start:%H:%M} {vn.format_date(local_start.date())} – "
            f"{local_end:%H:%M} {vn.format_date(local_end.date())}",
            "base": _base(a.pk),
            "api": f"/api/v1/activities/{a.pk}/checkins",
            "public_key": crypto.public_key(),
        },
    )


@login_required
@require_GET
@never_cache
def ticket_list(request: HttpRequest, activity_id: int) -> JsonResponse:
    a = selectors.get_managed(request.user, activity_id)
    return JsonResponse(tickets(request.user, a))


@login_required
@require_GET
def manifest(request: HttpRequest, activity_id: int) -> HttpResponse:
    a = selectors.get_managed(request.user, activity_id)
    base = _base(a.pk)
    data = {
        "name": _("Điểm danh ngoại tuyến: %(title)s") % {"title": a.title},
        "short_name": _("Điểm danh"),
        "lang": "vi",
        "start_url": base,
        "scope": base,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b57d0",
        "icons": [{"src": static("activities/icon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json; charset=utf-8"
    )


@login_required
@require_GET
@never_cache
def service_worker(request: HttpRequest, activity_id: int) -> HttpResponse:
    """The worker script, served from the page's own path so its scope is that path only."""
    a = selectors.get_managed(request.user, activity_id)
    base = _base(a.pk)
    cached = [base, base + "tickets.json", base + "manifest.webmanifest"]
    cached += [static(p) for p in ASSETS]
    r = render(
        request,
        "activities/offline_sw.js",
        {"cache_name": f"doanso-checkin-{a.pk}-v1", "urls": json.dumps(cached), "base": json.dumps(base)},
        content_type="text/javascript; charset=utf-8",
    )
    r["Service-Worker-Allowed"] = base
    return r
