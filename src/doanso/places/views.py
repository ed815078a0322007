"""Pages of the places app: staff pages scoped to the user's units (404 elsewhere), the public page
of a public place, the QR plaque, the photos and the two maps. Thin: services write, selectors read."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doanso.accounts.scoping import acting_units, get_unit, scope_for, units_for
from doanso.core.errors import UserError
from doanso.places import forms, layers, plaque, selectors, services

MAX_UNITS_IN_FORM = 500


def _staff(request) -> None:
    if not scope_for(request.user).paths:
        raise Http404


def _unit_choices(request, place=None) -> list:
    """The units the user may give a place to (their subtrees), bounded; the place's own first."""
    units = list(units_for(request.user).filter(active=True).order_by("path")[:MAX_UNITS_IN_FORM])
    if place is not None and place.unit not in units:
        units.insert(0, place.unit)
    return units


@login_required
def place_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    unit = get_unit(request.user, request.GET["unit"]) if request.GET.get("unit") else None
    places = selectors.places_for(request.user, unit).order_by("name", "id")[:500]
    return render(request, "places/list.html", {"places": places, "unit": unit})


@login_required
def place_new(request: HttpRequest) -> HttpResponse:
    _staff(request)
    unit = get_unit(request.user, request.GET["unit"]) if request.GET.get("unit") else None
    if request.method == "POST" and request.POST.get("unit"):
        get_unit(request.user, request.POST["unit"])  # a unit outside the scope: 404, not a form error
    units = _unit_choices(request)
    form = forms.PlaceForm(
        request.POST or None, units=units, initial={"unit": (unit or acting_units(request.user).first()).code}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            owner = get_unit(request.user, data.pop("unit"))
            place = services.create_place(request.user, owner, **data)
        except UserError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Đã thêm “%(name)s”.") % {"name": place.name})
            return redirect("places:detail", place.pk)
    return render(request, "places/edit.html", {"form": form, "place": None})


@login_required
def place_detail(request: HttpRequest, place_id: int) -> HttpResponse:
    place = selectors.place_for(request.user, place_id)
    initial = {
        "unit": place.unit.code,
        "name": place.name,
        "kind": place.kind,
        "description": place.description,
        "address": place.address,
        "lat": str(place.lat).replace(".", ",") if place.lat is not None else "",
        "lon": str(place.lon).replace(".", ",") if place.lon is not None else "",
        "public": place.public,
        "plaque_on": place.plaque_on,
    }
    form = forms.PlaceForm(request.POST or None, units=_unit_choices(request, place), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        code = data.pop("unit")
        try:
            if code != place.unit.code:
                place.unit = get_unit(request.user, code)
            services.update_place(request.user, place, **data)
        except UserError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("places:detail", place.pk)
    return render(
        request,
        "places/edit.html",
        {"form": form, "place": place, "photo_form": forms.PhotoForm(), "photos": place.photos.all()},
    )


@login_required
@require_POST
def place_delete(request: HttpRequest, place_id: int) -> HttpResponse:
    place = selectors.place_for(request.user, place_id)
    services.delete_place(request.user, place)
    messages.success(request, _("Đã xoá “%(name)s”.") % {"name": place.name})
    return redirect("places:list")


@login_required
@require_POST
def photo_add(request: HttpRequest, place_id: int) -> HttpResponse:
    place = selectors.place_for(request.user, place_id)
    form = forms.PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_photo(request.user, place, form.cleaned_data["photo"], form.cleaned_data["caption"])
        except UserError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã thêm ảnh."))
    else:
        messages.error(request, _("Ảnh: chưa chọn tệp."))
    return redirect("places:detail", place.pk)


@login_required
@require_POST
def photo_delete(request: HttpRequest, photo_id: int) -> HttpResponse:
    photo = selectors.photo_for(request.user, photo_id)
    if not scope_for(request.user).covers(photo.place.unit.path):
        raise Http404  # a public place's photo is readable by anyone, not deletable
    place_id = photo.place_id
    services.delete_photo(request.user, photo)
    messages.success(request, _("Đã xoá ảnh."))
    return redirect("places:detail", place_id)


def photo(request: HttpRequest, photo_id: int) -> HttpResponse:
    """A photo, through the storage API: a public place's to anyone, a private one's to its staff."""
    p = selectors.photo_for(request.user, photo_id)
    try:
        fh = default_storage.open(p.file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(fh, content_type=p.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400" if p.place.public else "private, max-age=300"
    return response


@login_required
def place_plaque(request: HttpRequest, place_id: int) -> HttpResponse:
    """The printable plaque: the QR opens the place's public page. POST records that it was put up."""
    place = selectors.place_for(request.user, place_id)
    if request.method == "POST":
        services.mark_plaque(request.user, place, timezone.localdate())
        messages.success(request, _("Đã ghi nhận biển QR được gắn hôm nay."))
        return redirect("places:plaque", place.pk)
    url = request.build_absolute_uri(reverse("places:public", args=[place.pk]))
    return render(request, "places/plaque.html", {"place": place, "url": url, "qr_svg": plaque.qr_svg(url)})


def place_public(request: HttpRequest, place_id: int) -> HttpResponse:
    """The public page a plaque's QR opens: no login, public places only, no personal data."""
    place = selectors.public_place(place_id)
    return render(
        request,
        "places/public.html",
        {"place": place, "photos": place.photos.all(), "map": _map_context(request, public=True, one=place)},
    )


def _map_context(request, *, public: bool, unit=None, one=None) -> dict:
    user = AnonymousUser() if public else request.user
    filters = {"public": public, "upcoming": True, "unit": unit}
    pts = layers.points(user, **filters)
    if one is not None:
        pts = [p for p in pts if p.layer == "places" and p.url == reverse("places:public", args=[one.pk])]
    if public:
        points_url = "/api/v1/map/public-points"
    else:
        points_url = "/api/v1/map/points" + (f"?unit={unit.code}" if unit else "")
    return {
        "points": pts,
        "points_url": points_url,
        "tiles_url": settings.DOANSO_MAP_TILES_URL,
        "attribution": settings.DOANSO_MAP_ATTRIBUTION,
        "only": one is not None,
    }


def public_map(request: HttpRequest) -> HttpResponse:
    """Red addresses and upcoming public activities, for anyone."""
    return render(request, "places/map.html", {"map": _map_context(request, public=True), "public": True})


@login_required
def staff_map(request: HttpRequest) -> HttpResponse:
    """What the user's units do and look after, by unit (their scope only)."""
    _staff(request)
    unit = get_unit(request.user, request.GET["unit"]) if request.GET.get("unit") else None
    return render(
        request,
        "places/map.html",
        {"map": _map_context(request, public=False, unit=unit), "public": False, "unit": unit},
    )
