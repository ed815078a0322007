"""A report that gives 0 is a figure, not a missing one (found by bench/dashboard_bench.py)."""

from datetime import date

import pytest

from doanso.core.calendar import periods
from doanso.dashboard.services import dashboard, trend
from doanso.org.models import Unit
from doanso.plans import api as plans
from doanso.plans.models import Indicator
from doanso.reports import services as reports


@pytest.fixture
def zero_plan(db):
    # Reported figures only here: the demo's logged posts would add to TIN_TOT (a mixed indicator).
    Indicator.objects.filter(code="TIN_TOT").update(source="manual")
    tw = Unit.objects.get(code="TW")
    plan = plans.create_plan(
        None, tw, title="Kế hoạch thử số 0", issued_on=date(2026, 1, 5), period_start="2026", issue=True
    )
    for n, code in enumerate(["TIN_TOT", "CHI_DOAN_MANH", "TAP_HOP_TN"]):
        plans.add_target(None, plan, indicator=code, value=10, period="2026", order=n)
    hn, hcm = Unit.objects.get(code="HN"), Unit.objects.get(code="HCM")
    ob = plans.add_obligation(
        None,
        plan,
        title="Báo cáo tuần",
        due_rule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0",
        indicators=["TIN_TOT", "CHI_DOAN_MANH", "TAP_HOP_TN"],
        applies_to="chosen",
        units=[hn, hcm],
    )
    return plan, ob, hn, hcm


def _actuals(plan, unit, period="2026"):
    data = dashboard(plan, unit, periods.parse(period), with_children=False)
    return {t["indicator"]: t["actual"] for t in data["targets"]}


def test_zeros_are_shown_as_zero_and_a_zero_numerator_does_not_break_the_dashboard(zero_plan):
    plan, ob, hn, hcm = zero_plan
    rep = reports.open_report(None, ob, hn, "2026W10")
    reports.submit(None, rep, {"TIN_TOT": 0, "CHI_DOAN_MANH": 0, "TAP_HOP_TN": [0, 40]})
    zeros = {"TIN_TOT": 0, "CHI_DOAN_MANH": 0, "TAP_HOP_TN": 0}
    assert _actuals(plan, hn) == zeros
    assert _actuals(plan, hn, "2026W10") == zeros
    assert _actuals(plan, Unit.objects.get(code="TW")) == zeros
    assert _actuals(plan, hcm) == {"TIN_TOT": None, "CHI_DOAN_MANH": None, "TAP_HOP_TN": None}
    assert trend(plan, hn, periods.parse("2026"))["series"]["TAP_HOP_TN"][2] == 0

    other = reports.open_report(None, ob, hcm, "2026W10")
    reports.submit(None, other, {"TIN_TOT": 4, "CHI_DOAN_MANH": 1, "TAP_HOP_TN": [10, 40]})
    assert _actuals(plan, Unit.objects.get(code="TW")) == {
        "TIN_TOT": 4,
        "CHI_DOAN_MANH": 1,
        "TAP_HOP_TN": 12.5,
    }

    reports.return_report(None, rep, "Số liệu chưa đúng.")
    assert _actuals(plan, hn) == {"TIN_TOT": None, "CHI_DOAN_MANH": None, "TAP_HOP_TN": None}
