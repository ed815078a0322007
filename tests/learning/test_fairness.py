"""Fairness: the pure rules (hypothesis), anomaly flags visible to organisers, rate limits."""

import random

from hypothesis import given
from hypothesis import strategies as st

from doanso.learning import fairness
from doanso.learning.models import Attempt, Flag
from tests.learning.conftest import right_answers


@given(st.integers(2, 8), st.integers(0, 2**32))
def test_permutation_is_a_permutation(n, seed):
    p = fairness.permutation(n, random.Random(seed))
    assert sorted(p) == list(range(n))


@given(
    st.lists(st.integers(1, 10**6), min_size=1, max_size=50, unique=True),
    st.integers(1, 60),
    st.integers(0, 99),
)
def test_draw_is_distinct_and_from_the_pool(pool, n, seed):
    got = fairness.draw(pool, n, random.Random(seed))
    assert len(got) == min(n, len(pool)) == len(set(got))
    assert set(got) <= set(pool)


@given(st.data())
def test_grading_the_shown_positions_finds_the_originals(data):
    n = data.draw(st.integers(1, 10))
    qids = list(range(100, 100 + n))
    perms = [data.draw(st.permutations(list(range(4)))) for _ in qids]
    rights = [data.draw(st.integers(0, 3)) for _ in qids]
    shown = {q: perm.index(r) for q, perm, r in zip(qids, perms, rights, strict=True)}
    assert fairness.grade(qids, perms, rights, shown) == (n, rights)
    correct, _ = fairness.grade(qids, perms, rights, {})
    assert correct == 0


@given(st.binary(min_size=1, max_size=64), st.integers(0, 63))
def test_any_change_breaks_the_signature(data, i):
    key = b"k" * 32
    sig = fairness.sign(key, data)
    assert fairness.verify(key, data, sig)
    changed = bytearray(data)
    changed[i % len(data)] ^= 1
    assert not fairness.verify(key, bytes(changed), sig)


def test_rank_key_follows_the_rules():
    rows = [(9, 100, 5), (10, 200, 50), (10, 200, 3), (10, 150, 900)]
    ranked = sorted(rows, key=lambda r: fairness.rank_key(r[0], r[1], r[2], 4))
    assert ranked == [(10, 150, 900), (10, 200, 3), (10, 200, 50), (9, 100, 5)]


def test_impossible_time_is_flagged_not_dropped(api, member_user, contest):
    caller = api(member_user(1))
    started = caller.post(f"/contests/{contest['id']}/rounds/1/attempts").json()
    r = caller.post(f"/attempts/{started['attempt']}/answers", {"answers": right_answers(started)})
    assert r.json()["correct"] == 10  # answered within milliseconds in the test
    flags = api("hcm.admin").get(f"/contests/{contest['id']}/flags").json()
    assert [f["kind"] for f in flags["items"]] == ["too_fast"]
    board = api("hcm.admin").get(f"/contests/{contest['id']}/rounds/1/leaderboard").json()
    assert [i["attempt"] for i in board["items"]] == [started["attempt"]]


def test_many_entrants_from_one_device_are_flagged(api, member_user, contest):
    for i in range(2):
        r = api(member_user(i)).post(f"/contests/{contest['id']}/rounds/1/attempts", HTTP_X_DEVICE_ID="may-1")
        assert r.status_code == 201
    assert list(Flag.objects.values_list("kind", flat=True)) == ["shared_device"]


def test_many_entrants_from_one_address_are_flagged(api, member_user, contest, settings):
    settings.DOANSO_CONTEST_SAME_SOURCE_LIMIT = 2
    for i in range(3):
        api(member_user(i)).post(f"/contests/{contest['id']}/rounds/1/attempts")
    assert list(Flag.objects.values_list("kind", flat=True)) == ["shared_ip"]
    assert Attempt.objects.count() == 3


def test_rate_limit_answers_429(api, member_user, contest, settings):
    from django.core.cache import cache

    cache.clear()
    settings.DOANSO_CONTEST_RATE_PER_MINUTE = 2
    caller = api(member_user(1))
    codes = [caller.post(f"/contests/{contest['id']}/rounds/1/attempts").status_code for _ in range(3)]
    assert codes == [201, 409, 429]
    cache.clear()


def test_other_province_admin_cannot_reach_contest_api(api, member_user, contest):
    hn = api("hn.admin")
    cid = contest["id"]
    assert hn.get(f"/contests/{cid}").status_code == 404
    assert hn.get(f"/contests/{cid}/flags").status_code == 404
    assert hn.get(f"/contests/{cid}/rounds/1/leaderboard").status_code == 404
    assert (
        hn.post(
            f"/contests/{cid}/rounds", {"start": "2026-12-07T20:00:00", "end": "2026-12-07T21:00:00"}
        ).status_code
        == 404
    )
    assert hn.post(f"/contests/{cid}/rounds/1/attempts").status_code == 404
    assert hn.post("/contests", {"unit": "HCM", "title": "X", "questions_per_round": 1}).status_code == 404
