"""The staff pages (scoped), the QR plaque and the public page of a place."""

import re
import subprocess
import sys

import pytest
import segno
from django.test import Client

from doanso.places.models import Place

pytestmark = pytest.mark.django_db


def test_list_shows_the_subtree_only(login, place):
    place("HN", name="Của Hà Nội")
    place("HCM", name="Của Sài Gòn")
    body = login("hn.admin").get("/places/").content.decode()
    assert "Của Hà Nội" in body and "Của Sài Gòn" not in body
    assert login("hn.admin").get("/places/", {"unit": "HCM"}).status_code == 404
    assert login("doanvien.demo").get("/places/").status_code == 404


def test_create_from_the_form_with_vietnamese_decimals(login):
    c = login("hn.admin")
    assert c.get("/places/new/").status_code == 200
    r = c.post(
        "/places/new/",
        {
            "unit": "HN",
            "name": "Nhà lưu niệm",
            "kind": "dia_chi_do",
            "lat": "21,0285",
            "lon": "105.8542",
            "public": "on",
            "plaque_on": "15/03/2026",
        },
    )
    p = Place.objects.get(name="Nhà lưu niệm")
    assert r.status_code == 302 and r["Location"] == f"/places/{p.pk}/"
    assert (str(p.lat), str(p.lon), p.public, p.plaque_on.isoformat()) == (
        "21.028500",
        "105.854200",
        True,
        "2026-03-15",
    )


def test_form_errors_name_the_field_and_write_nothing(login):
    r = login("hn.admin").post("/places/new/", {"unit": "HN", "name": "Lỗi", "kind": "di_tich", "lat": "abc"})
    assert r.status_code == 200
    assert "Vĩ độ: không phải là số." in r.content.decode()
    assert not Place.objects.filter(name="Lỗi").exists()


def test_another_provinces_unit_is_not_offered_nor_accepted(login):
    c = login("hn.admin")
    assert 'value="HCM"' not in c.get("/places/new/").content.decode()
    r = c.post("/places/new/", {"unit": "HCM", "name": "Chen", "kind": "di_tich"})
    assert r.status_code == 404 and not Place.objects.filter(name="Chen").exists()
    assert c.get("/places/new/", {"unit": "HCM"}).status_code == 404


def test_edit_and_delete(login, place):
    p = place("HN", name="Cũ")
    c = login("hn.admin")
    assert "Cũ" in c.get(f"/places/{p.pk}/").content.decode()
    r = c.post(f"/places/{p.pk}/", {"unit": "HN", "name": "Mới", "kind": "cong_trinh", "lat": "", "lon": ""})
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.name, p.kind, p.lat) == ("Mới", "cong_trinh", None)
    assert c.post(f"/places/{p.pk}/delete/").status_code == 302
    assert not Place.objects.filter(pk=p.pk).exists()


def test_another_province_gets_404_on_every_staff_page(login, place):
    p = place("HCM", public=True)
    c = login("hn.admin")
    for url in (f"/places/{p.pk}/", f"/places/{p.pk}/plaque/"):
        assert c.get(url).status_code == 404
    for url in (
        f"/places/{p.pk}/",
        f"/places/{p.pk}/delete/",
        f"/places/{p.pk}/plaque/",
        f"/places/{p.pk}/photos/",
    ):
        assert c.post(url, {"unit": "HN", "name": "X", "kind": "di_tich"}).status_code == 404
    p.refresh_from_db()
    assert p.name == "Di tích thử" and p.plaque_on is None


def test_plaque_qr_opens_the_public_page(login, place):
    p = place("HN", public=True, name="Hỏa Lò")
    body = login("hn.admin").get(f"/places/{p.pk}/plaque/").content.decode()
    url = f"http://testserver/places/p/{p.pk}/"
    assert f'data-qr-payload="{url}"' in body
    # the QR drawn is exactly segno's code for that URL
    svg = re.search(r"<svg.*?</svg>", body, re.S)[0]
    assert svg == segno.make(url, error="q").svg_inline(scale=6, border=2)
    assert Client().get(url.removeprefix("http://testserver")).status_code == 200


def test_mark_plaque_put_up_today(login, place):
    from django.utils import timezone

    p = place("HN")
    r = login("hn.admin").post(f"/places/{p.pk}/plaque/")
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.plaque_on == timezone.localdate()


def test_public_page_shows_public_places_only_and_no_staff_fields(place):
    pub = place("HN", public=True, name="Công khai", description="Lịch sử nơi này", address="Hoàn Kiếm")
    priv = place("HN", name="Riêng tư")
    c = Client()
    body = c.get(f"/places/p/{pub.pk}/").content.decode()
    assert "Công khai" in body and "Lịch sử nơi này" in body and "Thành đoàn Hà Nội" in body
    assert "/plaque/" not in body and f"/places/{pub.pk}/" not in body.replace(f"/places/p/{pub.pk}/", "")
    assert c.get(f"/places/p/{priv.pk}/").status_code == 404
    assert c.get("/places/p/999999/").status_code == 404


def test_maps_render_the_list_without_tiles(place, login):
    place("HN", public=True, name="Điểm công khai", lat=21.02, lon=105.84)
    place("HN", name="Điểm riêng", lat=21.03, lon=105.85)
    body = Client().get("/places/map/").content.decode()
    assert 'data-tiles-url=""' in body and "no-tiles" in body
    assert 'data-points-url="/api/v1/map/public-points"' in body
    assert "Điểm công khai" in body and "Điểm riêng" not in body
    assert 'data-lat="21.020000"' in body
    staff = login("hn.admin").get("/places/staff-map/").content.decode()
    assert "Điểm công khai" in staff and "Điểm riêng" in staff
    assert login("hn.admin").get("/places/staff-map/", {"unit": "HCM"}).status_code == 404
    assert Client().get("/places/staff-map/").status_code == 302  # to the login page


def test_tiles_setting_reaches_the_page(settings, place):
    settings.DOANSO_MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    body = Client().get("/places/map/").content.decode()
    assert 'data-tiles-url="https://tiles.example.org/{z}/{x}/{y}.png"' in body and "no-tiles" not in body


def _csp_img_src(env: dict) -> list:
    code = "import doanso.settings as s; print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    return out


def test_csp_allows_the_tile_server_when_set(monkeypatch):
    import os

    env = {**os.environ, "DOANSO_MAP_TILES_URL": "https://{s}.tiles.example.org/{z}/{x}/{y}.png"}
    out = _csp_img_src(env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[\"'self'\", 'data:', 'https://*.tiles.example.org']"
    env.pop("DOANSO_MAP_TILES_URL")
    assert _csp_img_src(env).stdout.strip() == "[\"'self'\", 'data:']"
    env["DOANSO_MAP_TILES_URL"] = "javascript:alert(1)"
    bad = _csp_img_src(env)
    assert bad.returncode != 0 and "DOANSO_MAP_TILES_URL" in bad.stderr
