"""The places API: staff read and write their subtree's places; public places are open to anyone."""

import pytest
from django.test import Client

from doanso.places.models import Place

pytestmark = pytest.mark.django_db


def test_create_list_change_delete(api):
    hn = api("hn.admin")
    r = hn.post(
        "/places", {"unit": "HN", "name": "Đình Tương Mai", "kind": "di_tich", "lat": 20.99, "lon": 105.85}
    )
    assert r.status_code == 201, r.content
    body = r.json()
    pid = body["id"]
    assert body == {
        "id": pid,
        "unit": "HN",
        "unit_name": "Thành đoàn Hà Nội",
        "name": "Đình Tương Mai",
        "kind": "di_tich",
        "description": "",
        "address": "",
        "lat": 20.99,
        "lon": 105.85,
        "public": False,
        "plaque_on": None,
        "public_url": None,
        "photos": [],
    }
    names = [p["name"] for p in hn.get("/places", unit="HN", limit=500).json()["items"]]
    assert "Đình Tương Mai" in names
    r = hn.request("patch", f"/places/{pid}", data={"public": True}, content_type="application/json")
    assert r.status_code == 200 and r.json()["public_url"] == f"/places/p/{pid}/"
    assert hn.request("delete", f"/places/{pid}").status_code == 204
    assert not Place.objects.filter(pk=pid).exists()


def test_list_shows_only_the_callers_subtree(api, place):
    place("HCM", name="Nơi riêng của HCM")
    items = api("hn.admin").get("/places", limit=500).json()["items"]
    assert items and {p["unit"][:2] for p in items} == {"HN"}
    assert "Nơi riêng của HCM" not in [p["name"] for p in items]
    assert api("hn.admin").get("/places", unit="HCM").status_code == 404


def test_another_province_cannot_read_or_write(api, place):
    p = place("HCM", name="Riêng HCM")
    hn = api("hn.admin")
    assert hn.get(f"/places/{p.pk}").status_code == 404
    r = hn.request("patch", f"/places/{p.pk}", data={"name": "Đổi"}, content_type="application/json")
    assert r.status_code == 404
    assert hn.request("delete", f"/places/{p.pk}").status_code == 404
    assert hn.post("/places", {"unit": "HCM", "name": "Chen vào"}).status_code == 404
    p.refresh_from_db()
    assert p.name == "Riêng HCM"
    assert Place.objects.filter(name="Chen vào").count() == 0
    # even when public, the staff route stays scoped; the public route shows it
    p.public = True
    p.save()
    assert hn.get(f"/places/{p.pk}").status_code == 404
    assert hn.get(f"/places/public/{p.pk}").status_code == 200


def test_lat_without_lon_is_refused_naming_the_field(api):
    r = api("hn.admin").post("/places", {"unit": "HN", "name": "Thiếu kinh độ", "lat": 21.0})
    assert r.status_code == 400
    assert r.json() == {
        "detail": "Toạ độ: cần nhập cả vĩ độ và kinh độ (hoặc bỏ trống cả hai).",
        "field": "lon",
    }
    assert not Place.objects.filter(name="Thiếu kinh độ").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("lat", 91), ("lon", -181), ("name", ""), ("name", "   "), ("unit", " "), ("kind", "lau_dai")],
)
def test_bad_values_are_refused(api, field, value):
    body = {"unit": "HN", "name": "X", "lat": 21, "lon": 105, field: value}
    r = api("hn.admin").post("/places", body)
    assert r.status_code == 422
    assert r.json()["field"] == field


def test_public_routes_are_open_and_show_public_fields_only(place):
    pub = place("HCM", name="Công khai HCM", public=True, address="Quận 4", description="Giới thiệu")
    priv = place("HN", name="Riêng tư HN")
    c = Client()
    r = c.get("/api/v1/places/public", {"limit": 500})
    assert r.status_code == 200
    names = [p["name"] for p in r.json()["items"]]
    assert "Công khai HCM" in names and "Riêng tư HN" not in names
    r = c.get(f"/api/v1/places/public/{pub.pk}")
    assert r.status_code == 200
    assert set(r.json()) == {
        "id",
        "name",
        "kind",
        "kind_label",
        "description",
        "address",
        "lat",
        "lon",
        "unit_name",
        "photos",
    }
    assert r.json()["kind_label"] == "Địa chỉ đỏ"
    assert c.get(f"/api/v1/places/public/{priv.pk}").status_code == 404
    assert c.get(f"/api/v1/places/{pub.pk}").status_code == 401
    assert c.get("/api/v1/places").status_code == 401


def test_public_list_by_bbox(place):
    place("HN", name="Trong khung", public=True, lat=21.0, lon=105.8)
    place("HCM", name="Ngoài khung", public=True, lat=10.7, lon=106.7)
    r = Client().get("/api/v1/places/public", {"bbox": "20.5,105,21.5,106.5", "limit": 500})
    names = [p["name"] for p in r.json()["items"]]
    assert "Trong khung" in names and "Ngoài khung" not in names
    r = Client().get("/api/v1/places/public", {"bbox": "21.5,105,20.5,106"})
    assert r.status_code == 400 and r.json()["field"] == "bbox"


def test_a_name_of_spaces_is_refused_by_the_schema_on_change_too(api, place):
    p = place("HN")
    r = api("hn.admin").request(
        "patch", f"/places/{p.pk}", data={"name": "  "}, content_type="application/json"
    )
    assert r.status_code == 422
    assert (r.json()["field"], r.json()["detail"]) == ("name", "“name”: không đúng định dạng.")
    p.refresh_from_db()
    assert p.name.strip()


def test_an_unknown_map_layer_is_refused_not_ignored(api, client):
    for r in (
        client.get("/api/v1/map/public-points", {"layer": "true"}),
        api("hn.admin").get("/map/points", layer="x"),
    ):
        assert r.status_code == 422
        assert r.json()["field"] == "layer"
        assert r.json()["detail"].startswith("Lớp bản đồ (layer): không có lớp")
    assert client.get("/api/v1/map/public-points", {"layer": "places"}).status_code == 200
