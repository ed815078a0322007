"""Writes of the places app: each checks its input, writes in one transaction and audits itself."""

import uuid
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from doanso.core import audit, vn
from doanso.core.errors import UserError
from doanso.places import photos
from doanso.places.models import Place, PlaceKind, PlacePhoto

FIELDS = ("name", "kind", "description", "address", "lat", "lon", "public", "plaque_on")
MAX_PHOTOS = 20


def _coordinate(value, *, label: str, field: str, bound: int) -> Decimal | None:
    if value is None or value == "":
        return None
    # Not vn.parse_number: a coordinate is never grouped in thousands, and people paste "10.7626"
    # from a map as often as they type "10,7626"; both mean the same decimal.
    try:
        raw = value if isinstance(value, (int, float, Decimal)) else str(value).strip().replace(",", ".")
        d = Decimal(str(raw)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise UserError(_("%(label)s: không phải là số.") % {"label": label}, field=field) from None
    if not -bound <= d <= bound:
        raise UserError(
            _("%(label)s: phải nằm trong khoảng -%(b)s đến %(b)s.") % {"label": label, "b": bound},
            field=field,
        )
    return d


def clean(values: dict) -> dict:
    """Checked field values (only the keys given); a UserError names the first wrong field."""
    out: dict = {}
    if "name" in values:
        name = (values["name"] or "").strip()
        if not name:
            raise UserError(_("Tên: chưa nhập."), field="name")
        if len(name) > 200:
            raise UserError(_("Tên: dài quá 200 ký tự."), field="name")
        out["name"] = name
    if "kind" in values:
        if values["kind"] not in PlaceKind.values:
            raise UserError(_("Loại: không có loại “%(v)s”.") % {"v": values["kind"]}, field="kind")
        out["kind"] = values["kind"]
    for key, label, limit in (("description", _("Giới thiệu"), 5000), ("address", _("Địa chỉ"), 300)):
        if key in values:
            text = (values[key] or "").strip()
            if len(text) > limit:
                raise UserError(
                    _("%(label)s: dài quá %(n)s ký tự.") % {"label": label, "n": limit}, field=key
                )
            out[key] = text
    if "lat" in values:
        out["lat"] = _coordinate(values["lat"], label=_("Vĩ độ"), field="lat", bound=90)
    if "lon" in values:
        out["lon"] = _coordinate(values["lon"], label=_("Kinh độ"), field="lon", bound=180)
    if "public" in values:
        out["public"] = bool(values["public"])
    if "plaque_on" in values:
        v = values["plaque_on"]
        out["plaque_on"] = (
            None if v in (None, "") else vn.date_for(v, label=_("Ngày gắn biển QR"), field="plaque_on")
        )
    return out


def _both_or_neither(place: Place) -> None:
    if (place.lat is None) != (place.lon is None):
        field = "lon" if place.lon is None else "lat"
        raise UserError(_("Toạ độ: cần nhập cả vĩ độ và kinh độ (hoặc bỏ trống cả hai)."), field=field)


@transaction.atomic
def create_place(actor, unit, **values) -> Place:
    """A new place looked after by `unit` (the caller has checked the actor acts for it)."""
    data = clean({"kind": PlaceKind.RED_ADDRESS, **values})
    if "name" not in data:
        raise UserError(_("Tên: chưa nhập."), field="name")
    place = Place(unit=unit, **data)
    _both_or_neither(place)
    place.save()
    audit.record(actor, "place.create", place, unit=unit, name=place.name)
    return place


@transaction.atomic
def update_place(actor, place: Place, **values) -> Place:
    data = clean(values)
    for k, v in data.items():
        setattr(place, k, v)
    _both_or_neither(place)
    place.save()
    audit.record(actor, "place.update", place, unit=place.unit, fields=sorted(data))
    return place


@transaction.atomic
def delete_place(actor, place: Place) -> None:
    names = list(place.photos.values_list("file", flat=True))
    audit.record(actor, "place.delete", place, unit=place.unit, name=place.name)
    place.delete()
    transaction.on_commit(lambda: [default_storage.delete(n) for n in names])


@transaction.atomic
def mark_plaque(actor, place: Place, on: date) -> Place:
    """The QR plaque was put up on `on` (counted by the indicator "địa chỉ đỏ được gắn biển QR")."""
    place.plaque_on = on
    place.save(update_fields=["plaque_on", "updated_at"])
    audit.record(actor, "place.plaque", place, unit=place.unit, on=on.isoformat())
    return place


def add_photo(actor, place: Place, upload, caption: str = "") -> PlacePhoto:
    """Store a checked photo under a random name (the uploader's file name is not kept)."""
    info = photos.check(upload)
    caption = (caption or "").strip()
    if len(caption) > 200:
        raise UserError(_("Chú thích: dài quá 200 ký tự."), field="caption")
    with transaction.atomic():
        Place.objects.select_for_update().get(pk=place.pk)
        if place.photos.count() >= MAX_PHOTOS:
            raise UserError(_("Ảnh: mỗi địa chỉ có tối đa %(n)s ảnh.") % {"n": MAX_PHOTOS}, field="photo")
        name = default_storage.save(f"places/{place.pk}/{uuid.uuid4().hex}.{info.extension}", upload)
        try:
            photo = PlacePhoto.objects.create(
                place=place,
                file=name,
                content_type=info.content_type,
                size=info.size,
                width=info.width,
                height=info.height,
                caption=caption,
            )
            audit.record(actor, "place.photo.add", photo, unit=place.unit, place=place.pk)
        except Exception:
            default_storage.delete(name)
            raise
    return photo


@transaction.atomic
def delete_photo(actor, photo: PlacePhoto) -> None:
    name = photo.file.name
    audit.record(actor, "place.photo.delete", photo, unit=photo.place.unit, place=photo.place_id)
    photo.delete()
    transaction.on_commit(lambda: default_storage.delete(name))
