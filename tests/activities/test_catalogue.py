"""The activities catalogue (issue 14 item 1): a unit adds its own activity types and campaigns,
from the page and the API; the units below use a province's campaign, units elsewhere neither see
nor use it; bad input is refused in Vietnamese with nothing written."""

import pytest

from doanso.activities.models import Activity, ActivityType, Campaign

pytestmark = pytest.mark.django_db


def test_a_province_campaign_serves_the_communes_below_and_nobody_else(api, world, make_activity):
    r = api("hcm.admin").post(
        "/activity-campaigns",
        {"unit": "HCM", "name": "Tháng Thanh niên 2026", "starts_on": "01/03/2026", "ends_on": "31/03/2026"},
    )
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["starts_on"], body["ends_on"], body["unit"]) == ("2026-03-01", "2026-03-31", "HCM")
    names = [c["name"] for c in api("xa.admin").get("/activity-campaigns").json()["items"]]
    assert names == ["Tháng Thanh niên 2026"]
    a = make_activity(campaign=body["id"])
    assert Activity.objects.get(pk=a["id"]).campaign_id == body["id"]
    assert api("hn.admin").get("/activity-campaigns").json()["count"] == 0
    r = api("hn.admin").post("/activities", {**_activity(world), "unit": "HN", "campaign": body["id"]})
    assert r.status_code == 400 and "Không tìm thấy chiến dịch." in r.json()["detail"]


def _activity(world) -> dict:
    from tests.activities.conftest import window

    start, end = window()
    return {"title": "Ngày chủ nhật xanh", "type": "tinh_nguyen", "start": start, "end": end}


def test_campaign_bad_input_is_refused_in_vietnamese(api, world):
    c = api("xa.admin")
    r = c.post("/activity-campaigns", {"unit": world.commune.code, "name": "Hè", "starts_on": "31/02/2026"})
    assert r.status_code == 400
    assert "31/02/2026" in r.content.decode()
    r = c.post(
        "/activity-campaigns",
        {"unit": world.commune.code, "name": "Hè", "starts_on": "10/06/2026", "ends_on": "01/06/2026"},
    )
    assert r.status_code == 400 and "trước ngày bắt đầu" in r.json()["detail"]
    assert (
        c.post("/activity-campaigns", {"unit": "HCM", "name": "Hè"}).status_code == 404
    )  # above the commune
    assert not Campaign.objects.exists()
    assert (
        c.post("/activity-campaigns", {"unit": world.commune.code, "name": "Mùa hè xanh"}).status_code == 201
    )
    r = c.post("/activity-campaigns", {"unit": world.commune.code, "name": "mùa hè  xanh"})
    assert r.status_code == 409 and Campaign.objects.count() == 1


def test_the_page_adds_a_type_without_asking_for_a_code(login, world):
    c = login("xa.admin")
    page = c.get("/activities/catalogue/").content.decode()
    assert "Tình nguyện" in page or "tình nguyện" in page
    r = c.post(
        "/activities/catalogue/",
        {"kind": "type", "unit": world.commune.code, "t-name": "Hiến máu nhân đạo", "t-volunteer": "on"},
        follow=True,
    )
    assert "Đã thêm loại hoạt động “Hiến máu nhân đạo”." in r.content.decode()
    t = ActivityType.objects.get(name="Hiến máu nhân đạo")
    assert t.unit_id == world.commune.pk and t.volunteer
    assert t.code.startswith(world.commune.code.lower()) and "hien_mau_nhan_dao" in t.code
    # the same name again is refused; Hà Nội does not see the commune's type
    again = {"kind": "type", "unit": world.commune.code, "t-name": "hiến máu nhân đạo"}
    html = c.post("/activities/catalogue/", again, follow=True).content.decode()
    assert "Đơn vị đã có loại hoạt động" in html
    assert ActivityType.objects.filter(name__iexact="Hiến máu nhân đạo").count() == 1
    assert "Hiến máu nhân đạo" not in login("hn.admin").get("/activities/catalogue/").content.decode()


def test_the_page_adds_a_campaign_with_vietnamese_dates_and_names_bad_ones(login, world):
    c = login("xa.admin")
    r = c.post(
        "/activities/catalogue/",
        {
            "kind": "campaign",
            "unit": world.commune.code,
            "c-name": "Mùa hè xanh",
            "c-starts_on": "32/06/2026",
        },
        follow=True,
    )
    html = r.content.decode()
    assert "Từ ngày" in html and "32/06/2026" in html
    assert not Campaign.objects.exists()
    r = c.post(
        "/activities/catalogue/",
        {
            "kind": "campaign",
            "unit": world.commune.code,
            "c-name": "Mùa hè xanh",
            "c-starts_on": "01/06/2026",
            "c-ends_on": "31/08/2026",
        },
        follow=True,
    )
    html = r.content.decode()
    assert "Đã thêm chiến dịch “Mùa hè xanh”." in html and "01/06/2026 – 31/08/2026" in html


def test_only_administrators_write_and_outsiders_cannot_reach_a_unit(login, world):
    from doanso.accounts.models import RoleKind
    from tests.factories import UserFactory

    UserFactory(unit=world.commune, username="xa.canbo", role=RoleKind.STAFF)
    r = login("xa.canbo").post(
        "/activities/catalogue/", {"kind": "campaign", "unit": world.commune.code, "c-name": "X"}
    )
    assert r.status_code == 404
    r = login("hn.admin").post(
        "/activities/catalogue/", {"kind": "campaign", "unit": world.commune.code, "c-name": "X"}
    )
    assert r.status_code == 404
    assert login("dv.mot").get("/activities/catalogue/").status_code == 404
    assert not Campaign.objects.exists()


def test_staff_who_do_not_administer_the_unit_cannot_add_through_the_api(api, world):
    from doanso.accounts.models import RoleKind
    from tests.factories import UserFactory

    UserFactory(unit=world.commune, username="xa.canbo", role=RoleKind.STAFF)
    r = api("xa.canbo").post("/activity-campaigns", {"unit": world.commune.code, "name": "Mùa hè xanh"})
    assert r.status_code == 403 and "Chỉ quản trị của đơn vị" in r.json()["detail"]
    r = api("xa.canbo").post(
        "/activity-types", {"unit": world.commune.code, "code": "loai_moi", "name": "Loại mới"}
    )
    assert r.status_code == 403
    assert not Campaign.objects.exists() and not ActivityType.objects.filter(code="loai_moi").exists()
