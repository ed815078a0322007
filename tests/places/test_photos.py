"""Photos: checked by content (Pillow), stored through the storage API, served only where allowed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from doanso.core.errors import UserError
from doanso.places import photos
from doanso.places.models import PlacePhoto
from tests.places.conftest import image_bytes

pytestmark = pytest.mark.django_db


def _upload(api_caller, place_id, name, data, caption=""):
    return api_caller.client.post(
        f"/api/v1/places/{place_id}/photos",
        {"photo": SimpleUploadedFile(name, data, content_type="image/png"), "caption": caption},
        headers=api_caller.headers,
    )


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_a_real_image_is_stored_with_its_real_type(api, place, fmt):
    p = place("HN")
    r = _upload(api("hn.admin"), p.pk, "anh.bin", image_bytes(fmt), caption="Cổng chính")
    assert r.status_code == 201, r.content
    photo = PlacePhoto.objects.get(place=p)
    assert photo.content_type == {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}[fmt]
    assert (photo.width, photo.height) == (40, 30)
    assert photo.caption == "Cổng chính"
    assert "anh.bin" not in photo.file.name  # the uploader's name is not kept
    assert r.json()["photos"] == [f"/places/photos/{photo.pk}/"]


def test_a_file_named_png_that_is_not_an_image_is_refused(api, place):
    p = place("HN")
    r = _upload(api("hn.admin"), p.pk, "anh.png", b"<svg onload=alert(1)>")
    assert r.status_code == 400
    assert r.json() == {
        "detail": "Ảnh: nội dung không phải là ảnh JPEG, PNG hoặc WebP hợp lệ (hỏng, giả hoặc khác loại).",
        "field": "photo",
    }
    assert not PlacePhoto.objects.filter(place=p).exists()


def test_gif_is_refused_even_though_pillow_reads_it(api, place):
    r = _upload(api("hn.admin"), place("HN").pk, "a.gif", image_bytes("GIF"))
    assert r.status_code == 400 and r.json()["field"] == "photo"


def test_too_large_is_refused_naming_the_limit(api, place, monkeypatch):
    monkeypatch.setattr(photos, "MAX_BYTES", 100)
    r = _upload(api("hn.admin"), place("HN").pk, "a.png", image_bytes("PNG", (200, 200)))
    assert r.status_code == 400
    assert r.json()["detail"].startswith("Ảnh: tệp lớn quá")


def test_another_province_cannot_upload(api, place):
    p = place("HCM")
    assert _upload(api("hn.admin"), p.pk, "a.png", image_bytes()).status_code == 404
    assert not PlacePhoto.objects.filter(place=p).exists()


def test_photo_is_served_for_public_places_only(api, place, login):
    pub, priv = place("HCM", public=True), place("HCM", name="Riêng")
    owner = api("hcm.admin")
    _upload(owner, pub.pk, "a.png", image_bytes())
    _upload(owner, priv.pk, "b.png", image_bytes())
    pub_photo, priv_photo = PlacePhoto.objects.get(place=pub), PlacePhoto.objects.get(place=priv)
    r = Client().get(f"/places/photos/{pub_photo.pk}/")
    assert r.status_code == 200 and r["Content-Type"] == "image/png"
    assert b"".join(r.streaming_content) == image_bytes()
    assert Client().get(f"/places/photos/{priv_photo.pk}/").status_code == 404
    assert login("hn.admin").get(f"/places/photos/{priv_photo.pk}/").status_code == 404
    r = login("hcm.admin").get(f"/places/photos/{priv_photo.pk}/")
    assert r.status_code == 200
    b"".join(r.streaming_content)


def test_delete_photo_from_the_page(api, place, login):
    p = place("HCM", public=True)
    _upload(api("hcm.admin"), p.pk, "a.png", image_bytes())
    ph = PlacePhoto.objects.get(place=p)
    assert login("hn.admin").post(f"/places/photos/{ph.pk}/delete/").status_code == 404
    assert PlacePhoto.objects.filter(pk=ph.pk).exists()
    r = login("hcm.admin").post(f"/places/photos/{ph.pk}/delete/")
    assert r.status_code == 302 and r["Location"] == f"/places/{p.pk}/"
    assert not PlacePhoto.objects.filter(pk=ph.pk).exists()


def test_upload_from_the_page(login, place):
    p = place("HN")
    c = login("hn.admin")
    r = c.post(
        f"/places/{p.pk}/photos/", {"photo": SimpleUploadedFile("x.jpg", image_bytes("JPEG")), "caption": ""}
    )
    assert r.status_code == 302
    assert PlacePhoto.objects.filter(place=p, content_type="image/jpeg").count() == 1
    r = c.post(
        f"/places/{p.pk}/photos/", {"photo": SimpleUploadedFile("x.jpg", b"not an image")}, follow=True
    )
    assert (
        "Ảnh: nội dung không phải là ảnh JPEG, PNG hoặc WebP hợp lệ (hỏng, giả hoặc khác loại)."
        in r.content.decode()
    )
    assert PlacePhoto.objects.filter(place=p).count() == 1


@given(st.binary(max_size=2048))
def test_random_bytes_never_pass_as_a_photo_unless_they_are_one(data):
    upload = SimpleUploadedFile("x.png", data)
    try:
        info = photos.check(upload)
    except UserError as exc:
        assert exc.field == "photo"
    else:
        assert info.content_type in ("image/png", "image/jpeg", "image/webp")


def test_a_decompression_bomb_is_refused_over_http_and_nothing_stored(api, place):
    from tests.core.test_images import raw_png

    p = place("HN")
    bomb = raw_png(8_000, 8_000)  # 64 million pixels in a few kilobytes
    r = _upload(api("hn.admin"), p.pk, "a.png", bomb)
    assert r.status_code == 400
    assert r.json() == {
        "detail": "Ảnh: ảnh 8.000 × 8.000 quá lớn (tối đa 40.000.000 điểm ảnh), không xử lý.",
        "field": "photo",
    }
    assert not PlacePhoto.objects.filter(place=p).exists()
