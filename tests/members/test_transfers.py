"""Chuyển sinh hoạt Đoàn across provinces: request, pending lists on both sides, accept/reject."""

import pytest

from doanso.members import counters
from doanso.members.models import Member, MemberHistory

pytestmark = pytest.mark.django_db


def _member(branch):
    return Member.objects.filter(branch=branch, status="active").order_by("id").first()


def test_transfer_across_provinces_moves_record_and_counters(api, branch, unit):
    src, dst = branch("HN-"), branch("ST-")  # Hà Nội → a branch of Cần Thơ
    m = _member(src)
    hn, ct = api("hn.admin"), api("ct.admin")
    before_hn = hn.get("/units/HN/stats").json()["members"]

    def ids(caller, direction):
        return [t["id"] for t in caller.get("/transfers", direction=direction).json()["items"]]

    out_before, in_before = ids(hn, "outgoing"), ids(ct, "incoming")
    r = hn.post(f"/members/{m.pk}/transfers", {"to_branch": dst.code, "reason": "Chuyển nơi làm việc"})
    assert r.status_code == 200, r.content
    tid = r.json()["id"]
    assert ids(hn, "outgoing") == [tid, *out_before]
    assert ids(ct, "incoming") == [tid, *in_before]
    assert hn.post(f"/transfers/{tid}/accept", {}).status_code in (400, 404)  # origin cannot accept
    r = ct.post(f"/transfers/{tid}/accept", {"note": "Đồng ý"})
    assert r.json()["status"] == "accepted"
    m.refresh_from_db()
    assert m.branch == dst
    assert hn.get("/units/HN/stats").json()["members"] == before_hn - 1
    assert hn.get(f"/members/{m.pk}").status_code == 404  # the record left Hà Nội's scope
    assert ct.get(f"/members/{m.pk}/history").json()["items"][-1]["changes"] == {
        "from": src.code,
        "to": dst.code,
    }
    for code in ("HN", "CT", "TW"):
        assert counters.recount(unit(code)) == counters.stored(unit(code))


def test_rejected_transfer_changes_nothing(api, branch):
    src, dst = branch("HN-"), branch("ST-")
    m = _member(src)
    hist = MemberHistory.objects.filter(member=m).count()
    tid = api("hn.admin").post(f"/members/{m.pk}/transfers", {"to_branch": dst.code}).json()["id"]
    assert (
        api("ct.admin").post(f"/transfers/{tid}/reject", {"note": "Sai chi đoàn"}).json()["status"]
        == "rejected"
    )
    m2 = Member.objects.get(pk=m.pk)
    assert (m2.branch_id, m2.version) == (m.branch_id, m.version)
    assert MemberHistory.objects.filter(member=m).count() == hist


def test_member_may_request_own_transfer_once(api, user, branch):
    me = user("doanvien.demo")
    dst = branch("HN-")
    a = api("doanvien.demo")
    assert a.post(f"/members/{me.member_id}/transfers", {"to_branch": dst.code}).status_code == 200
    r = a.post(f"/members/{me.member_id}/transfers", {"to_branch": dst.code})
    assert r.json()["detail"] == "Đoàn viên đã có một đề nghị chuyển sinh hoạt đang chờ."
