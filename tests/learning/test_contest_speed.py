"""The round's rush (issue 15, speed): the statements an attempt start and a hand-in cost are pinned,
so a change that adds a query per request goes red; and the shortcuts that got them there (the
question pool kept per process, the signature made before the INSERT, rate limits as one upsert,
the leaderboard's two reads) keep every rule they stand in for."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from doanso.core import crypto
from doanso.learning import contests, fairness, ratelimit
from doanso.learning.models import Attempt, Contest, Entrant, Flag, RateCount
from tests.learning.conftest import right_answers

# Statements per request through the API with a bearer token (the test's transaction turns the
# hand-in's BEGIN/COMMIT into SAVEPOINT/RELEASE on SQLite, counted here too).
START_FIRST = 8  # token (with roles), token touch, round+contest+unit, member+branch+entrant id,
#                  rate limits, entrant INSERT, attempt INSERT, crowd counts
START_RETURNING = 6  # no token touch, no entrant INSERT
# token, attempt+entrant+member+branch+round+contest, rate limit, then on PostgreSQL one statement
# (rows.hand_in_at_once); on SQLite SAVEPOINT, UPDATE, too-fast flag, credit INSERT, counter upsert,
# RELEASE
ANSWERS = {"postgresql": 4, "sqlite": 9}


@pytest.fixture
def warm(api, member_user, contest):
    """Someone has started the round already: the question pool is loaded in this process."""
    api(member_user(90)).post(f"/contests/{contest['id']}/rounds/1/attempts")
    return contest


def test_attempt_start_and_hand_in_query_budgets(api, member_user, warm, django_assert_max_num_queries):
    caller = api(member_user(1))
    with django_assert_max_num_queries(START_FIRST):
        r = caller.post(f"/contests/{warm['id']}/rounds/1/attempts")
    assert r.status_code == 201, r.content
    started = r.json()
    with django_assert_max_num_queries(ANSWERS[connection.vendor]):
        r = caller.post(f"/attempts/{started['attempt']}/answers", {"answers": right_answers(started)})
    assert r.status_code == 200, r.content
    assert r.json()["correct"] == 10


def test_a_returning_entrant_starts_with_fewer_statements(
    api, member_user, warm, django_assert_max_num_queries
):
    caller = api(member_user(2))
    one = caller.post(f"/contests/{warm['id']}/rounds/1/attempts").json()["attempt"]
    admin = api("hcm.admin")
    now = timezone.now()
    r = admin.post(
        f"/contests/{warm['id']}/rounds",
        {"start": (now - timedelta(minutes=1)).isoformat(), "end": (now + timedelta(hours=1)).isoformat()},
    )
    assert r.status_code == 201
    api(member_user(91)).post(f"/contests/{warm['id']}/rounds/2/attempts")  # round 2 warm too
    entrants = Entrant.objects.count()
    with django_assert_max_num_queries(START_RETURNING):
        r = caller.post(f"/contests/{warm['id']}/rounds/2/attempts")
    assert r.status_code == 201, r.content
    assert Entrant.objects.count() == entrants  # the same entrant row, found with the member
    two = r.json()["attempt"]
    assert Attempt.objects.get(pk=one).entrant_id == Attempt.objects.get(pk=two).entrant_id


def test_the_pool_kept_per_process_takes_questions_added_later(api, member_user, contest):
    c = Contest.objects.get(pk=contest["id"])
    before = contests.question_pool(c)
    contests.add_questions(c, [{"text": "Câu mới?", "options": ["Có", "Không"], "answer": 1}])
    after = contests.question_pool(c)
    assert len(after) == len(before) + 1
    assert ("Câu mới?", ["Có", "Không"], 1) in after.values()


def test_an_attempt_signed_with_its_id_before_the_change_still_hands_in(api, member_user, contest):
    caller = api(member_user(3))
    started = caller.post(f"/contests/{contest['id']}/rounds/1/attempts").json()
    a = Attempt.objects.get(pk=started["attempt"])
    old = fairness.payload(
        a.pk, a.round_id, a.entrant_id, a.questions, a.permutations, a.deadline.isoformat()
    )
    a.signature = fairness.sign(crypto.sign(b"learning.attempt").encode(), old)
    a.save(update_fields=["signature"])
    r = caller.post(f"/attempts/{a.pk}/answers", {"answers": right_answers(started)})
    assert r.status_code == 200, r.content
    assert not Flag.objects.filter(attempt=a, kind="tampered").exists()


def test_a_second_hand_in_is_409_and_counts_once(api, member_user, contest):
    from doanso.core.errors import ConflictError

    caller = api(member_user(4))
    started = caller.post(f"/contests/{contest['id']}/rounds/1/attempts").json()
    stale = Attempt.objects.select_related("entrant__member__branch", "round__contest").get(
        pk=started["attempt"]
    )
    body = {"answers": right_answers(started)}
    assert caller.post(f"/attempts/{started['attempt']}/answers", body).status_code == 200
    assert caller.post(f"/attempts/{started['attempt']}/answers", body).status_code == 409
    # the same hand-in racing the first (read before it landed): refused by the write itself
    with pytest.raises(ConflictError):
        contests.submit_answers(stale, {a["question"]: a["option"] for a in body["answers"]}, None)
    board = api("hcm.admin").get(f"/contests/{contest['id']}/rounds/1/leaderboard").json()
    assert board["count"] == 1 and [i["attempt"] for i in board["items"]] == [started["attempt"]]
    # the refused hand-in added nothing: the round's entrants and the member's credit, at the province
    from doanso.learning import credits
    from doanso.learning.models import Round
    from doanso.org.models import Unit

    hcm = Unit.objects.get(code="HCM")
    rnd = Round.objects.get(contest_id=contest["id"], number=1)
    assert credits.round_entrants(rnd, hcm) == 1
    assert credits.count(hcm, "contest", timezone.localdate().year) == 1


def test_rate_limits_count_every_scope_in_one_upsert_and_old_windows_are_purged(db, settings):
    settings.DOANSO_CONTEST_RATE_PER_MINUTE = 2
    ratelimit.hit_many([("start", "u1"), ("start-ip", "10.0.0.1")])
    ratelimit.hit_many([("start", "u1"), ("start-ip", "10.0.0.2")])
    with pytest.raises(ratelimit.TooMany):
        ratelimit.hit_many([("start", "u1"), ("start-ip", "10.0.0.3")])  # the account is at 3
    now = ratelimit._window()
    RateCount.objects.create(key=f"start:u9:{now - 5}", window=now - 5, n=40)
    contests.close_due_rounds()
    assert not RateCount.objects.filter(window__lt=now - 1).exists()
    assert RateCount.objects.filter(window=now).count() == 4


def test_leaderboard_pages_come_in_rank_order(api, member_user, contest, hcm_branches):
    cid = contest["id"]
    ids = []
    for i in range(5):
        caller = api(member_user(20 + i, branch=i % 2))
        started = caller.post(f"/contests/{cid}/rounds/1/attempts").json()
        answers = right_answers(started)
        for a in answers[:i]:
            a["option"] = (a["option"] + 1) % 4
        caller.post(f"/attempts/{started['attempt']}/answers", {"answers": answers})
        ids.append(started["attempt"])
    admin = api("hcm.admin")
    first = admin.get(f"/contests/{cid}/rounds/1/leaderboard", limit=2).json()
    second = admin.get(f"/contests/{cid}/rounds/1/leaderboard", limit=2, offset=2).json()
    got = [i["attempt"] for i in first["items"] + second["items"]]
    assert got == ids[:4]  # the i-th entrant got i answers wrong
    assert [i["rank"] for i in first["items"] + second["items"]] == [1, 2, 3, 4]
    branch = admin.get(f"/contests/{cid}/rounds/1/leaderboard", unit=hcm_branches[1].code).json()
    assert [i["attempt"] for i in branch["items"]] == [ids[1], ids[3]]
    assert [i["correct"] for i in branch["items"]] == [9, 7]
