"""Surveys through /api/v1/surveys: create, answer once (409 the second time), results per subtree."""

import pytest

from doanso.surveys import answers
from doanso.surveys.models import Response

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {
        "kind": "one",
        "text": "Bạn biết đến chương trình qua đâu?",
        "required": True,
        "choices": ["Fanpage", "Chi đoàn"],
    },
    {
        "kind": "many",
        "text": "Bạn muốn tham gia hoạt động nào?",
        "choices": ["Tình nguyện", "Thể thao", "Kỹ năng"],
    },
    {"kind": "scale", "text": "Mức độ hài lòng", "required": True},
    {"kind": "number", "text": "Số giờ tình nguyện mỗi tháng"},
    {"kind": "date", "text": "Ngày bạn vào Đoàn"},
    {"kind": "long", "text": "Góp ý"},
]


@pytest.fixture
def survey(api):
    def make(username="hcm.admin", unit="HCM", **extra):
        body = {
            "unit": unit,
            "title": "Ý kiến thanh niên 2026",
            "opens_on": "01/01/2026",
            "closes_on": "31/12/2030",
            "questions": QUESTIONS,
            **extra,
        }
        r = api(username).post("/surveys", body)
        assert r.status_code == 201, r.content
        sid = r.json()["id"]
        qids = [q["id"] for q in api(username).get(f"/surveys/{sid}").json()["questions"]]
        return sid, qids

    return make


def test_answer_once_then_409(api, survey):
    sid, q = survey()
    body = {
        "answers": {
            str(q[0]): "Fanpage",
            str(q[1]): ["Kỹ năng", "Tình nguyện"],
            str(q[2]): 4,
            str(q[3]): "12,5",
            str(q[4]): "26/03/2015",
            str(q[5]): "Tốt",
        }
    }
    assert api("hcm.admin").post(f"/surveys/{sid}/responses", body).status_code == 201
    r = api("hcm.admin").post(f"/surveys/{sid}/responses", body)
    assert r.status_code == 409
    assert r.json()["detail"] == "Bạn đã trả lời khảo sát này rồi; mỗi người chỉ trả lời một lần."
    assert Response.objects.filter(survey_id=sid).count() == 1
    res = api("hcm.admin").get(f"/surveys/{sid}/results").json()
    assert res["responses"] == 1
    assert res["questions"][0]["counts"] == [{"label": "Fanpage", "n": 1}, {"label": "Chi đoàn", "n": 0}]
    assert res["questions"][2]["mean"] == 4 and res["questions"][3]["mean"] == 12.5


def test_a_bad_answer_names_the_question_and_writes_nothing(api, survey):
    sid, q = survey()
    r = api("hcm.admin").post(f"/surveys/{sid}/responses", {"answers": {str(q[0]): "Fanpage", str(q[2]): 9}})
    assert r.status_code == 400 and r.json()["detail"] == "Câu 3: chọn một mức từ 1 đến 5."
    r = api("hcm.admin").post(f"/surveys/{sid}/responses", {"answers": {str(q[2]): 3}})
    assert r.json()["detail"] == "Câu 1: bắt buộc trả lời."
    assert not Response.objects.filter(survey_id=sid).exists()


def test_anonymous_answers_keep_no_user_but_still_once(api, survey):
    sid, q = survey(anonymous=True)
    body = {"answers": {str(q[0]): "Chi đoàn", str(q[2]): 5}}
    assert api("hcm.admin").post(f"/surveys/{sid}/responses", body).status_code == 201
    assert api("hcm.admin").post(f"/surveys/{sid}/responses", body).status_code == 409
    r = Response.objects.get(survey_id=sid)
    assert r.user is None and not r.respondent.startswith("u:")


def test_results_per_subtree_and_member_audience(api, survey):
    from doanso.accounts.models import User

    me = User.objects.get(username="doanvien.demo")
    sid, q = survey(username="ct.admin", unit="CT")
    body = {"answers": {str(q[0]): "Chi đoàn", str(q[2]): 2}}
    assert api("doanvien.demo").post(f"/surveys/{sid}/responses", body).status_code == 201
    branch = me.member.branch.code
    assert api("ct.admin").get(f"/surveys/{sid}/results", unit=branch).json()["responses"] == 1
    assert api("ct.admin").get(f"/surveys/{sid}/results", unit="CT").json()["responses"] == 1
    # a survey of another province is not open to this member
    other, _ = survey()
    assert api("doanvien.demo").post(f"/surveys/{other}/responses", body).status_code == 404


def test_another_province_can_neither_read_nor_answer(api, survey):
    sid, q = survey()
    hn = api("hn.admin")
    assert hn.get(f"/surveys/{sid}").status_code == 404
    assert hn.get(f"/surveys/{sid}/results").status_code == 404
    assert hn.post(f"/surveys/{sid}/responses", {"answers": {}}).status_code == 404
    assert (
        hn.post(
            "/surveys",
            {
                "unit": "HCM",
                "title": "X",
                "opens_on": "2026-01-01",
                "closes_on": "2026-02-01",
                "questions": QUESTIONS,
            },
        ).status_code
        == 404
    )
    assert sid not in [s["id"] for s in hn.get("/surveys").json()["items"]]


def test_a_choice_question_needs_two_options(api):
    r = api("hcm.admin").post(
        "/surveys",
        {
            "unit": "HCM",
            "title": "X",
            "opens_on": "2026-01-01",
            "closes_on": "2026-02-01",
            "questions": [{"kind": "one", "text": "?", "choices": ["A"]}],
        },
    )
    assert (
        r.status_code == 400 and r.json()["detail"] == "Câu 1: cần ít nhất hai phương án, không trùng nhau."
    )


def test_numbers_and_dates_are_read_the_vietnamese_way():
    assert answers.clean(1, "number", False, [], "85.000") == 85000
    assert answers.clean(1, "date", False, [], "15/03/2026") == "2026-03-15"
    assert answers.clean(1, "many", False, ["a", "b"], ["b", "a", "b"]) == ["a", "b"]


def test_todo_lists_surveys_open_for_a_member_until_answered(api, survey):
    sid, q = survey(username="ct.admin", unit="CT")

    from django.utils import timezone

    from doanso.accounts.models import User
    from doanso.surveys.todo import open_for_me

    def open_ids():  # todo.services shows lists only to people who act for a unit: the provider itself
        return [i.url for i in open_for_me(User.objects.get(username="doanvien.demo"), [], timezone.now())]

    assert f"/api/v1/surveys/{sid}" in open_ids()
    api("doanvien.demo").post(f"/surveys/{sid}/responses", {"answers": {str(q[0]): "Fanpage", str(q[2]): 3}})
    assert f"/api/v1/surveys/{sid}" not in open_ids()
