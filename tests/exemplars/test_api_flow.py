"""The whole climb through the HTTP API: criteria, self-assessment, confirmation, nomination up two
levels, honour with its decision, the story, and the computed indicators moving."""

import pytest

from tests.exemplars.conftest import YEAR

pytestmark = pytest.mark.django_db


def test_values_are_the_twelve_of_the_campaign(api):
    r = api("ct.admin").get("/exemplars/values")
    assert r.status_code == 200
    assert [v["name"] for v in r.json()] == [
        "Có lý tưởng cách mạng",
        "Bản lĩnh vững vàng",
        "Giàu lòng yêu nước",
        "Đạo đức trong sáng",
        "Lối sống văn hóa",
        "Tuân thủ pháp luật",
        "Tiên phong hành động",
        "Sáng tạo không ngừng",
        "Học tập liên tục",
        "Có sức khỏe tốt",
        "Kỹ năng phù hợp",
        "Khát vọng vươn lên",
    ]


def test_the_climb(api, world):
    province, branch, commune = world.province, world.branch, world.commune
    r = api("ct.admin").post(
        f"/units/{province.code}/criteria".replace("/units", "/exemplars/units"),
        {"value": "YEU_NUOC", "year": YEAR, "text": "Tham gia 2 hoạt động về nguồn"},
    )
    assert r.status_code == 201, r.content
    own = api("chidoan.demo").post(
        f"/exemplars/units/{branch.code}/criteria",
        {"value": "TIEN_PHONG", "year": YEAR, "text": "Nhận 1 phần việc"},
    )
    assert own.status_code == 201
    me = api("doanvien.demo").get("/exemplars/me", year=YEAR).json()
    assert me["status"] == "draft"
    assert [c["unit"] for c in me["criteria"]] == [province.code, branch.code]
    answers = [{"criterion": c["id"], "met": True, "note": "Đã làm"} for c in me["criteria"]]
    r = api("doanvien.demo").request(
        "put", "/exemplars/me", data={"year": YEAR, "answers": answers}, content_type="application/json"
    )
    assert r.status_code == 200, r.content
    r = api("doanvien.demo").post("/exemplars/me/submit", {"year": YEAR})
    assert r.json()["status"] == "submitted"
    aid = r.json()["id"]

    listed = (
        api("chidoan.demo")
        .get(f"/exemplars/units/{branch.code}/assessments", year=YEAR, status="submitted")
        .json()
    )
    assert [a["id"] for a in listed["items"]] == [aid]
    r = api("chidoan.demo").post(f"/exemplars/assessments/{aid}/confirm")
    assert r.status_code == 200 and r.json()["status"] == "confirmed"

    r = api("chidoan.demo").post(
        f"/exemplars/units/{branch.code}/nominations",
        {
            "year": YEAR,
            "achievements": "Dẫn đội hiến máu",
            "member_id": world.member.pk,
            "links": ["https://example.vn/bai"],
        },
    )
    assert r.status_code == 201, r.content
    nid = r.json()["id"]
    assert r.json()["current"] == commune.code
    r = api("xa.demo").post(f"/exemplars/nominations/{nid}/forward", {"reason": "Xứng đáng"})
    assert r.json()["current"] == province.code
    r = api("ct.admin").post(
        f"/exemplars/units/{province.code}/honours",
        {
            "kind": "tuyen_duong",
            "title": "Gương thanh niên tiêu biểu",
            "doc_number": "15/QĐ-ĐTN",
            "doc_date": f"20/03/{YEAR}",
            "nomination": nid,
            "public": True,
            "public_name": "Lê T. Thắng",
        },
    )
    assert r.status_code == 201, r.content
    honour = r.json()
    assert honour["doc_date"] == f"20/03/{YEAR}" and honour["doc_number"] == "15/QĐ-ĐTN"
    n = api("ct.admin").get(f"/exemplars/nominations/{nid}").json()
    assert n["status"] == "honoured"
    assert [s["action"] for s in n["steps"]] == ["proposed", "forwarded", "honoured"]

    r = api("ct.admin").post(
        f"/exemplars/honours/{honour['id']}/story", {"title": "Người dẫn đội hiến máu", "text": "Câu chuyện…"}
    )
    assert r.status_code == 201
    pub = api("ct.admin").client.get("/api/v1/exemplars/public").json()
    assert pub["items"][0]["name"] == "Lê T. Thắng"
    assert set(pub["items"][0]) == {
        "name",
        "title",
        "kind",
        "unit",
        "issuer",
        "doc_date",
        "summary",
        "story_title",
        "story_url",
    }


def test_computed_indicators_move(world, submitted):
    from doanso.core.calendar.periods import Period
    from doanso.exemplars.services import assessments, honours, nominations
    from doanso.plans.indicators import compute

    year = Period.year(YEAR)
    before = compute("TL_DV_TU_DANH_GIA_HM", world.province, year)
    assert before.value == 1 and before.denominator > 1
    assert compute("TL_DV_XAC_NHAN_HM", world.province, year).value == 0
    assessments.confirm(world.secretary, submitted)
    assert compute("TL_DV_XAC_NHAN_HM", world.branch, year).value == 1
    assert compute("GUONG_DIEN_HINH", world.province, year).value == 0
    n = nominations.propose(
        world.secretary, world.branch, year=YEAR, achievements="x", member_id=world.member.pk
    )
    honours.register_honour(
        world.commune_admin,
        world.commune,
        kind="tuyen_duong",
        title="Gương sáng",
        doc_number="3/QĐ-ĐTN",
        doc_date="05/03/2026",
        nomination=n,
    )
    assert compute("GUONG_DIEN_HINH", world.province, year).value == 1
    assert compute("GUONG_DIEN_HINH", world.province, Period.month(YEAR, 3)).value == 1
    assert compute("GUONG_DIEN_HINH", world.province, Period.month(YEAR, 4)).value == 0
    assert compute("GUONG_DIEN_HINH", world.province, Period.week(YEAR, 10)).value == 1  # 2–8 March
    assert compute("GUONG_DIEN_HINH", world.province, Period.week(YEAR, 11)).value == 0
    assert compute("GUONG_DIEN_HINH", world.outsider.roles.get().unit, year).value == 0
