"""The map layer registry: providers registered by other apps, bbox, scope; the points API."""

import datetime as dt

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from doanso.core.errors import UserError
from doanso.places import api as places_api
from doanso.places import layers

pytestmark = pytest.mark.django_db


@pytest.fixture
def test_layer():
    """A provider like the activities app will register: public items for anyone, the rest for staff."""
    seen = []

    def provider(user, bbox, filters):
        seen.append((user.username if user.is_authenticated else None, bbox, dict(filters)))
        out = [layers.Point("Ngày chủ nhật xanh", 21.0, 105.8, "/hd/1/", "tinh_nguyen", dt.date(2026, 3, 1))]
        if not filters.get("public"):
            out.append(layers.Point("Họp chi đoàn", 10.7, 106.7, "/hd/2/", "sinh_hoat"))
        return out

    places_api.register("test-activities", provider)
    yield seen
    places_api.unregister("test-activities")


def test_registered_layer_reaches_both_maps(test_layer, login):
    r = Client().get("/api/v1/map/public-points")
    assert r.status_code == 200
    mine = [p for p in r.json()["items"] if p["layer"] == "test-activities"]
    assert mine == [
        {
            "title": "Ngày chủ nhật xanh",
            "lat": 21.0,
            "lon": 105.8,
            "url": "/hd/1/",
            "kind": "tinh_nguyen",
            "date": "2026-03-01",
            "layer": "test-activities",
        }
    ]
    assert test_layer[-1] == (None, None, {"public": True, "upcoming": True})
    staff = login("hn.admin").get("/api/v1/map/points").json()["items"]
    assert [p["title"] for p in staff if p["layer"] == "test-activities"] == [
        "Ngày chủ nhật xanh",
        "Họp chi đoàn",
    ]
    assert test_layer[-1][0] == "hn.admin" and test_layer[-1][2] == {"public": False, "unit": None}
    # the page lists the same points under the map
    assert "Ngày chủ nhật xanh" in Client().get("/places/map/").content.decode()


def test_bbox_drops_points_a_provider_let_through(test_layer):
    r = Client().get("/api/v1/map/public-points", {"bbox": "20,105,22,106", "layer": "test-activities"})
    assert [p["title"] for p in r.json()["items"]] == ["Ngày chủ nhật xanh"]
    r = Client().get("/api/v1/map/public-points", {"bbox": "0,0,1,1", "layer": "test-activities"})
    assert r.json() == {"items": [], "count": 0}


def test_layer_filter(test_layer, place):
    place("HN", public=True, name="Một địa chỉ")
    r = Client().get("/api/v1/map/public-points", {"layer": "places"})
    assert {p["layer"] for p in r.json()["items"]} == {"places"}


def test_places_layer_is_scoped(place, api):
    place("HN", name="HN riêng", lat=21.0, lon=105.8)
    place("HCM", name="HCM riêng", lat=10.7, lon=106.7)
    place("HCM", name="HCM chung", lat=10.8, lon=106.7, public=True)
    titles = [p["title"] for p in api("hn.admin").get("/map/points", layer="places").json()["items"]]
    assert "HN riêng" in titles and "HCM riêng" not in titles and "HCM chung" not in titles
    assert api("hn.admin").get("/map/points", unit="HCM").status_code == 404
    pub = [p["title"] for p in Client().get("/api/v1/map/public-points").json()["items"]]
    assert "HCM chung" in pub and "HCM riêng" not in pub and "HN riêng" not in pub
    assert Client().get("/api/v1/map/points").status_code == 401


def test_points_of_a_place_without_position_are_left_out(place):
    place("HN", public=True, name="Không toạ độ", lat=None, lon=None)
    assert "Không toạ độ" not in [p.title for p in layers.points(None, public=True)]


@given(st.floats(-90, 90), st.floats(-90, 90), st.floats(-180, 180), st.floats(-180, 180))
def test_parse_bbox_accepts_ordered_boxes_only(a, b, c, d):
    raw = f"{a},{c},{b},{d}"
    if a <= b and c <= d:
        box = layers.parse_bbox(raw)
        assert box.contains(a, c) and box.contains(b, d)
    else:
        with pytest.raises(UserError) as exc:
            layers.parse_bbox(raw)
        assert exc.value.field == "bbox"


def test_parse_bbox_refuses_text():
    with pytest.raises(UserError, match="bbox: cần 4 số"):
        layers.parse_bbox("1,2,3")
