"""Yearly rating per branch: entered as a batch, submitted, locked when the parent approves."""

from datetime import date

import pytest

from doanso.members.models import Member

pytestmark = pytest.mark.django_db


def test_rating_batch_flow_and_stats(api, user, branch, unit):
    sec = api("chidoan.demo")  # admin of this branch only
    ms = list(
        Member.objects.filter(branch__code=user("chidoan.demo").roles.first().unit.code, status="active")
    )
    b = ms[0].branch
    Member.objects.filter(pk__in=[m.pk for m in ms]).update(
        admitted_on=date(2020, 1, 1), joined_branch_on=None
    )
    levels = ["htxs", "htt", "ht", "kht"]
    tw_before = api("tw.admin").get("/units/TW/indicators", year=2025).json()["rating"]["rated"]
    body = {"year": 2025, "ratings": [{"member_id": m.pk, "level": levels[i % 4]} for i, m in enumerate(ms)]}
    r = sec.post(f"/units/{b.code}/ratings", body)
    assert r.status_code == 200, r.content
    assert sec.post(f"/units/{b.code}/ratings/submit?year=2025").json()["status"] == "submitted"
    r = sec.post(f"/units/{b.code}/ratings/approve?year=2025")
    assert r.status_code == 400
    assert r.json()["detail"] == "Chỉ đoàn cấp trên mới duyệt được kết quả xếp loại của chi đoàn."
    assert api("ct.admin").post(f"/units/{b.code}/ratings/approve?year=2025").json()["status"] == "approved"
    r = sec.post(f"/units/{b.code}/ratings", body)
    assert r.json()["detail"] == "Kết quả xếp loại năm 2025 đã được cấp trên duyệt, không sửa được."
    n = len(ms)
    branch_stats = api("ct.admin").get(f"/units/{b.code}/stats").json()
    assert branch_stats["rating"] == {
        "year": 2025,
        "rated": n,
        "excellent_share": round(len(range(0, n, 4)) / n, 4),
        "levels": {lv: len(range(i, n, 4)) for i, lv in enumerate(levels)},
    }
    assert api("ct.admin").get("/units/CT/stats").json()["rating"]["year"] == 2025
    tw = api("tw.admin").get("/units/TW/indicators", year=2025).json()
    assert tw["rating"]["rated"] == tw_before + n


def test_new_members_and_recent_transfers(api, user, branch):
    sec = api("chidoan.demo")
    b = user("chidoan.demo").roles.first().unit
    m1, m2 = Member.objects.filter(branch=b, status="active").order_by("id")[:2]
    Member.objects.filter(pk=m1.pk).update(admitted_on=date(2025, 12, 1))
    Member.objects.filter(pk=m2.pk).update(admitted_on=date(2019, 1, 1), joined_branch_on=date(2025, 10, 1))
    r = sec.post(
        f"/units/{b.code}/ratings",
        {
            "year": 2025,
            "ratings": [{"member_id": m1.pk, "level": "htt"}, {"member_id": m2.pk, "level": "htt"}],
        },
    )
    detail = r.json()["detail"]
    assert (
        "vào Đoàn chưa đủ 3 tháng" in detail and "cần ghi ý kiến của chi đoàn nơi sinh hoạt trước" in detail
    )
    r = sec.post(
        f"/units/{b.code}/ratings",
        {"year": 2025, "ratings": [{"member_id": m2.pk, "level": "htt", "note": "Chi đoàn cũ đánh giá tốt"}]},
    )
    assert r.status_code == 200


def test_nomination_and_outcome_roll_up(api, user):
    sec = api("chidoan.demo")
    b = user("chidoan.demo").roles.first().unit
    m = Member.objects.filter(branch=b, status="active").order_by("id").first()
    before = api("tw.admin").get("/units/TW/indicators", year=2025).json()
    nid = sec.post(f"/members/{m.pk}/nominations", {"year": 2025}).json()["id"]
    assert (
        sec.post(f"/members/nominations/{nid}/outcome", {"outcome": "admitted"}).json()["outcome"]
        == "admitted"
    )
    ind = api("tw.admin").get("/units/TW/indicators", year=2025).json()
    assert (ind["nominated"], ind["admitted_to_party"]) == (
        before["nominated"] + 1,
        before["admitted_to_party"] + 1,
    )
    m.refresh_from_db()
    assert m.party_member


def test_dues_use_the_rate_table(api, user):
    sec = api("chidoan.demo")
    b = user("chidoan.demo").roles.first().unit
    ms = list(Member.objects.filter(branch=b, status="active").order_by("id"))
    assert sec.post(f"/units/{b.code}/dues", {"month": "2025-03", "member_ids": [ms[0].pk]}).json() == {
        "recorded": 1
    }
    body = sec.get(f"/units/{b.code}/dues", month="2025-03").json()
    assert body["paid"]["count"] == 1 and body["arrears"]["count"] == len(ms) - 1
    assert len(body["arrears"]["items"]) == min(50, len(ms) - 1)
    p = body["paid"]["items"][0]
    assert p["amount"] == p["kept"] + p["sent_up"] and p["amount"] in (2000, 5000)


def test_maturity_list_and_recording(api, user):
    from doanso.members import charter

    sec = api("chidoan.demo")
    b = user("chidoan.demo").roles.first().unit
    m = Member.objects.filter(branch=b, status="active").order_by("id").last()
    Member.objects.filter(pk=m.pk).update(birth_date=charter.add_years(date.today(), -30))
    listed = sec.get(f"/units/{b.code}/maturity", days=30).json()
    assert m.pk in [x["id"] for x in listed["items"]]
    r = sec.post(f"/members/{m.pk}/status", {"status": "matured"})
    assert r.json()["status"] == "matured"
    assert m.pk not in [x["id"] for x in sec.get(f"/units/{b.code}/maturity", days=30).json()["items"]]
