"""Activities on the maps (places' layer registry) and in the calendars (agenda's source registry).

Both read one query, scoped: a signed-in user sees the activities of units in their scope (and, on
the public map, those open to the public); an anonymous visitor only activities open to the public;
a member's calendar holds the activities they registered for or were checked in at."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from doanso.accounts.scoping import scope_for
from doanso.activities.models import Activity
from doanso.agenda import api as agenda
from doanso.places import api as places


def _url(a: Activity) -> str:
    """The activity's page (a calendar or map link opens what a person reads, not the API)."""
    return reverse("activities:detail", args=[a.pk])


def map_layer(user, bbox, filters: dict) -> list:
    qs = Activity.objects.exclude(lat=None).exclude(lon=None).select_related("type")
    if getattr(user, "is_authenticated", False) and not filters.get("public"):
        qs = qs.filter(scope_for(user).q("unit__path"))
        if filters.get("unit") is not None:
            lo, hi = filters["unit"].subtree_range
            qs = qs.filter(unit__path__gte=lo, unit__path__lt=hi)
    else:
        qs = qs.filter(open_to_public=True)
    if filters.get("upcoming"):
        qs = qs.filter(end__gte=timezone.now())
    if bbox is not None:
        qs = qs.filter(lat__gte=bbox.south, lat__lte=bbox.north, lon__gte=bbox.west, lon__lte=bbox.east)
    return [
        places.Point(
            title=a.title,
            lat=float(a.lat),
            lon=float(a.lon),
            url=_url(a),
            kind=a.type.code,
            date=timezone.localtime(a.start).date(),
        )
        for a in qs.order_by("start", "id")[:2000]  # places.layers.LIMIT
    ]


def calendar_source(subject, start: dt.datetime, end: dt.datetime) -> list:
    qs = Activity.objects.filter(start__lt=end, end__gt=start)
    if subject.kind == "unit":
        qs = qs.filter(unit=subject.unit)
    elif subject.member_id:
        qs = qs.filter(registrations__member_id=subject.member_id).distinct()
    else:
        return []
    return [
        agenda.Event(
            uid=f"activity-{a.pk}@doanso",
            summary=a.title,
            start=a.start,
            end=a.end,
            description=a.description,
            url=_url(a),
            location=a.place_name,
        )
        for a in qs.order_by("start", "id")[:500]
    ]


def install() -> None:
    places.register("activities", map_layer)
    agenda.register("activities", calendar_source)
