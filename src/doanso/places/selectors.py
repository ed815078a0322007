"""Reads of the places app, every one scoped (accounts.scoping) or limited to public places."""

from django.http import Http404

from doanso.accounts.scoping import scope_for
from doanso.places.models import Place, PlacePhoto


def places_for(user, unit=None):
    """Places of the units the user acts for (their subtrees), narrowed to `unit`'s subtree if given."""
    qs = Place.objects.filter(scope_for(user).q("unit__path")).select_related("unit")
    if unit is not None:
        lo, hi = unit.subtree_range
        qs = qs.filter(unit__path__gte=lo, unit__path__lt=hi)
    return qs


def place_for(user, place_id: int) -> Place:
    """A place the user may edit; 404 for anything outside their scope (no existence leak)."""
    try:
        return places_for(user).get(pk=place_id)
    except Place.DoesNotExist:
        raise Http404 from None


def public_places():
    return Place.objects.filter(public=True).select_related("unit")


def public_place(place_id: int) -> Place:
    try:
        return public_places().get(pk=place_id)
    except Place.DoesNotExist:
        raise Http404 from None


def photo_for(user, photo_id: int) -> PlacePhoto:
    """A photo of a public place (anyone) or of a place in the user's scope; 404 otherwise."""
    try:
        photo = PlacePhoto.objects.select_related("place__unit").get(pk=photo_id)
    except PlacePhoto.DoesNotExist:
        raise Http404 from None
    if not photo.place.public and not scope_for(user).covers(photo.place.unit.path):
        raise Http404
    return photo


def public_dict(place: Place, photo_urls: list[str] | None = None) -> dict:
    """What anyone may read of a public place: no person, no account, only the site and its unit."""
    return {
        "id": place.pk,
        "name": place.name,
        "kind": place.kind,
        "kind_label": str(place.get_kind_display()),
        "description": place.description,
        "address": place.address,
        "lat": float(place.lat) if place.lat is not None else None,
        "lon": float(place.lon) if place.lon is not None else None,
        "unit_name": place.unit.name,
        "photos": photo_urls or [],
    }
