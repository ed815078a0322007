"""Ranking: correct answers desc, then time asc, then |prediction − entrants with all right| asc
(the last known only when the round closes); leaderboards per unit; the count from counters."""

from datetime import timedelta

import pytest
from django.utils import timezone

from doanso.learning import contests
from doanso.learning.models import Attempt, Round
from tests.learning.conftest import right_answers


def _play(api, username, contest_id, wrong=0, prediction=None):
    caller = api(username)
    started = caller.post(f"/contests/{contest_id}/rounds/1/attempts").json()
    answers = right_answers(started)
    for a in answers[:wrong]:
        a["option"] = (a["option"] + 1) % 4
    r = caller.post(f"/attempts/{started['attempt']}/answers", {"answers": answers, "prediction": prediction})
    assert r.status_code == 200, r.content
    return started["attempt"]


def _close(contest_id):
    rnd = Round.objects.get(contest_id=contest_id, number=1)
    Round.objects.filter(pk=rnd.pk).update(end=timezone.now() - timedelta(seconds=1))
    rnd.refresh_from_db()
    return contests.close_round(rnd)


def test_ranked_by_correct_then_time_then_prediction(api, member_user, contest):
    cid = contest["id"]
    a = _play(api, member_user(1), cid, wrong=0, prediction=10)
    b = _play(api, member_user(2), cid, wrong=0, prediction=3)
    c = _play(api, member_user(3), cid, wrong=1, prediction=3)
    d = _play(api, member_user(4), cid, wrong=0, prediction=2)
    # a, b and d: all right in the same time (a tie on time); d slower than all of them
    Attempt.objects.filter(pk__in=[a, b]).update(millis=30_000)
    Attempt.objects.filter(pk=d).update(millis=31_000)
    before = api("hcm.admin").get(f"/contests/{cid}/rounds/1/leaderboard").json()
    assert [i["attempt"] for i in before["items"]][:2] == [a, b]  # gaps unknown: by id
    rnd = _close(cid)
    assert rnd.all_correct == 3
    got = api("hcm.admin").get(f"/contests/{cid}/rounds/1/leaderboard").json()
    assert got["count"] == 4
    assert [i["attempt"] for i in got["items"]] == [b, a, d, c]  # |3−3| < |10−3|
    assert [i["rank"] for i in got["items"]] == [1, 2, 3, 4]
    assert got["items"][0]["gap"] == 0


def test_no_prediction_ranks_after_any_prediction(api, member_user, contest):
    cid = contest["id"]
    a = _play(api, member_user(1), cid, prediction=None)
    b = _play(api, member_user(2), cid, prediction=1000)
    Attempt.objects.filter(pk__in=[a, b]).update(millis=5_000)
    _close(cid)
    got = api("hcm.admin").get(f"/contests/{cid}/rounds/1/leaderboard").json()
    assert [i["attempt"] for i in got["items"]] == [b, a]


def test_leaderboard_per_unit(api, member_user, contest, hcm_branches):
    cid = contest["id"]
    a = _play(api, member_user(1, branch=0), cid)
    b = _play(api, member_user(2, branch=1), cid)
    code = hcm_branches[1].code
    got = api("hcm.admin").get(f"/contests/{cid}/rounds/1/leaderboard", unit=code).json()
    assert [i["attempt"] for i in got["items"]] == [b]
    assert got["count"] == 1
    assert a not in [i["attempt"] for i in got["items"]]
    whole = api("hcm.admin").get(f"/contests/{cid}/rounds/1/leaderboard").json()
    assert whole["count"] == 2


def test_leaderboard_of_a_unit_outside_the_contest_is_404(api, contest):
    r = api("hcm.admin").get(f"/contests/{contest['id']}/rounds/1/leaderboard", unit="HN")
    assert r.status_code == 404


def test_closing_before_the_end_is_refused(contest):
    rnd = Round.objects.get(contest_id=contest["id"], number=1)
    with pytest.raises(contests.UserError):
        contests.close_round(rnd)


def test_close_round_api_and_answers_after_close_refused(api, member_user, contest):
    cid = contest["id"]
    caller = api(member_user(1))
    started = caller.post(f"/contests/{cid}/rounds/1/attempts").json()
    Round.objects.filter(contest_id=cid).update(end=timezone.now() - timedelta(seconds=5))
    r = api("hcm.admin").post(f"/contests/{cid}/rounds/1/close")
    assert r.status_code == 200
    assert r.json()["closed"] is True
    r = caller.post(f"/attempts/{started['attempt']}/answers", {"answers": right_answers(started)})
    assert r.status_code == 400


def test_count_equals_a_recount(api, member_user, contest):
    cid = contest["id"]
    for i in range(3):
        _play(api, member_user(20 + i), cid)
    rnd = Round.objects.get(contest_id=cid, number=1)
    _, count = contests.leaderboard(rnd)
    assert count == Attempt.objects.filter(round=rnd, correct__gte=0).count() == 3
