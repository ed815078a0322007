"""Member list, record, indicators and stats through the API."""

from datetime import date

import pytest

from doanso.core.models import AuditLog
from doanso.members import actions
from doanso.members.models import Member

pytestmark = pytest.mark.django_db


def test_members_list_is_paginated_and_accent_insensitive(api, branch, user):
    b = branch("HN-")
    actions.records.add_member(
        user("hn.admin"),
        branch=b,
        full_name="Đặng Thị Hồng Nhung",
        birth_date=date(2003, 4, 5),
        gender="nu",
        cccd="001303000001",
    )
    r = api("hn.admin").get("/units/HN/members", q="dang thi hong")
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert {k: item[k] for k in ("full_name", "branch", "gender", "cccd")} == {
        "full_name": "Đặng Thị Hồng Nhung",
        "branch": b.code,
        "gender": "nu",
        "cccd": "•••••••••001",
    }
    assert api("hn.admin").post("/units/HN/members/search", {"q": "001303000001"}).json()["count"] == 1
    page = api("hn.admin").get("/units/HN/members", limit=5).json()
    assert len(page["items"]) == 5
    assert (
        page["count"] == Member.objects.filter(branch__path__startswith=b.path[:4]).count()
        or page["count"] > 5
    )


def test_another_province_is_404(api):
    assert api("hn.admin").get("/units/HCM/members").status_code == 404
    assert api("hn.admin").get("/units/HCM/indicators").status_code == 404
    m = Member.objects.filter(branch__code__startswith="HCM-").first()
    assert api("hn.admin").get(f"/members/{m.pk}").status_code == 404


def test_stats_gain_breakdowns_and_rating(api, unit):
    body = api("hn.admin").get("/units/HN/stats").json()
    assert body["members"] == body["by_status"]["active"] == sum(body["by_gender"].values())
    ind = api("hn.admin").get("/units/HN/indicators", year=2026).json()
    assert ind["members"] == body["members"]
    assert sum(ind["by_occupation"].values()) == ind["members"] == sum(ind["by_age_band"].values())
    assert set(ind["rating"]) == {"year", "levels", "rated", "excellent_share"}


def test_viewing_a_full_record_is_logged_and_sensitive_fields_are_limited(api, branch):
    m = Member.objects.filter(branch=branch("HN-")).first()
    r = api("hn.admin").get(f"/members/{m.pk}")
    assert r.status_code == 200
    assert r.json()["ethnicity"] == m.ethnicity
    assert AuditLog.objects.filter(action="member.view", object_id=str(m.pk)).count() == 1


def test_concurrent_edits_do_not_overwrite(api, branch):
    m = Member.objects.filter(branch=branch("HN-")).first()
    a = api("hn.admin")
    r1 = a.request(
        "patch",
        f"/members/{m.pk}",
        data={"version": m.version, "phone": "0911111111"},
        content_type="application/json",
    )
    assert r1.status_code == 200
    r2 = a.request(
        "patch",
        f"/members/{m.pk}",
        data={"version": m.version, "phone": "0922222222"},
        content_type="application/json",
    )
    assert r2.status_code == 409  # stale version: conflict, nothing saved
    assert r2.json() == {
        "detail": "Hồ sơ đã được người khác sửa; hãy tải lại trang trước khi lưu.",
        "field": "version",
    }
    hist = a.get(f"/members/{m.pk}/history").json()["items"]
    assert hist[-1]["changes"] == {"phone": [m.phone, "0911111111"]}


def test_member_self_service_card_and_own_data(api, user):
    me = user("doanvien.demo")
    a = api("doanvien.demo")
    rec = a.get("/members/me").json()
    assert rec["id"] == me.member_id
    c = a.get("/members/me/card").json()
    assert c["qr_svg"].startswith("<svg")
    staff = api("ct.admin")
    assert staff.post("/members/card/verify", {"payload": c["qr_payload"]}).json()["id"] == me.member_id
    forged = c["qr_payload"].replace(f":{me.member_id}:", f":{me.member_id + 1}:")
    assert staff.post("/members/card/verify", {"payload": forged}).status_code == 404
    assert api("hn.admin").post("/members/card/verify", {"payload": c["qr_payload"]}).status_code == 404
    data = a.get("/members/me/data").json()
    assert data["id"] == me.member_id and "history" in data and "consents" in data
    assert api("hn.admin").get("/members/me").status_code == 404


def test_consent_needs_a_guardian_under_16(user, branch):
    from doanso.core.errors import UserError

    admin = user("hn.admin")
    from datetime import timedelta

    from django.utils import timezone

    born = timezone.localdate() - timedelta(days=15 * 365 + 30)
    m = Member.objects.create(branch=branch("HN-"), full_name="Em Nhỏ", birth_date=born, gender="nu")
    with pytest.raises(UserError) as exc:
        actions.consents.give_consent(admin, m, "registry")
    assert exc.value.field == "guardian_name"
    c = actions.consents.give_consent(admin, m, "registry", guardian_name="Nguyễn Văn Bố")
    assert c.by_guardian
