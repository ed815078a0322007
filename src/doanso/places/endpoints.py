"""The places routes of /api/v1/ (api/urls.py calls `register`): thin, scoped, errors in Vietnamese.

Staff routes read and write only places of the units the caller acts for (404 elsewhere); the
`/places/public…` routes and `/map/public-points` are open to anyone and show only public places."""

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from doanso.accounts.scoping import get_unit
from doanso.core.errors import OutOfRange
from doanso.core.pagination import Page, mapped
from doanso.core.vn_schema import VnDecimal
from doanso.places import layers, selectors, services
from doanso.places.models import Place, PlaceKind

router = Router(tags=["places"])
maps = Router(tags=["places"])


class PlaceIn(Schema):
    unit: str = Field(..., min_length=1, max_length=40, pattern=r"\S", description="Mã đơn vị phụ trách")
    name: str = Field(
        ..., min_length=1, max_length=200, pattern=r"\S"
    )  # not only spaces (the service strips)
    kind: PlaceKind = PlaceKind.RED_ADDRESS
    description: str = Field("", max_length=5000)
    address: str = Field("", max_length=300)
    lat: VnDecimal | None = Field(None, ge=-90, le=90)
    lon: VnDecimal | None = Field(None, ge=-180, le=180)
    public: bool = False
    plaque_on: dt.date | None = None


class PlaceChange(Schema):
    name: str | None = Field(None, min_length=1, max_length=200, pattern=r"\S")
    kind: PlaceKind | None = None
    description: str | None = Field(None, max_length=5000)
    address: str | None = Field(None, max_length=300)
    lat: VnDecimal | None = Field(None, ge=-90, le=90)
    lon: VnDecimal | None = Field(None, ge=-180, le=180)
    public: bool | None = None
    plaque_on: dt.date | None = None


class PlaceOut(Schema):
    id: int
    unit: str
    unit_name: str
    name: str
    kind: str
    description: str
    address: str
    lat: float | None
    lon: float | None
    public: bool
    plaque_on: dt.date | None
    public_url: str | None
    photos: list[str]


class PublicPlaceOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    description: str
    address: str
    lat: float | None
    lon: float | None
    unit_name: str
    photos: list[str]


class PointOut(Schema):
    title: str
    lat: float
    lon: float
    url: str
    kind: str
    date: dt.date | None
    layer: str


class PointsOut(Schema):
    items: list[PointOut]
    count: int


def _photo_urls(place: Place) -> list[str]:
    return [reverse("places:photo", args=[p.pk]) for p in place.photos.all()]


def _out(place: Place) -> dict:
    return {
        "id": place.pk,
        "unit": place.unit.code,
        "unit_name": place.unit.name,
        "name": place.name,
        "kind": place.kind,
        "description": place.description,
        "address": place.address,
        "lat": float(place.lat) if place.lat is not None else None,
        "lon": float(place.lon) if place.lon is not None else None,
        "public": place.public,
        "plaque_on": place.plaque_on,
        "public_url": reverse("places:public", args=[place.pk]) if place.public else None,
        "photos": _photo_urls(place),
    }


@router.get("", response=list[PlaceOut])
@paginate(Page)
def list_places(request, unit: str | None = None, public: bool | None = None):
    """Places of the caller's units (or of `unit`'s subtree), by name."""
    qs = selectors.places_for(request.user, get_unit(request.user, unit) if unit else None)
    if public is not None:
        qs = qs.filter(public=public)
    return mapped(qs.prefetch_related("photos").order_by("name", "id"), _out)


@router.post("", response={201: PlaceOut})
def create_place(request, payload: PlaceIn):
    unit = get_unit(request.user, payload.unit)
    data = payload.dict(exclude={"unit"})
    place = services.create_place(request.user, unit, **data)
    return Status(201, _out(place))


@router.get("/public", response=list[PublicPlaceOut], auth=None)
@paginate(Page)
def list_public(request, bbox: str | None = Query(None, description="nam,tây,bắc,đông")):
    """Public places, open to anyone (the public page's data; nothing about people)."""
    qs = selectors.public_places().prefetch_related("photos").order_by("name", "id")
    box = layers.parse_bbox(bbox)
    if box is not None:
        qs = qs.filter(lat__gte=box.south, lat__lte=box.north, lon__gte=box.west, lon__lte=box.east)
    return mapped(qs, lambda p: selectors.public_dict(p, _photo_urls(p)))


@router.get("/public/{place_id}", response=PublicPlaceOut, auth=None)
def get_public(request, place_id: int):
    place = selectors.public_place(place_id)
    return selectors.public_dict(place, _photo_urls(place))


@router.get("/{place_id}", response=PlaceOut)
def get_place(request, place_id: int):
    return _out(selectors.place_for(request.user, place_id))


@router.patch("/{place_id}", response=PlaceOut)
def change_place(request, place_id: int, payload: PlaceChange):
    place = selectors.place_for(request.user, place_id)
    data = payload.dict(exclude_unset=True)
    return _out(services.update_place(request.user, place, **data))


@router.delete("/{place_id}", response={204: None})
def delete_place(request, place_id: int):
    services.delete_place(request.user, selectors.place_for(request.user, place_id))
    return Status(204, None)


@router.post("/{place_id}/photos", response={201: PlaceOut})
def add_photo(request, place_id: int, photo: File[UploadedFile], caption: Form[str] = ""):
    place = selectors.place_for(request.user, place_id)
    services.add_photo(request.user, place, photo, caption)
    return Status(201, _out(place))


def _known(layer: list[str] | None) -> list[str] | None:
    """The layers asked for, each a registered one (422 naming the first unknown, never ignored)."""
    for name in layer or ():
        if name not in layers.names():
            raise OutOfRange(
                gettext("Lớp bản đồ (layer): không có lớp “%(name)s” (có: %(known)s).")
                % {"name": name, "known": ", ".join(layers.names())},
                field="layer",
            )
    return layer or None


@maps.get("/points", response=PointsOut)
def map_points(
    request,
    unit: str | None = None,
    layer: list[str] | None = Query(None),  # noqa: B008  ninja reads a list from the query string only so
    bbox: str | None = Query(None, description="nam,tây,bắc,đông"),
):
    """The staff map's points from every registered layer, inside the caller's scope (`unit` narrows
    it to that unit's subtree)."""
    filters: dict = {"public": False, "unit": get_unit(request.user, unit) if unit else None}
    pts = layers.points(request.user, layers.parse_bbox(bbox), layers=_known(layer), **filters)
    return {"items": [p.as_dict() for p in pts], "count": len(pts)}


@maps.get("/public-points", response=PointsOut, auth=None)
def public_points(
    request,
    layer: list[str] | None = Query(None),  # noqa: B008  ninja reads a list from the query string only so
    bbox: str | None = Query(None, description="nam,tây,bắc,đông"),
):
    """The public map's points: public places and upcoming public activities, open to anyone."""
    pts = layers.points(
        AnonymousUser(), layers.parse_bbox(bbox), layers=_known(layer), public=True, upcoming=True
    )
    return {"items": [p.as_dict() for p in pts], "count": len(pts)}


def register(api) -> None:
    api.add_router("/places", router)
    api.add_router("/map", maps)
