"""The ideas bank through /api/v1/ideas: submit, the review workflow, history, support, scope."""

import pytest

from doanso.ideas.models import Idea, Transition

pytestmark = pytest.mark.django_db


def test_submit_answers_201_with_the_status(api):
    r = api("hcm.admin").post(
        "/ideas", {"unit": "HCM", "title": "Bản đồ điểm xanh", "description": "Mô tả", "field": "moi_truong"}
    )
    assert r.status_code == 201
    body = r.json()
    assert body == {"id": body["id"], "status": "tiep_nhan"}
    idea = Idea.objects.get(pk=body["id"])
    assert (idea.unit.code, idea.title, idea.field, idea.author.username) == (
        "HCM",
        "Bản đồ điểm xanh",
        "moi_truong",
        "hcm.admin",
    )


def test_a_field_outside_the_catalogue_is_refused_in_vietnamese(api):
    before = Idea.objects.count()
    r = api("hcm.admin").post(
        "/ideas", {"unit": "HCM", "title": "X", "description": "Y", "field": "the_thao"}
    )
    assert r.status_code == 422
    assert "field" in r.json()["detail"]
    assert Idea.objects.count() == before


def test_blank_title_is_refused_naming_the_field(api):
    r = api("hcm.admin").post("/ideas", {"unit": "HCM", "title": "   ", "description": "Y", "field": "khac"})
    assert r.status_code == 400
    assert r.json() == {"detail": "“Tên ý tưởng”: chưa nhập.", "field": "title"}


def test_the_whole_workflow_with_history(api, new_idea):
    i = new_idea()
    caller = api("hcm.admin")
    for to in ("danh_gia", "ho_tro", "trien_khai", "hoan_thanh"):
        r = caller.post(f"/ideas/{i}/transitions", {"to": to, "note": f"sang {to}"})
        assert r.status_code == 200, r.content
        assert r.json()["status"] == to
    detail = caller.get(f"/ideas/{i}").json()
    assert [(t["from_status"], t["to_status"], t["note"]) for t in detail["transitions"]] == [
        ("tiep_nhan", "danh_gia", "sang danh_gia"),
        ("danh_gia", "ho_tro", "sang ho_tro"),
        ("ho_tro", "trien_khai", "sang trien_khai"),
        ("trien_khai", "hoan_thanh", "sang hoan_thanh"),
    ]
    assert all(t["by"] for t in detail["transitions"])
    assert detail["next"] == [] and detail["version"] == 4


@pytest.mark.parametrize(
    "steps, to",
    [
        ((), "hoan_thanh"),
        ((), "ho_tro"),
        ((), "tiep_nhan"),
        (("danh_gia",), "trien_khai"),
        (("danh_gia", "ho_tro"), "danh_gia"),
        (("danh_gia", "ho_tro", "trien_khai", "hoan_thanh"), "tu_choi"),
    ],
)
def test_out_of_order_is_409_and_writes_nothing(api, new_idea, move, steps, to):
    i = new_idea()
    move(i, *steps)
    n = Transition.objects.count()
    r = api("hcm.admin").post(f"/ideas/{i}/transitions", {"to": to, "note": "x"})
    assert r.status_code == 409
    assert r.json()["field"] == "to"
    assert "Không thể chuyển" in r.json()["detail"] or "không thể chuyển tiếp" in r.json()["detail"]
    assert Transition.objects.count() == n
    assert Idea.objects.get(pk=i).status == (steps[-1] if steps else "tiep_nhan")


def test_tiep_nhan_to_hoan_thanh_message(api, new_idea):
    i = new_idea()
    r = api("hcm.admin").post(f"/ideas/{i}/transitions", {"to": "hoan_thanh", "note": ""})
    assert r.json()["detail"] == (
        "Không thể chuyển ý tưởng từ “Tiếp nhận” sang “Hoàn thành”: "
        "bước tiếp theo là “Đánh giá” (hoặc “Từ chối”)."
    )


def test_rejection_needs_a_reason(api, new_idea, move):
    i = new_idea()
    move(i, "danh_gia")
    r = api("hcm.admin").post(f"/ideas/{i}/transitions", {"to": "tu_choi", "note": "  "})
    assert r.status_code == 400 and r.json()["field"] == "note"
    r = api("hcm.admin").post(f"/ideas/{i}/transitions", {"to": "tu_choi", "note": "Trùng ý tưởng đã có"})
    assert r.status_code == 200 and r.json()["status"] == "tu_choi"


def test_a_stale_version_is_409(api, new_idea):
    i = new_idea()
    caller = api("hcm.admin")
    assert caller.post(f"/ideas/{i}/transitions", {"to": "danh_gia", "version": 0}).status_code == 200
    r = caller.post(f"/ideas/{i}/transitions", {"to": "ho_tro", "version": 0})
    assert r.status_code == 409 and r.json()["field"] == "version"
    assert Idea.objects.get(pk=i).status == "danh_gia"


def test_support_record_reads_vietnamese_money(api, new_idea, move):
    i = new_idea()
    caller = api("hcm.admin")
    body = {"kind": "kinh_phi", "provider": "Công ty ABC", "amount": "15.000.000"}
    r = caller.post(f"/ideas/{i}/supports", body)
    assert r.status_code == 409  # not approved for support yet
    move(i, "danh_gia", "ho_tro")
    r = caller.post(f"/ideas/{i}/supports", body)
    assert r.status_code == 201
    assert caller.get(f"/ideas/{i}").json()["supports"][0]["amount"] == 15_000_000
    r = caller.post(f"/ideas/{i}/supports", {**body, "amount": "15,000,000đ"})
    assert r.status_code == 400 and r.json()["field"] == "amount"
    r = caller.post(f"/ideas/{i}/supports", {**body, "amount": "-5"})
    assert r.status_code == 400 and r.json()["field"] == "amount"
    r = caller.post(f"/ideas/{i}/supports", {"kind": "co_van", "provider": "TS. Lê Văn An"})
    assert r.status_code == 201


def test_member_support_is_once_per_person(api, new_idea):
    i = new_idea()
    assert api("hcm.admin").post(f"/ideas/{i}/endorsements").status_code == 201
    r = api("hcm.admin").post(f"/ideas/{i}/endorsements")
    assert r.status_code == 409 and r.json()["detail"] == "Bạn đã ủng hộ ý tưởng này rồi."
    assert api("hcm.admin").get(f"/ideas/{i}").json()["endorsements"] == 1


def test_a_member_submits_to_their_branch_and_sees_only_their_own(api):
    from doanso.accounts.models import User

    u = User.objects.get(username="doanvien.demo")
    r = api("doanvien.demo").post(
        "/ideas",
        {"unit": u.member.branch.code, "title": "Ý tưởng của tôi", "description": "Mô tả", "field": "khac"},
    )
    assert r.status_code == 201
    mine = api("doanvien.demo").get("/ideas", mine="true").json()
    assert r.json()["id"] in [x["id"] for x in mine["items"]]
    assert {x["unit"] for x in api("doanvien.demo").get("/ideas").json()["items"]} <= {u.member.branch.code}
    # …but may not review it
    assert (
        api("doanvien.demo").post(f"/ideas/{r.json()['id']}/transitions", {"to": "danh_gia"}).status_code
        == 404
    )
    # …nor submit to another province
    assert (
        api("doanvien.demo")
        .post("/ideas", {"unit": "HCM", "title": "X", "description": "Y", "field": "khac"})
        .status_code
        == 404
    )


def test_another_province_can_neither_read_nor_write(api, new_idea, move):
    i = new_idea()
    move(i, "danh_gia", "ho_tro")
    hn = api("hn.admin")
    assert hn.get(f"/ideas/{i}").status_code == 404
    assert i not in [x["id"] for x in hn.get("/ideas").json()["items"]]
    assert hn.get("/ideas", unit="HCM").status_code == 404
    assert hn.post(f"/ideas/{i}/transitions", {"to": "trien_khai"}).status_code == 404
    assert hn.post(f"/ideas/{i}/supports", {"kind": "co_van", "provider": "X"}).status_code == 404
    assert hn.post(f"/ideas/{i}/endorsements").status_code == 404
    assert hn.post(f"/ideas/{i}/reports", {"reason": "spam"}).status_code == 404
    assert hn.post(f"/ideas/{i}/moderation", {"decision": "kept_hidden"}).status_code == 404
    assert (
        hn.post("/ideas", {"unit": "HCM", "title": "X", "description": "Y", "field": "khac"}).status_code
        == 404
    )
    assert Idea.objects.get(pk=i).status == "ho_tro"


def test_the_list_filters_by_unit_and_status(api, new_idea, move):
    a, b = new_idea(title="A"), new_idea(title="B")
    move(b, "danh_gia")
    items = api("hcm.admin").get("/ideas", unit="HCM", status="danh_gia").json()["items"]
    ids = [x["id"] for x in items]
    assert b in ids and a not in ids
