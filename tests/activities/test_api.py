"""The interface acceptance checks use: types, create, detail, registration, check-in (issue 14)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.activities.conftest import window

pytestmark = pytest.mark.django_db


def test_activity_types_catalogue(api, world):
    r = api("xa.admin").get("/activity-types")
    assert r.status_code == 200
    data = r.json()
    codes = {t["code"] for t in data["items"]}
    assert {
        "tinh_nguyen",
        "tuyen_truyen",
        "hoc_tap",
        "the_thao",
        "huong_nghiep",
        "hien_mau",
        "trong_cay",
    } <= codes
    assert data["count"] == len(data["items"])
    assert all(t["name"] for t in data["items"])


def test_unit_adds_its_own_type_seen_below_not_elsewhere(api, world):
    r = api("huyen.admin").post(
        "/activity-types", {"code": "dap_xe", "name": "Đạp xe", "unit": world.district.code}
    )
    assert r.status_code == 201
    assert "dap_xe" in {t["code"] for t in api("xa.admin").get("/activity-types").json()["items"]}
    assert "dap_xe" not in {t["code"] for t in api("hn.admin").get("/activity-types").json()["items"]}
    again = api("huyen.admin").post(
        "/activity-types", {"code": "dap_xe", "name": "X", "unit": world.district.code}
    )
    assert again.status_code == 409


def test_create_and_read_activity(api, world, make_activity):
    a = make_activity()
    assert a["id"] and a["unit"] == world.commune.code and a["type"] == "tinh_nguyen"
    assert a["indicators"] == ["CAY_XANH", "TN_LUOT"] or set(a["indicators"]) == {"TN_LUOT", "CAY_XANH"}
    got = api("xa.admin").get(f"/activities/{a['id']}").json()
    assert got["participations"] == 0 and got["title"] == "Ngày chủ nhật xanh"
    # the district above sees it, a member of the commune sees it (audience = organiser's subtree)
    assert api("huyen.admin").get(f"/activities/{a['id']}").status_code == 200
    assert api("dv.mot").get(f"/activities/{a['id']}").status_code == 200
    listed = api("huyen.admin").get("/activities", unit=world.commune.code).json()
    assert a["id"] in [x["id"] for x in listed["items"]]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"type": "khong_co"}, "type"),
        ({"indicators": ["KHONG_CO"]}, "indicators"),
        ({"end": (timezone.now() - timedelta(days=3)).isoformat()}, "end"),
        ({"title": "   "}, "title"),
        ({"start": "2026-11-30T07:00:00"}, "start"),
        ({"audience": ["HN"]}, "audience"),
    ],
)
def test_create_refuses_bad_input_naming_the_field(api, world, change, field):
    from doanso.activities.models import Activity

    start, end = window()
    body = {
        "unit": world.commune.code,
        "title": "X",
        "type": "tinh_nguyen",
        "start": start,
        "end": end,
        **change,
    }
    before = Activity.objects.count()
    r = api("xa.admin").post("/activities", body)
    assert r.status_code == 400, r.json()
    assert r.json()["field"] == field and r.json()["detail"]
    assert Activity.objects.count() == before


def test_other_province_cannot_create_read_or_check_in(api, world, make_activity):
    start, end = window()
    r = api("hn.admin").post(
        "/activities",
        {"unit": world.commune.code, "title": "X", "type": "tinh_nguyen", "start": start, "end": end},
    )
    assert r.status_code == 404
    a = make_activity()
    assert api("hn.admin").get(f"/activities/{a['id']}").status_code == 404
    assert a["id"] not in [x["id"] for x in api("hn.admin").get("/activities").json()["items"]]
    r = api("hn.admin").post(f"/activities/{a['id']}/checkins", {"member": world.outsider.pk})
    assert r.status_code == 404
    assert api("hn.admin").get(f"/activities/{a['id']}/checkins").status_code == 404
    assert (
        api("hn.admin")
        .post(f"/activities/{a['id']}/outputs", {"indicator": "CAY_XANH", "value": 5})
        .status_code
        == 404
    )
    assert api("xa.admin").get(f"/activities/{a['id']}").json()["participations"] == 0


def test_staff_check_in_then_twice_is_409(api, world, make_activity):
    a = make_activity()
    m = world.members[1]
    r = api("xa.admin").post(f"/activities/{a['id']}/checkins", {"member": m.pk})
    assert r.status_code == 201, r.json()
    assert r.json()["participations"] == 1 and r.json()["member"] == m.pk
    again = api("xa.admin").post(f"/activities/{a['id']}/checkins", {"member": m.pk})
    assert again.status_code == 409
    assert "đã điểm danh" in again.json()["detail"]
    assert api("xa.admin").get(f"/activities/{a['id']}").json()["participations"] == 1


def test_nonce_replay_returns_first_result_once(api, world, make_activity):
    a = make_activity()
    body = {"member": world.members[2].pk, "nonce": "scan-abc-1"}
    first = api("xa.admin").post(f"/activities/{a['id']}/checkins", body)
    second = api("xa.admin").post(f"/activities/{a['id']}/checkins", body)
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["id"] == second.json()["id"]
    assert api("xa.admin").get(f"/activities/{a['id']}").json()["participations"] == 1


def test_member_self_scan_with_activity_qr(api, world, make_activity):
    a = make_activity()
    token = api("xa.admin").get(f"/activities/{a['id']}/qr").json()["token"]
    r = api("dv.mot").post(f"/activities/{a['id']}/checkins", {"token": token})
    assert r.status_code == 201, r.json()
    assert r.json()["member"] == world.members[0].pk and r.json()["method"] == "self"
    assert api("dv.mot").post(f"/activities/{a['id']}/checkins", {"token": token}).status_code == 409
    mine = api("dv.mot").get("/me/activities").json()
    assert mine["participations"] == 1 and mine["hours"] == 4.0
    assert mine["items"][0]["id"] == a["id"]


def test_member_qr_refusals_each_with_own_message(api, world, make_activity):
    a = make_activity()
    b = make_activity(title="Khác")
    good = api("xa.admin").get(f"/activities/{a['id']}/qr").json()["token"]
    other = api("xa.admin").get(f"/activities/{b['id']}/qr").json()["token"]
    forged = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    msgs = set()
    for token in (forged, other, "khong-phai-ma"):
        r = api("dv.mot").post(f"/activities/{a['id']}/checkins", {"token": token})
        assert r.status_code == 400, r.json()
        msgs.add(r.json()["detail"])
    assert len(msgs) == 2  # forged and garbage: not ours; other activity: its own message
    assert api("xa.admin").get(f"/activities/{a['id']}").json()["participations"] == 0


def test_expired_and_revoked_qr_refused(api, world, make_activity, monkeypatch):
    import time

    from django.core import signing

    from doanso.activities import qr
    from doanso.activities.models import Activity

    a = make_activity()
    real = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real() - 3600)
    old = qr.make(a["id"], 1)
    monkeypatch.setattr(signing.time, "time", real)
    r = api("dv.mot").post(f"/activities/{a['id']}/checkins", {"token": old})
    assert r.status_code == 400 and "hết hạn" in r.json()["detail"]
    token = qr.make(a["id"], 1)
    Activity.objects.filter(pk=a["id"]).update(qr_version=2)
    r = api("dv.mot").post(f"/activities/{a['id']}/checkins", {"token": token})
    assert r.status_code == 400 and "thu hồi" in r.json()["detail"]
    assert Activity.objects.get(pk=a["id"]).participations_count == 0


def test_full_outside_window_and_outside_audience(api, world, make_activity):
    from doanso.activities.models import Activity

    full = make_activity(capacity=1)
    assert (
        api("xa.admin")
        .post(f"/activities/{full['id']}/checkins", {"member": world.members[0].pk})
        .status_code
        == 201
    )
    r = api("xa.admin").post(f"/activities/{full['id']}/checkins", {"member": world.members[1].pk})
    assert r.status_code == 409 and "đủ" in r.json()["detail"]

    start, end = window(hours_from_now=48)
    later = make_activity(start=start, end=end)
    r = api("xa.admin").post(f"/activities/{later['id']}/checkins", {"member": world.members[0].pk})
    assert r.status_code == 409 and "Chưa đến giờ" in r.json()["detail"]
    start, end = window(hours_from_now=-48)
    past = make_activity(start=start, end=end)
    r = api("xa.admin").post(f"/activities/{past['id']}/checkins", {"member": world.members[0].pk})
    assert r.status_code == 409 and "hết giờ" in r.json()["detail"]

    narrow = make_activity(audience=[world.branch.code])
    r = api("xa.admin").post(f"/activities/{narrow['id']}/checkins", {"member": world.members[3].pk})
    assert r.status_code == 403 and "không thuộc đối tượng" in r.json()["detail"]
    r = api("xa.admin").post(f"/activities/{narrow['id']}/checkins", {"member": world.outsider.pk})
    assert r.status_code == 403
    assert Activity.objects.get(pk=narrow["id"]).participations_count == 0
    assert Activity.objects.get(pk=full["id"]).participations_count == 1


def test_walk_in_guest_phone_encrypted_and_counted_once(api, world, make_activity):
    from doanso.activities.models import Participation

    closed = make_activity()
    r = api("xa.admin").post(
        f"/activities/{closed['id']}/checkins", {"guest_name": "Lê Văn Khách", "guest_phone": "0912345678"}
    )
    assert r.status_code == 403
    a = make_activity(open_to_public=True)
    body = {"guest_name": "Lê Văn Khách", "guest_phone": "0912 345 678"}
    assert api("xa.admin").post(f"/activities/{a['id']}/checkins", body).status_code == 201
    assert api("xa.admin").post(f"/activities/{a['id']}/checkins", body).status_code == 409
    p = Participation.objects.get(activity_id=a["id"])
    assert "0912345678" not in p.guest_phone_enc and p.guest_phone_hash
    bad = api("xa.admin").post(f"/activities/{a['id']}/checkins", {"guest_name": "X", "guest_phone": "12"})
    assert bad.status_code == 400 and bad.json()["field"] == "guest_phone"


def test_staff_scans_member_ecard(api, world, make_activity):
    from doanso.members.card import payload

    a = make_activity()
    m = world.members[1]
    r = api("xa.admin").post(f"/activities/{a['id']}/checkins", {"card": payload(m.pk, m.card_number)})
    assert r.status_code == 201 and r.json()["member"] == m.pk
    forged = payload(m.pk, m.card_number)[:-2] + "00"
    r = api("xa.admin").post(
        f"/activities/{a['id']}/checkins", {"card": forged.replace(str(m.pk), str(world.members[2].pk), 1)}
    )
    assert r.status_code == 400 and r.json()["field"] == "card"


def test_registration_by_member_and_listing(api, world, make_activity):
    a = make_activity()
    r = api("dv.mot").post(f"/activities/{a['id']}/registrations", {})
    assert r.status_code == 201
    assert api("dv.mot").post(f"/activities/{a['id']}/registrations", {}).status_code == 200
    regs = api("xa.admin").get(f"/activities/{a['id']}/registrations").json()
    assert regs["count"] == 1 and regs["items"][0]["member"] == world.members[0].pk
    assert api("dv.mot").get(f"/activities/{a['id']}/registrations").status_code == 404
    c = api("xa.admin").post(f"/activities/{a['id']}/registrations/{regs['items'][0]['id']}/confirm")
    assert c.status_code == 200 and c.json()["confirmed"] is True
    narrow = make_activity(audience=[world.other_branch.code])
    assert api("dv.mot").get(f"/activities/{narrow['id']}").status_code == 404
