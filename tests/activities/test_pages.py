"""The activity pages over HTTP: create/edit, list filters, register/cancel, QR and staff check-in,
walk-ins, the attendance file, outputs verified by the level above, "Hoạt động của tôi"; every
page scoped (a user of another unit gets 404 and nothing is written)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from doanso.activities.models import Activity, Output, Participation, Registration

pytestmark = pytest.mark.django_db


def _dt(delta_hours: float) -> str:
    t = timezone.localtime(timezone.now() + timedelta(hours=delta_hours))
    return f"{t:%d/%m/%Y %H:%M}"


def _form(world, **kw):
    body = {
        "unit": world.commune.code,
        "title": "Ngày chủ nhật xanh",
        "type": "trong_cay",
        "start": _dt(-1),
        "end": _dt(3),
        "hours": "4",
        "indicators": ["TN_LUOT", "CAY_XANH"],
    }
    body.update(kw)
    return body


@pytest.fixture
def activity(login, world):
    c = login("xa.admin")
    r = c.post("/activities/new/", _form(world))
    assert r.status_code == 302, r.content.decode()[:3000]
    return Activity.objects.get(pk=int(r["Location"].rstrip("/").split("/")[-1]))


def test_create_from_the_form_with_vietnamese_dates(activity, world):
    assert activity.unit == world.commune
    assert activity.type.code == "trong_cay"
    assert sorted(activity.indicators.values_list("code", flat=True)) == ["CAY_XANH", "TN_LUOT"]
    assert str(activity.hours) == "4.0"
    local = timezone.localtime(activity.start)
    assert f"{local:%d/%m/%Y %H:%M}" == _dt(-1) or abs(activity.start - timezone.now()) < timedelta(hours=2)


def test_form_refuses_bad_dates_in_vietnamese_and_writes_nothing(login, world):
    c = login("xa.admin")
    r = c.post("/activities/new/", _form(world, start="31/02/2026 07:00"))
    assert r.status_code == 200
    assert Activity.objects.count() == 0
    html = r.content.decode()
    assert "has-error" in html
    r = c.post("/activities/new/", _form(world, start=_dt(3), end=_dt(1)))
    assert "Thời gian kết thúc phải sau thời gian bắt đầu." in r.content.decode()
    assert Activity.objects.count() == 0


def test_edit_keeps_counted_hours(login, world, activity):
    c = login("xa.admin")
    r = c.post(f"/activities/{activity.pk}/edit/", _form(world, title="Chủ nhật xanh lần 2"))
    assert r.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Chủ nhật xanh lần 2"
    Participation.objects.create(
        activity=activity, member=world.members[1], method="staff", at=timezone.now()
    )
    Activity.objects.filter(pk=activity.pk).update(participations_count=1)
    r = c.post(f"/activities/{activity.pk}/edit/", _form(world, hours="8"))
    assert "không đổi được loại hoạt động và số giờ" in r.content.decode()
    activity.refresh_from_db()
    assert str(activity.hours) == "4.0"


def test_list_filters_and_scope(login, world, activity):
    c = login("xa.admin")
    html = c.get("/activities/").content.decode()
    assert "Ngày chủ nhật xanh" in html
    assert "Ngày chủ nhật xanh" not in c.get("/activities/?type=hoc_tap").content.decode()
    assert "Ngày chủ nhật xanh" in c.get(f"/activities/?unit={world.commune.code}").content.decode()
    # nothing checked in yet: not among the activities behind TN_LUOT
    assert "Ngày chủ nhật xanh" not in c.get("/activities/?indicator=TN_LUOT").content.decode()
    # another province's admin sees nothing, and cannot filter on a unit outside their scope
    other = login("hn.admin")
    assert "Ngày chủ nhật xanh" not in other.get("/activities/").content.decode()
    assert other.get(f"/activities/?unit={world.commune.code}").status_code == 404
    for url in ("", "edit/", "qr/", "outputs/", "members/?q=ng", "checkin/"):
        assert other.get(f"/activities/{activity.pk}/{url}").status_code == 404, url


def test_member_registers_and_cancels(login, world, activity):
    c = login("dv.mot")
    page = c.get(f"/activities/{activity.pk}/").content.decode()
    assert "Đăng ký tham gia" in page
    assert c.post(f"/activities/{activity.pk}/register/").status_code == 302
    assert Registration.objects.filter(activity=activity, member=world.members[0]).exists()
    assert "Huỷ đăng ký" in c.get(f"/activities/{activity.pk}/").content.decode()
    c.post(f"/activities/{activity.pk}/cancel/")
    assert not Registration.objects.exists()
    html = c.get("/activities/me/").content.decode()
    assert "Ngày chủ nhật xanh" in html  # among the upcoming ones


def test_qr_page_and_self_checkin(login, world, activity):
    staff = login("xa.admin")
    html = staff.get(f"/activities/{activity.pk}/qr/").content.decode()
    assert "<svg" in html and 'hx-trigger="every' in html
    url = re.search(r'data-token-url="([^"]+)"', html)[1].replace("&amp;", "&")
    path = url.split("testserver", 1)[1]
    member = login("dv.mot")
    assert "Xác nhận điểm danh" in member.get(path).content.decode()
    token = path.split("?t=", 1)[1]
    from urllib.parse import unquote

    r = member.post(path.split("?")[0], {"t": unquote(token)})
    assert "Đã điểm danh lúc" in r.content.decode()
    r = member.post(path.split("?")[0], {"t": unquote(token)})
    assert r.status_code == 400 and "đã điểm danh hoạt động này rồi" in r.content.decode()
    forged = member.post(path.split("?")[0], {"t": "A1v1:abc:def"})
    assert "Mã QR không hợp lệ" in forged.content.decode()
    assert Participation.objects.filter(activity=activity).count() == 1
    mine = member.get("/activities/me/").content.decode()
    assert 'id="my-hours">4<' in mine


def test_staff_checkin_by_search_and_walk_in(login, world, activity):
    c = login("xa.admin")
    m = world.members[1]
    found = c.get(f"/activities/{activity.pk}/members/", {"q": m.full_name[:6]}).content.decode()
    assert m.full_name in found
    r = c.post(f"/activities/{activity.pk}/checkins/", {"member": m.pk}, HTTP_HX_REQUEST="true")
    assert "Đã điểm danh" in r.content.decode()
    r = c.post(f"/activities/{activity.pk}/checkins/", {"member": m.pk}, HTTP_HX_REQUEST="true")
    assert "đã điểm danh hoạt động này rồi" in r.content.decode()
    r = c.post(f"/activities/{activity.pk}/checkins/", {"guest_name": "Khách", "guest_phone": "0901234567"})
    assert r.status_code == 302  # refused (members only), told with a message on the page
    assert "chỉ dành cho đoàn viên" in c.get(f"/activities/{activity.pk}/").content.decode()
    assert Participation.objects.filter(activity=activity).count() == 1
    # the outsider (another province) is refused by the audience check
    r = c.post(f"/activities/{activity.pk}/checkins/", {"member": world.outsider.pk}, HTTP_HX_REQUEST="true")
    assert Participation.objects.filter(activity=activity).count() == 1


def test_attendance_file_row_errors_in_vietnamese(login, world, activity):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = login("xa.admin")
    body = f"Mã đoàn viên\n{world.members[1].pk}\n999999\n".encode()
    r = c.post(
        f"/activities/{activity.pk}/attendance/",
        {"file": SimpleUploadedFile("dd.csv", body, content_type="text/csv")},
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "Dòng 3, cột “Mã đoàn viên”: không tìm thấy đoàn viên “999999”" in html
    assert Participation.objects.count() == 0
    body = f"Mã đoàn viên\n{world.members[1].pk}\n{world.members[2].pk}\n".encode()
    r = c.post(
        f"/activities/{activity.pk}/attendance/",
        {"file": SimpleUploadedFile("dd.csv", body, content_type="text/csv")},
    )
    assert r.status_code == 302
    assert Participation.objects.count() == 2


def test_outputs_recorded_then_verified_by_the_level_above(login, world, activity):
    c = login("xa.admin")
    r = c.post(
        f"/activities/{activity.pk}/outputs/", {"indicator": "CAY_XANH", "value": "1.200", "note": "Trồng"}
    )
    assert r.status_code == 302
    o = Output.objects.get()
    assert o.value == 1200
    # the organiser cannot verify their own output; the district can
    c.post(f"/activities/outputs/{o.pk}/decide/", {"action": "verify"})
    o.refresh_from_db()
    assert o.status == "recorded"
    d = login("huyen.admin")
    assert "Xác nhận" in d.get(f"/activities/{activity.pk}/outputs/").content.decode()
    d.post(f"/activities/outputs/{o.pk}/decide/", {"action": "return", "reason": ""})
    o.refresh_from_db()
    assert o.status == "recorded"  # a return needs a reason
    d.post(f"/activities/outputs/{o.pk}/decide/", {"action": "verify"})
    o.refresh_from_db()
    assert o.status == "verified"
    assert (
        login("hn.admin")
        .post(f"/activities/outputs/{o.pk}/decide/", {"action": "return", "reason": "x"})
        .status_code
        == 404
    )
    o.refresh_from_db()
    assert o.status == "verified"
    html = c.get(f"/activities/{activity.pk}/outputs/").content.decode()
    assert "1.200" in html


def test_output_value_bad_input(login, world, activity):
    c = login("xa.admin")
    r = c.post(f"/activities/{activity.pk}/outputs/", {"indicator": "CAY_XANH", "value": "-3"})
    assert r.status_code == 400
    assert "số nguyên dương" in r.content.decode()
    assert Output.objects.count() == 0


def test_my_activities_needs_a_member_record(login):
    assert login("hn.admin").get("/activities/me/").status_code == 404


def test_output_photos_are_served_only_to_those_who_see_the_output(
    login, world, activity, settings, tmp_path
):
    import base64

    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    c = login("xa.admin")
    r = c.post(
        f"/activities/{activity.pk}/outputs/",
        {
            "indicator": "CAY_XANH",
            "value": "40",
            "photos": [SimpleUploadedFile("cay.png", png, content_type="image/png")],
        },
    )
    assert r.status_code == 302
    o = Output.objects.get()
    ph = o.photos.get()
    url = f"/activities/outputs/{o.pk}/photos/{ph.pk}/"
    assert url in c.get(f"/activities/{activity.pk}/outputs/").content.decode()
    got = c.get(url)
    assert got.status_code == 200
    assert b"".join(got.streaming_content) == png
    assert login("huyen.admin").get(url).status_code == 200  # the level above verifies from it
    assert login("hn.admin").get(url).status_code == 404
    assert c.get(f"/activities/outputs/{o.pk}/photos/{ph.pk + 1}/").status_code == 404


def test_the_organiser_reaches_camera_scanning_from_the_detail_page(login, world, activity):
    url = f"/activities/{activity.pk}/offline/"
    html = login("xa.admin").get(f"/activities/{activity.pk}/").content.decode()
    assert f'href="{url}"' in html and "Quét thẻ bằng camera" in html
    assert login("xa.admin").get(url).status_code == 200
    member_view = login("dv.mot").get(f"/activities/{activity.pk}/").content.decode()
    assert url not in member_view
