"""A mixed indicator counts the records and adds what units report happened outside the system;
the dashboard shows the sum and the two parts apart, at every level, and in the trend."""

from datetime import date

import pytest

from doanso.core.calendar import periods
from doanso.core.computed import REGISTRY, Value
from doanso.dashboard.services import dashboard, trend
from doanso.org.models import Unit
from doanso.plans import api as plans
from doanso.plans.models import Indicator, Source
from doanso.reports import services as reports

CODE = "TN_LUOT"  # a sum


@pytest.fixture
def mixed(db):
    """TN_LUOT made mixed, with a records part of 7 per unit in its 2026 subtree."""
    Indicator.objects.filter(code=CODE).update(source=Source.MIXED)
    hn = Unit.objects.get(code="HN")
    lo, hi = hn.subtree_range

    def from_records(unit, period):
        inside = lo <= unit.path < hi
        return Value(7 if inside and period.start.year == 2026 else 0)

    before = REGISTRY.get(CODE)
    REGISTRY[CODE] = from_records
    tw = Unit.objects.get(code="TW")
    plan = plans.create_plan(
        None,
        tw,
        title="Kế hoạch thử nguồn kết hợp",
        issued_on=date(2026, 1, 5),
        period_start="2026",
        issue=True,
    )
    plans.add_target(None, plan, indicator=CODE, value=20, period="2026", order=0)
    ob = plans.add_obligation(
        None,
        plan,
        title="Báo cáo tuần",
        due_rule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0",
        indicators=[CODE],
        applies_to="chosen",
        units=[hn],
    )
    yield plan, ob, hn, tw
    REGISTRY.pop(CODE, None)
    if before is not None:
        REGISTRY[CODE] = before


def _row(plan, unit, period="2026"):
    (row,) = dashboard(plan, unit, periods.parse(period), with_children=False)["targets"]
    return row


def test_records_and_reported_values_add_up_and_show_apart(mixed):
    plan, ob, hn, tw = mixed
    row = _row(plan, hn)
    assert (row["actual"], row["from_records"], row["reported"]) == (7, 7, None)

    rep = reports.open_report(None, ob, hn, "2026W10")
    reports.submit(None, rep, {CODE: 5})
    row = _row(plan, hn)
    assert (row["actual"], row["from_records"], row["reported"]) == (12, 7, 5)
    # The records function answers for a subtree (here: 0 outside Hà Nội); reports roll up.
    top = _row(plan, tw)
    assert (top["actual"], top["from_records"], top["reported"]) == (5, 0, 5)
    # Nothing recorded and nothing reported is no figure yet, as for a manual indicator.
    assert _row(plan, Unit.objects.get(code="HCM"))["actual"] is None
    assert top["progress"] == pytest.approx(5 / 20)
    assert trend(plan, hn, periods.parse("2026"))["series"][CODE][2] == 12


def test_a_plain_manual_indicator_has_no_parts(mixed):
    plan, ob, hn, tw = mixed
    Indicator.objects.filter(code=CODE).update(source=Source.MANUAL)
    row = _row(plan, hn)
    assert row["actual"] is None and "from_records" not in row


def test_the_dashboard_page_shows_the_two_parts(mixed, login):
    plan, ob, hn, tw = mixed
    reports.submit(None, reports.open_report(None, ob, hn, "2026W10"), {CODE: 1500})
    html = login("hn.admin").get(f"/dashboard/{plan.pk}/HN/", {"period": "2026"}).content.decode()
    assert "1.507" in html
    assert "7 theo dữ liệu hệ thống, 1.500 báo cáo thêm" in html
