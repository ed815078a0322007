"""The acceptance interface of online contests: create, rounds, attempts, answers, leaderboard."""

from datetime import timedelta

from django.utils import timezone

from doanso.learning.models import Attempt, Round
from tests.learning.conftest import right_answers


def test_create_contest_answers_201_with_id(api, contest):
    assert contest["id"] > 0
    assert contest["questions"] == 12
    got = api("hcm.admin").get(f"/contests/{contest['id']}").json()
    assert [r["number"] for r in got["rounds"]] == [1]


def test_rounds_are_numbered_in_turn(api, contest):
    admin = api("hcm.admin")
    now = timezone.now()
    r = admin.post(
        f"/contests/{contest['id']}/rounds",
        {"start": (now + timedelta(days=7)).isoformat(), "end": (now + timedelta(days=8)).isoformat()},
    )
    assert r.status_code == 201
    assert r.json()["number"] == 2


def test_round_must_end_after_it_starts(api, contest):
    now = timezone.now()
    r = api("hcm.admin").post(
        f"/contests/{contest['id']}/rounds",
        {"start": now.isoformat(), "end": (now - timedelta(hours=1)).isoformat()},
    )
    assert r.status_code == 400
    assert r.json()["field"] == "end"


def test_bad_inline_question_names_it(api):
    r = api("hcm.admin").post(
        "/contests",
        {
            "unit": "HCM",
            "title": "X",
            "questions_per_round": 1,
            "questions": [{"text": "A?", "options": ["1", "2"], "answer": 5}],
        },
    )
    assert r.status_code == 400
    assert r.json()["detail"].startswith("Câu 1")


def test_attempt_draws_shuffled_questions_without_answers(api, member_user, contest):
    r = api(member_user(1)).post(f"/contests/{contest['id']}/rounds/1/attempts")
    assert r.status_code == 201, r.content
    body = r.json()
    assert set(body) >= {"attempt", "questions", "deadline"}
    assert len(body["questions"]) == 10
    assert len({q["id"] for q in body["questions"]}) == 10
    for q in body["questions"]:
        assert set(q) == {"id", "text", "options"}
        assert sorted(o[:3] for o in q["options"]) == ["Sai", "Sai", "Sai", "Đún"]
    row = Attempt.objects.get(pk=body["attempt"])
    assert row.questions == [q["id"] for q in body["questions"]]
    assert len(row.signature) == 64


def test_options_are_shuffled_over_many_attempts(api, member_user, contest):
    positions = set()
    for i in range(6):
        body = api(member_user(10 + i)).post(f"/contests/{contest['id']}/rounds/1/attempts").json()
        positions.update(a["option"] for a in right_answers(body))
    assert len(positions) > 1


def test_second_attempt_same_round_is_409(api, member_user, contest):
    caller = api(member_user(2))
    assert caller.post(f"/contests/{contest['id']}/rounds/1/attempts").status_code == 201
    r = caller.post(f"/contests/{contest['id']}/rounds/1/attempts")
    assert r.status_code == 409
    assert Attempt.objects.filter(round__contest_id=contest["id"]).count() == 1


def test_one_attempt_per_round_is_a_database_constraint(api, member_user, contest):
    import pytest
    from django.db import IntegrityError, transaction

    body = api(member_user(3)).post(f"/contests/{contest['id']}/rounds/1/attempts").json()
    a = Attempt.objects.get(pk=body["attempt"])
    a.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        a.save()


def test_answers_graded_in_the_shown_order(api, member_user, contest):
    caller = api(member_user(4))
    started = caller.post(f"/contests/{contest['id']}/rounds/1/attempts").json()
    answers = right_answers(started)
    answers[0]["option"] = (answers[0]["option"] + 1) % 4  # one wrong
    r = caller.post(f"/attempts/{started['attempt']}/answers", {"answers": answers, "prediction": 3})
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["correct"] == 9
    assert body["seconds"] >= 0
    assert caller.post(f"/attempts/{started['attempt']}/answers", {"answers": answers}).status_code == 409


def test_answers_after_the_deadline_are_refused(api, member_user, contest):
    caller = api(member_user(5))
    started = caller.post(f"/contests/{contest['id']}/rounds/1/attempts").json()
    Attempt.objects.filter(pk=started["attempt"]).update(deadline=timezone.now() - timedelta(minutes=1))
    r = caller.post(f"/attempts/{started['attempt']}/answers", {"answers": right_answers(started)})
    assert r.status_code == 400
    assert r.json()["field"] == "answers"
    assert Attempt.objects.get(pk=started["attempt"]).submitted_at is None


def test_round_not_open_refuses_attempts(api, member_user, contest):
    Round.objects.filter(contest_id=contest["id"]).update(
        start=timezone.now() + timedelta(hours=1), end=timezone.now() + timedelta(hours=2)
    )
    r = api(member_user(6)).post(f"/contests/{contest['id']}/rounds/1/attempts")
    assert r.status_code == 400
    assert "chưa mở" in r.json()["detail"]


def test_someone_elses_attempt_is_404(api, member_user, contest):
    started = api(member_user(7)).post(f"/contests/{contest['id']}/rounds/1/attempts").json()
    r = api(member_user(8)).post(
        f"/attempts/{started['attempt']}/answers", {"answers": right_answers(started)}
    )
    assert r.status_code == 404


def test_tampered_draw_is_refused_and_flagged(api, member_user, contest):
    caller = api(member_user(9))
    started = caller.post(f"/contests/{contest['id']}/rounds/1/attempts").json()
    a = Attempt.objects.get(pk=started["attempt"])
    a.permutations = [[0, 1, 2, 3]] * len(a.permutations)
    a.save()
    r = caller.post(f"/attempts/{a.pk}/answers", {"answers": right_answers(started)})
    assert r.status_code == 400
    flags = api("hcm.admin").get(f"/contests/{contest['id']}/flags").json()
    assert [f["kind"] for f in flags["items"]] == ["tampered"]


def test_member_of_another_province_cannot_enter_a_members_only_contest(api, unit, contest):
    from doanso.accounts.models import RoleKind
    from tests.factories import BranchFactory, MemberFactory, UserFactory

    branch = BranchFactory(parent=unit("HN"))
    m = MemberFactory(branch=branch)
    u = UserFactory(unit=branch, role=RoleKind.MEMBER, member=m, username="hn.member1")
    r = api(u.username).post(f"/contests/{contest['id']}/rounds/1/attempts")
    assert r.status_code == 404
    assert not Attempt.objects.exists()
