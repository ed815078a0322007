"""Pages of the exemplars app (read-only for now; the writes go through /api/v1/exemplars).

Thin: scoping by `accounts.scoping.get_unit` (404 outside the user's scope), reads from `selectors`."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from doanso.accounts.scoping import get_unit
from doanso.exemplars import selectors
from doanso.exemplars.services import assessments, nominations


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def me(request: HttpRequest) -> HttpResponse:
    """The member's own self-assessment of the year and the criteria of their branch (phone-sized)."""
    year = _year(request)
    a = assessments.mine(request.user, year)
    return render(request, "exemplars/me.html", {"year": year, "a": selectors.my_assessment_dict(a)})


@login_required
def confirmations(request: HttpRequest, code: str) -> HttpResponse:
    """Self-assessments of the unit's subtree waiting for the branch's confirmation."""
    unit, year = get_unit(request.user, code), _year(request)
    rows = [selectors.assessment_dict(a) for a in selectors.assessments_in(unit, year, "submitted")[:200]]
    return render(request, "exemplars/confirmations.html", {"unit": unit, "year": year, "rows": rows})


@login_required
def board(request: HttpRequest, code: str) -> HttpResponse:
    """The nominations board of one level: what reached it and what passed through it this year."""
    unit, year = get_unit(request.user, code), _year(request)
    rows = [selectors.nomination_dict(n) for n in nominations.board(unit, year)[:200]]
    return render(request, "exemplars/board.html", {"unit": unit, "year": year, "rows": rows})


def public(request: HttpRequest) -> HttpResponse:
    """Honoured exemplars who agreed to be shown (no login)."""
    rows = [selectors.public_dict(h) for h in selectors.public_honours()[:100]]
    return render(request, "exemplars/public.html", {"rows": rows})
