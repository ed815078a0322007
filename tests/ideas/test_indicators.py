"""YT_SANG_KIEN and YT_TRIEN_KHAI: computed from ideas, kept in subtree counters inside the
transition's transaction, equal to a recount, shown on a plan's dashboard."""

import contextlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doanso.core.calendar.periods import Period
from doanso.core.errors import UserError
from doanso.ideas import counters, services, workflow
from doanso.ideas.models import Idea
from doanso.plans import indicators
from doanso.plans.models import Indicator

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def test_catalogue_rows_are_computed_and_registered():
    rows = dict(
        Indicator.objects.filter(code__in=["YT_SANG_KIEN", "YT_TRIEN_KHAI"]).values_list("code", "source")
    )
    assert rows == {"YT_SANG_KIEN": "computed", "YT_TRIEN_KHAI": "computed"}
    assert indicators.REGISTRY["YT_SANG_KIEN"].__module__ == "doanso.ideas.indicators"


def test_the_migration_flips_back_and_forth():
    import importlib

    from django.apps import apps

    m = importlib.import_module("doanso.ideas.migrations.0002_computed_indicators")
    m.backward(apps, None)
    assert Indicator.objects.get(code="YT_SANG_KIEN").source == "manual"
    assert not Indicator.objects.filter(code="YT_TRIEN_KHAI").exists()
    m.forward(apps, None)
    assert Indicator.objects.get(code="YT_SANG_KIEN").source == "computed"
    assert Indicator.objects.get(code="YT_TRIEN_KHAI").source == "computed"


def test_an_idea_reaching_support_moves_the_target_on_the_dashboard(api, new_idea, move, branch):
    b = branch("HCM-")
    caller = api("hcm.admin")
    pid = caller.post(
        "/plans",
        {
            "issuer": "HCM",
            "title": "Chương trình 2026",
            "issued_on": f"{YEAR}-01-05",
            "period_start": str(YEAR),
        },
    ).json()["id"]
    for code in ("YT_SANG_KIEN", "YT_TRIEN_KHAI"):
        assert (
            caller.post(
                f"/plans/{pid}/targets", {"indicator": code, "value": 134, "period": str(YEAR)}
            ).status_code
            == 201
        )

    def actuals(unit="HCM"):
        body = caller.get(f"/plans/{pid}/dashboard", unit=unit, period=str(YEAR)).json()
        return {t["indicator"]: t["actual"] for t in body["targets"]}

    start = actuals()
    i = new_idea(unit=b.code)
    move(i, "danh_gia")
    assert actuals() == start
    move(i, "ho_tro")
    after = actuals()
    assert after["YT_SANG_KIEN"] == start["YT_SANG_KIEN"] + 1
    assert after["YT_TRIEN_KHAI"] == start["YT_TRIEN_KHAI"]
    move(i, "trien_khai", "hoan_thanh")
    done = actuals()
    assert done["YT_SANG_KIEN"] == start["YT_SANG_KIEN"] + 1  # counted once
    assert done["YT_TRIEN_KHAI"] == start["YT_TRIEN_KHAI"] + 1
    assert actuals(b.code)["YT_SANG_KIEN"] >= 1


def test_a_refused_transition_moves_no_counter(api, new_idea, move):
    i = new_idea()
    move(i, "danh_gia")
    hcm = Idea.objects.get(pk=i).unit
    before = counters.stored(hcm)
    assert api("hcm.admin").post(f"/ideas/{i}/transitions", {"to": "trien_khai"}).status_code == 409
    assert counters.stored(hcm) == before


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(walks=st.lists(st.lists(st.sampled_from(workflow.STATUSES), max_size=6), min_size=1, max_size=4))
def test_counters_equal_a_recount_whatever_the_moves(unit, user, walks):
    """Random moves (allowed or not) leave the subtree counters equal to a recount from rows."""
    from django.db import transaction

    hcm, admin = unit("HCM"), user("hcm.admin")
    with transaction.atomic():
        for walk in walks:
            idea = services.submit(admin, hcm, title="Ý tưởng", description="Mô tả", field="khac")
            for to in walk:
                with contextlib.suppress(UserError):  # refused moves write nothing
                    services.transition(admin, idea.pk, to, note="lý do")
        assert counters.stored(hcm) == counters.recount(hcm)
        tw = unit("TW")
        assert counters.stored(tw) == counters.recount(tw)
        transaction.set_rollback(True)


def test_a_week_counts_the_months_it_touches():
    assert counters.months(Period.week(2026, 5)) == {"2026-01", "2026-02"}
    assert counters.months(Period.year(2026)) == {f"2026-{m:02d}" for m in range(1, 13)}


def test_the_transition_locks_the_row(new_idea, user):
    i = new_idea()
    with CaptureQueriesContext(connection) as q:
        services.transition(user("hcm.admin"), i, "danh_gia")
    locking = [x["sql"] for x in q.captured_queries if "FOR UPDATE" in x["sql"]]
    if connection.vendor == "postgresql":
        assert locking, "the idea row must be locked while it moves"


def test_two_reviewers_racing_second_gets_409(api, new_idea):
    """Both loaded version 0; the first move wins, the second (same or another step) is refused."""
    i = new_idea()
    a, b = api("hcm.admin"), api("tw.admin")
    assert a.post(f"/ideas/{i}/transitions", {"to": "danh_gia", "version": 0}).status_code == 200
    r = b.post(f"/ideas/{i}/transitions", {"to": "danh_gia", "version": 0})
    assert r.status_code == 409
    r = b.post(f"/ideas/{i}/transitions", {"to": "danh_gia"})  # without a version: the status decides
    assert r.status_code == 409
    assert Idea.objects.get(pk=i).transitions.count() == 1
