"""TIN_TOT is computed from the logged posts of a unit's subtree and moves a plan's dashboard."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from doanso.core.calendar import periods
from doanso.outreach import services
from doanso.plans import api as plans
from doanso.plans.indicators import compute
from doanso.plans.models import Indicator

pytestmark = pytest.mark.django_db


def _log(unit, day, kind, i):
    services.log_post(None, unit, url=f"https://hcm.vn/{i}", kind=kind, published=day, fetch_metadata=False)


def test_tin_tot_counts_good_news_and_stories_of_the_subtree_per_period(unit):
    p1 = unit("HCM-P001")
    _log(p1, date(2026, 3, 2), "tin_tot", 1)
    _log(p1, date(2026, 3, 6), "cau_chuyen_dep", 2)
    _log(p1, date(2026, 3, 9), "tin_tot", 3)
    _log(p1, date(2026, 3, 9), "phan_bac", 4)  # a rebuttal is not good news
    _log(p1, date(2026, 5, 1), "tin_tot", 5)
    hcm = unit("HCM")
    values = {
        p: compute("TIN_TOT", hcm, periods.parse(p)).value
        for p in ("2026", "2026Q1", "2026-03", "2026W10", "2026-03-09")
    }
    assert values == {"2026": 4, "2026Q1": 3, "2026-03": 3, "2026W10": 2, "2026-03-09": 1}
    assert compute("TIN_TOT", unit("HCM-P002"), periods.parse("2026")).value == 0


def test_a_plan_target_on_tin_tot_moves_on_the_dashboard(api, unit, user):
    assert Indicator.objects.get(code="TIN_TOT").source == "mixed"
    plan = plans.create_plan(
        None,
        unit("HCM"),
        title="Mỗi ngày một tin tốt",
        issued_on=date(2026, 1, 5),
        period_start="2026",
        issue=True,
    )
    plans.add_target(None, plan, indicator="TIN_TOT", value=10, period="2026")

    def row():
        body = api("hcm.admin").get(f"/plans/{plan.pk}/dashboard", unit="HCM", period="2026").json()
        return next(t for t in body["targets"] if t["indicator"] == "TIN_TOT")

    before = row()["actual"] or 0
    for i in range(4):
        r = api("hcm.admin").post(
            "/posts",
            {
                "unit": "HCM-P002",
                "url": f"https://hcm.vn/t/{i}",
                "kind": "tin_tot",
                "published": f"2026-04-0{i + 1}",
            },
        )
        assert r.status_code == 201
    after = row()
    assert after["actual"] == before + 4 and after["progress"] == pytest.approx((before + 4) / 10)


def test_the_migration_flips_tin_tot_and_back():
    mig = importlib.import_module("doanso.outreach.migrations.0002_tin_tot_computed")
    mig.to_manual(apps, None)
    assert Indicator.objects.get(code="TIN_TOT").source == "manual"
    mig.to_computed(apps, None)
    assert Indicator.objects.get(code="TIN_TOT").source == "mixed"
