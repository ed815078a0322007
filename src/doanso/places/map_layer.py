"""The "places" layer of the map registry (layers.py): red addresses with a position."""

from django.urls import reverse

from doanso.places import layers, selectors


def provider(user, bbox: layers.BBox | None, filters: dict) -> list[layers.Point]:
    """Public places for the public map or anonymous users; else the user's scope (one query)."""
    public = filters.get("public") or not getattr(user, "is_authenticated", False)
    qs = selectors.public_places() if public else selectors.places_for(user, filters.get("unit"))
    qs = qs.filter(lat__isnull=False, lon__isnull=False)
    if bbox is not None:
        qs = qs.filter(lat__gte=bbox.south, lat__lte=bbox.north, lon__gte=bbox.west, lon__lte=bbox.east)
    rows = qs.order_by("name", "id").values_list("id", "name", "kind", "lat", "lon")[: layers.LIMIT]
    name = "places:public" if public else "places:detail"
    return [
        layers.Point(title=n, lat=float(la), lon=float(lo), url=reverse(name, args=[pk]), kind=k)
        for pk, n, k, la, lo in rows
    ]
