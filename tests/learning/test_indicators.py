"""LLCT_DV_MOI, HT_NQ_CBDV and TL_DV_THI_TT: computed from subtree counters, ratios summed up the
tree before dividing, shown on the plan dashboard, equal to a recount from rows."""

from datetime import date

import pytest
from django.utils import timezone

from doanso.accounts.models import RoleKind
from doanso.learning import courses, credits
from doanso.learning.models import Completion, Credit
from doanso.plans import indicators
from doanso.plans.models import Indicator
from tests.factories import BranchFactory, MemberFactory, UserFactory
from tests.learning.conftest import right_answers

YEAR = timezone.now().year
CODES = ["LLCT_DV_MOI", "HT_NQ_CBDV", "TL_DV_THI_TT"]
QUIZ = [{"text": "Câu 1?", "options": ["Đúng", "Sai"], "answer": 0}]


@pytest.fixture
def world(unit):
    hcm = unit("HCM")
    branch = BranchFactory(parent=hcm)
    new = [MemberFactory(branch=branch, admitted_on=date(YEAR, 3, 26)) for _ in range(2)]
    old = [MemberFactory(branch=branch, birth_date=date(2000, 1, 1)) for _ in range(2)]
    llct = courses.create_course(unit=hcm, title="LLCT", kind="llct", audience="new_members", questions=QUIZ)
    nq = courses.create_course(
        unit=hcm, title="Nghị quyết", kind="nghi_quyet", audience="all", questions=QUIZ
    )
    return {"hcm": hcm, "branch": branch, "new": new, "old": old, "llct": llct, "nq": nq}


def _pass(course, member):
    q = course.questions.get()
    return courses.take_quiz(course, member, {q.pk: q.answer})


def test_catalogue_rows_are_computed_and_registered(db):
    rows = dict(Indicator.objects.filter(code__in=CODES).values_list("code", "source"))
    assert rows == {c: "computed" for c in CODES}
    assert {indicators.REGISTRY[c].__module__ for c in CODES} == {"doanso.learning.indicators"}


def test_course_completions_feed_the_ratios(world):
    assert _pass(world["llct"], world["new"][0])["passed"]
    assert _pass(world["nq"], world["old"][0])["passed"]
    assert _pass(world["nq"], world["old"][0])["passed"]  # again: counted once
    from doanso.core.calendar.periods import parse

    period = parse(str(YEAR))
    branch = world["branch"]
    llct = indicators.compute("LLCT_DV_MOI", branch, period)
    assert (llct.value, llct.denominator) == (1, 2)
    nq = indicators.compute("HT_NQ_CBDV", branch, period)
    assert (nq.value, nq.denominator) == (1, 4)
    assert Completion.objects.filter(member=world["old"][0]).count() == 1


def test_old_member_cannot_take_a_new_members_course(world):
    with pytest.raises(courses.UserError):
        _pass(world["llct"], world["old"][0])


def test_failing_the_quiz_records_nothing(world):
    q = world["nq"].questions.get()
    got = courses.take_quiz(world["nq"], world["old"][1], {q.pk: 1})
    assert got["passed"] is False
    assert not Completion.objects.exists()
    assert not Credit.objects.exists()


def test_counters_equal_a_recount_up_the_tree(world, api, contest):
    for m in world["new"] + world["old"][:1]:
        _pass(world["nq"], m)
    hcm = world["hcm"]
    lo, hi = hcm.subtree_range
    rows = Credit.objects.filter(
        kind="nghi_quyet", year=YEAR, member__branch__path__gte=lo, member__branch__path__lt=hi
    )
    assert credits.count(hcm, "nghi_quyet", YEAR) == rows.count() == 3


def test_dashboard_shows_participation_and_course_ratios(world, api, contest):
    m = world["old"][0]
    u = UserFactory(unit=world["branch"], role=RoleKind.MEMBER, member=m, username="hcm.dashboard.member")
    caller = api(u.username)
    started = caller.post(f"/contests/{contest['id']}/rounds/1/attempts").json()
    caller.post(f"/attempts/{started['attempt']}/answers", {"answers": right_answers(started)})
    _pass(world["llct"], world["new"][1])
    admin = api("hcm.admin")
    pid = admin.post(
        "/plans",
        {
            "issuer": "HCM",
            "title": "Kế hoạch học tập",
            "issued_on": f"{YEAR}-01-06",
            "period_start": str(YEAR),
        },
    ).json()["id"]
    for code in CODES:
        r = admin.post(f"/plans/{pid}/targets", {"indicator": code, "value": 80, "period": str(YEAR)})
        assert r.status_code == 201, r.content
    body = admin.get(f"/plans/{pid}/dashboard", unit=world["branch"].code, period=str(YEAR)).json()
    actual = {t["indicator"]: t["actual"] for t in body["targets"]}
    assert actual == {"LLCT_DV_MOI": 50.0, "HT_NQ_CBDV": 0.0, "TL_DV_THI_TT": 25.0}
