"""Rounds close at their end by the scheduled job: the ranking is frozen by the rules (right answers,
then time, then closeness of the prediction), the round's prizes are awarded, later answers refused."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from doanso.core.errors import UserError
from doanso.learning import contests
from doanso.learning.models import Attempt, Prize, Round
from doanso.learning.tasks import close_rounds_task
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

QS = [{"text": f"Câu {i}?", "options": ["Đúng", "Sai", "Chưa rõ"], "answer": 0} for i in range(4)]


@pytest.fixture
def setup(unit, hcm_branches):
    hcm = unit("HCM")
    c = contests.create_contest(unit=hcm, title="Thi tuần", questions_per_round=4, questions=QS)
    c.prizes = [{"name": "Giải Nhất", "count": 1}, {"name": "Giải Nhì", "count": 2}]
    c.save()
    t0 = timezone.now() - timedelta(hours=1)
    rnd = contests.add_round(c, t0, t0 + timedelta(minutes=30))
    return c, rnd, t0


def _take(rnd, t0, *, right: int, seconds: int, prediction, branch):
    member = MemberFactory(branch=branch)
    entrant = contests.member_entrant(member)
    a = contests.start_attempt(rnd, entrant, unit=branch, ip=None, device="", now=t0).attempt
    chosen = {}
    for k, (q, perm) in enumerate(zip(a.questions, a.permutations, strict=True)):
        right_pos = perm.index(0)
        chosen[q] = right_pos if k < right else (right_pos + 1) % len(perm)
    contests.submit_answers(a, chosen, prediction, now=t0 + timedelta(seconds=seconds))
    return member


def test_the_scheduled_command_freezes_the_ranking_by_the_rules_and_awards_prizes(setup, hcm_branches, api):
    c, rnd, t0 = setup
    b = hcm_branches[0]
    # all four right in 60 s: the tie is broken by the prediction (2 entrants answer everything)
    near = _take(rnd, t0, right=4, seconds=60, prediction=2, branch=b)
    far = _take(rnd, t0, right=4, seconds=60, prediction=40, branch=b)
    faster_but_wrong = _take(rnd, t0, right=3, seconds=10, prediction=2, branch=hcm_branches[1])
    slow = _take(rnd, t0, right=3, seconds=500, prediction=None, branch=b)
    call_command("learning", "close-rounds")
    rnd.refresh_from_db()
    assert rnd.closed_at is not None and rnd.all_correct == 2
    ranks = dict(Attempt.objects.filter(round=rnd).values_list("entrant__member_id", "rank"))
    assert [ranks[m.pk] for m in (near, far, faster_but_wrong, slow)] == [1, 2, 3, 4]
    prizes = list(Prize.objects.filter(round=rnd).values_list("rank", "name", "attempt__entrant__member_id"))
    assert prizes == [
        (1, "Giải Nhất", near.pk),
        (2, "Giải Nhì", far.pk),
        (3, "Giải Nhì", faster_but_wrong.pk),
    ]
    board = api("hcm.admin").get(f"/contests/{c.pk}/rounds/1/leaderboard").json()["items"]
    assert [(i["place"], i["prize"]) for i in board] == [
        (1, "Giải Nhất"),
        (2, "Giải Nhì"),
        (3, "Giải Nhì"),
        (4, None),
    ]
    # a second run of the job changes nothing
    call_command("learning", "close-rounds")
    assert Prize.objects.filter(round=rnd).count() == 3


def test_answers_after_the_close_are_refused_and_the_ranking_stays(setup, hcm_branches):
    c, rnd, t0 = setup
    b = hcm_branches[0]
    _take(rnd, t0, right=2, seconds=30, prediction=1, branch=b)
    late = contests.start_attempt(
        rnd, contests.member_entrant(MemberFactory(branch=b)), unit=b, ip=None, device="", now=t0
    ).attempt
    assert contests.close_due_rounds() >= 1  # ours, and any demo round already over
    chosen = {q: perm.index(0) for q, perm in zip(late.questions, late.permutations, strict=True)}
    with pytest.raises(UserError, match="Đã hết giờ làm bài"):
        contests.submit_answers(
            late, chosen, 1, now=t0 + timedelta(minutes=10)
        )  # inside its time, but closed
    late.refresh_from_db()
    assert late.correct == -1 and late.rank is None
    assert list(Prize.objects.filter(round=rnd).values_list("rank", flat=True)) == [1]


def test_a_round_still_running_or_inside_the_grace_is_not_closed(setup):
    c, rnd, t0 = setup
    running = contests.add_round(
        c, timezone.now() - timedelta(minutes=1), timezone.now() + timedelta(hours=1)
    )
    grace = contests.add_round(c, t0, timezone.now() - timedelta(milliseconds=500))
    assert close_rounds_task.call() >= 1  # the django-tasks task is the same job
    closed = set(Round.objects.filter(closed_at__isnull=False).values_list("pk", flat=True))
    assert rnd.pk in closed and running.pk not in closed and grace.pk not in closed


def test_the_scheduler_runs_the_close_every_minute():
    from doanso.core.scheduler import parse

    jobs = parse(settings.SCHEDULED_COMMANDS)
    assert ("* * * * *", ["learning", "close-rounds"]) in jobs
