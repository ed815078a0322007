import pytest

from doanso.org import services
from doanso.org.models import Unit


@pytest.mark.django_db
def test_token_then_units_lists_own_units(client, demo_password):
    r = client.post(
        "/api/v1/auth/token",
        {"username": "hn.admin", "password": demo_password},
        content_type="application/json",
    )
    assert r.status_code == 200
    token = r.json()["token"]
    r = client.get("/api/v1/units", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200
    assert r.json() == {
        "items": [
            {
                "code": "HN",
                "name": "Thành đoàn Hà Nội",
                "kind": "tinh",
                "parent": "TW",
                "active": True,
                "successor": None,
                "dissolved_on": None,
            }
        ],
        "count": 1,
    }


@pytest.mark.django_db
def test_wrong_password_and_missing_token(client):
    r = client.post(
        "/api/v1/auth/token", {"username": "hn.admin", "password": "sai"}, content_type="application/json"
    )
    assert r.status_code == 400
    assert "không đúng" in r.json()["detail"]
    assert client.get("/api/v1/units").status_code == 401
    assert client.get("/api/v1/units", headers={"Authorization": "Bearer nope"}).status_code == 401


@pytest.mark.django_db
def test_children_today_and_as_of_2024(api):
    tw = api("tw.admin")
    today = tw.get("/units/TW/children", limit=500).json()
    assert today["count"] == 37
    assert "Tỉnh đoàn Sóc Trăng" not in {u["name"] for u in today["items"]}
    then = tw.get("/units/TW/children", on="2024-12-31", limit=500).json()
    assert then["count"] == 66
    st = next(u for u in then["items"] if u["code"] == "ST")
    assert st["name"] == "Tỉnh đoàn Sóc Trăng" and st["kind"] == "tinh"
    assert st["successor"] == "CT"
    hue = next(u for u in then["items"] if u["code"] == "HUE")
    assert hue["name"] == "Tỉnh đoàn Thừa Thiên Huế"


@pytest.mark.django_db
def test_pagination(api):
    r = api("tw.admin").get("/units/TW/children", limit=10, offset=30).json()
    assert r["count"] == 37 and len(r["items"]) == 7


@pytest.mark.django_db
def test_stats_equal_a_recount(api, unit):
    from doanso.members.models import Member

    ct = unit("CT")
    body = api("ct.admin").get("/units/CT/stats").json()
    lo, hi = ct.subtree_range
    members = Member.objects.filter(branch__path__gte=lo, branch__path__lt=hi)
    assert body["members"] == members.filter(status="active").count()
    assert body["units"] == Unit.objects.subtree(ct).filter(active=True).count()
    assert body["by_gender"]["nam"] == members.filter(status="active", gender="nam").count()
    assert sum(body["by_status"].values()) == members.count()


@pytest.mark.django_db
def test_merged_unit_still_answers_for_successor(api):
    r = api("ct.admin").get("/units/ST")
    assert r.status_code == 200
    assert r.json()["active"] is False and r.json()["successor"] == "CT"
    assert api("hn.admin").get("/units/ST").status_code == 404


@pytest.mark.django_db
def test_other_province_is_404(api):
    hn = api("hn.admin")
    for path in ["/units/HCM", "/units/HCM/children", "/units/HCM/stats", "/units/TW", "/units/NOPE"]:
        assert hn.get(path).status_code == 404, path


@pytest.mark.django_db
def test_search_ignores_diacritics_within_scope(api):
    tw = api("tw.admin").get("/units", q="ha noi").json()
    assert "HN" in {u["code"] for u in tw["items"]}
    assert "HN" not in {u["code"] for u in api("hcm.admin").get("/units", q="ha noi").json()["items"]}
    assert api("tw.admin").get("/units", q="THANH DOAN can tho").json()["items"][0]["code"] == "CT"


@pytest.mark.django_db
def test_children_follow_restructuring(api, unit):
    services.move_unit(None, unit("HN-H01-X01-C01"), unit("HN"))
    codes = {u["code"] for u in api("hn.admin").get("/units/HN/children", limit=500).json()["items"]}
    assert "HN-H01-X01-C01" in codes


@pytest.mark.django_db
def test_openapi_schema_served(client):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    assert "/api/v1/units/{code}/stats" in r.json()["paths"]
