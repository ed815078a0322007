"""Courses through the API: created by a unit's admin, listed for the member, quiz graded."""

from doanso.learning.models import Completion

QUIZ = [{"text": "Câu 1?", "options": ["Đúng", "Sai"], "answer": 0}]


def test_course_lifecycle(api, member_user):
    admin = api("hcm.admin")
    r = admin.post(
        "/courses",
        {
            "unit": "HCM",
            "title": "Học tập Nghị quyết",
            "kind": "nghi_quyet",
            "lessons": [{"title": "Bài 1"}],
            "questions": QUIZ,
        },
    )
    assert r.status_code == 201, r.content
    cid = r.json()["id"]
    member = api(member_user(1))
    assert cid in [c["id"] for c in member.get("/courses/mine").json()["items"]]
    course = member.get(f"/courses/{cid}").json()
    assert course["lessons"][0]["title"] == "Bài 1"
    assert "answer" not in course["questions"][0]
    got = member.post(
        f"/courses/{cid}/quiz", {"answers": [{"question": course["questions"][0]["id"], "option": 0}]}
    )
    assert got.json() == {"correct": 1, "total": 1, "score": 100, "passed": True}
    assert Completion.objects.filter(course_id=cid).count() == 1


def test_other_province_cannot_see_or_create(api):
    hn = api("hn.admin")
    assert hn.post("/courses", {"unit": "HCM", "title": "X", "questions": QUIZ}).status_code == 404
    cid = api("hcm.admin").post("/courses", {"unit": "HCM", "title": "Y", "questions": QUIZ}).json()["id"]
    assert hn.get(f"/courses/{cid}").status_code == 404
    assert hn.post(f"/courses/{cid}/quiz", {"answers": []}).status_code == 404


def test_occupation_course_needs_an_occupation(api):
    r = api("hcm.admin").post("/courses", {"unit": "HCM", "title": "Z", "audience": "occupation"})
    assert r.status_code == 400
    assert r.json()["field"] == "occupation"
