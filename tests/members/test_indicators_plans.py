"""Member indicators registered with the plans registry: a target on them shows an actual on the
plan dashboard equal to a recount from member rows."""

import inspect
from datetime import date

import pytest

from doanso.members.models import Member, MemberRating, Nomination
from doanso.plans import indicators
from doanso.plans.models import Indicator
from tests.factories import BranchFactory, MemberFactory, NominationFactory

pytestmark = pytest.mark.django_db

MEMBER_CODES = [
    "DV_KET_NAP_MOI_HS",
    "TL_DV_HTXSNV_HS",
    "DV_UU_TU_HS",
    "DV_UU_TU_VAO_DANG_HS",
    "TL_DV_UU_TU_VAO_DANG_HS",
    "DV_DU_30_HS",
    "DV_CHUYEN_DI_HS",
    "DV_RA_KHOI_HS",
]


def _recount(unit, year: int) -> dict:
    lo, hi = unit.subtree_range
    members = Member.objects.filter(branch__path__gte=lo, branch__path__lt=hi)
    noms = Nomination.objects.filter(branch__path__gte=lo, branch__path__lt=hi, year=year)
    rated = MemberRating.objects.filter(
        batch__status="approved", batch__branch__path__gte=lo, batch__branch__path__lt=hi, year=year
    )
    nominated, admitted = noms.count(), noms.filter(outcome="admitted").count()
    return {
        "DV_KET_NAP_MOI_HS": members.filter(admitted_year=year).count(),
        "TL_DV_HTXSNV_HS": round(100.0 * rated.filter(level="htxs").count() / rated.count(), 4),
        "DV_UU_TU_HS": nominated,
        "DV_UU_TU_VAO_DANG_HS": admitted,
        "TL_DV_UU_TU_VAO_DANG_HS": round(100.0 * admitted / nominated, 4),
        "DV_DU_30_HS": members.filter(status="active", birth_year=year - 30).count(),
        "DV_CHUYEN_DI_HS": members.filter(status="transferred").count(),
        "DV_RA_KHOI_HS": members.filter(status="removed").count(),
    }


def test_every_computed_catalogue_indicator_has_a_registered_function():
    computed = set(Indicator.objects.filter(source="computed").values_list("code", flat=True))
    assert set(MEMBER_CODES) <= computed
    assert computed <= set(indicators.REGISTRY)


def test_plans_imports_no_domain_app_and_members_registers_its_own():
    """The registry lives in core; each app registers its codes from its own module."""
    source = inspect.getsource(indicators)
    assert "doanso.members" not in source and "doanso.core.computed" in source
    assert indicators.REGISTRY["DV_TONG"].__module__ == "doanso.members.indicators"


def test_targets_on_member_indicators_show_actuals_recounted_from_member_rows(api, unit):
    hn = unit("HN")
    branch = BranchFactory(parent=hn)
    MemberFactory(branch=branch, birth_date=date(1995, 2, 1), admitted_on=date(2011, 3, 26))
    MemberFactory(branch=branch, birth_date=date(2008, 1, 10), admitted_on=date(2025, 3, 26))
    NominationFactory(member=MemberFactory(branch=branch), year=2025, outcome="admitted")
    NominationFactory(member=MemberFactory(branch=branch), year=2025, outcome="not_admitted")
    NominationFactory(member=MemberFactory(branch=branch), year=2025)
    gone = MemberFactory(branch=branch)
    from doanso.accounts.models import User
    from doanso.members import actions

    actions.records.set_status(User.objects.get(username="hn.admin"), gone, "removed")

    caller = api("hn.admin")
    pid = caller.post(
        "/plans",
        {
            "issuer": "HN",
            "title": "Kế hoạch công tác Đoàn 2025",
            "issued_on": "2025-01-06",
            "period_start": "2025",
        },
    ).json()["id"]
    for code in MEMBER_CODES:
        value = 50 if code.startswith("TL_") else 10
        r = caller.post(f"/plans/{pid}/targets", {"indicator": code, "value": value, "period": "2025"})
        assert r.status_code == 201, r.content

    body = caller.get(f"/plans/{pid}/dashboard", unit="HN", period="2025").json()
    assert {t["indicator"]: t["actual"] for t in body["targets"]} == _recount(hn, 2025)

    # the new branch is one of the children, with its own figures
    row = next(c for c in body["children"] if c["unit"] == branch.code)
    mine = {t["indicator"]: t["actual"] for t in row["targets"]}
    assert (mine["DV_UU_TU_HS"], mine["DV_UU_TU_VAO_DANG_HS"], mine["TL_DV_UU_TU_VAO_DANG_HS"]) == (
        3,
        1,
        33.3333,
    )
    assert (mine["DV_KET_NAP_MOI_HS"], mine["DV_DU_30_HS"], mine["DV_RA_KHOI_HS"]) == (1, 1, 1)
    assert mine["TL_DV_HTXSNV_HS"] is None  # nobody rated: no data rather than 0 %
    assert {t["status"] for t in row["targets"] if t["indicator"] == "TL_DV_HTXSNV_HS"} == {"chua_co_so_lieu"}


def test_a_nomination_recorded_on_the_web_moves_the_dashboard(api, login, unit):
    hn = unit("HN")
    branch = BranchFactory(parent=hn)
    m = MemberFactory(branch=branch)
    caller = api("hn.admin")
    pid = caller.post(
        "/plans",
        {"issuer": "HN", "title": "Kế hoạch 2026", "issued_on": "2026-01-05", "period_start": "2026"},
    ).json()["id"]
    caller.post(f"/plans/{pid}/targets", {"indicator": "DV_UU_TU_HS", "value": 5, "period": "2026"})

    def actual():
        body = caller.get(f"/plans/{pid}/dashboard", unit=branch.code, period="2026").json()
        return body["targets"][0]["actual"]

    assert actual() == 0
    login("hn.admin").post(f"/members/records/{m.pk}/nominate/", {"year": 2026, "unit": branch.code})
    assert actual() == 1
