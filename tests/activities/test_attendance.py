"""Attendance files for activities held offline: all rows or none, unknown people named by row."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from doanso.activities.models import Activity, Participation

pytestmark = pytest.mark.django_db


def _upload(api, a, text: str, name="diem-danh.csv"):
    f = SimpleUploadedFile(name, ("\ufeff" + text).encode())
    caller = api("xa.admin")
    return caller.client.post(f"/api/v1/activities/{a['id']}/attendance", {"file": f}, headers=caller.headers)


def test_file_checks_in_members_and_guests_and_skips_repeats(api, world, make_activity):
    a = make_activity(open_to_public=True)
    m0, m1 = world.members[0], world.members[1]
    api("xa.admin").post(f"/activities/{a['id']}/checkins", {"member": m0.pk})
    text = f"Mã đoàn viên,Họ và tên,Số điện thoại\n{m0.pk},,\n{m1.pk},,\n,Trần Văn Khách,0909123456\n"
    r = _upload(api, a, text)
    assert r.status_code == 201, r.json()
    assert r.json() == {"added": 2, "skipped": 1, "participations": 3}
    assert Participation.objects.filter(activity_id=a["id"], method="file").count() == 2


def test_unknown_people_reported_by_row_and_nothing_written(api, world, make_activity):
    a = make_activity()
    text = f"Mã đoàn viên\n{world.members[1].pk}\n999999999\n{world.outsider.pk}\n"
    r = _upload(api, a, text)
    assert r.status_code == 400
    detail = r.json()["detail"]
    assert "Dòng 3" in detail and "Dòng 4" in detail and "không tìm thấy" in detail
    assert Participation.objects.filter(activity_id=a["id"]).count() == 0
    assert Activity.objects.get(pk=a["id"]).participations_count == 0


def test_guests_refused_when_not_open_and_capacity_respected(api, world, make_activity):
    a = make_activity()
    r = _upload(api, a, "Mã đoàn viên,Họ và tên,Số điện thoại\n,Khách,0909123456\n")
    assert r.status_code == 400 and "Dòng 2" in r.json()["detail"]
    small = make_activity(capacity=1)
    text = "Mã đoàn viên\n" + "\n".join(str(m.pk) for m in world.members[:2]) + "\n"
    r = _upload(api, small, text)
    assert r.status_code == 400 and "vượt" in r.json()["detail"]
    assert Participation.objects.filter(activity_id=small["id"]).count() == 0


def test_other_views_of_an_activity(api, world, make_activity):
    a = make_activity()
    api("xa.admin").post(f"/activities/{a['id']}/checkins", {"member": world.members[0].pk})
    got = api("xa.admin").get(f"/activities/{a['id']}/checkins").json()
    assert got["count"] == 1 and got["items"][0]["member"] == world.members[0].pk
    api("xa.admin").post(f"/activities/{a['id']}/outputs", {"indicator": "CAY_XANH", "value": 50})
    outs = api("huyen.admin").get(f"/activities/{a['id']}/outputs").json()
    assert outs["count"] == 1 and outs["items"][0]["can_decide"] is True
    r = api("xa.admin").post(f"/activities/{a['id']}/status", {"status": "done"})
    assert r.status_code == 200 and r.json()["status"] == "done"
    assert api("xa.admin").post(f"/activities/{a['id']}/status", {"status": "xyz"}).status_code == 400
    assert api("dv.mot").post(f"/activities/{a['id']}/status", {"status": "done"}).status_code == 404
