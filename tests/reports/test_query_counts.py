"""Due lists and reminders are set-based: the same number of queries for a small tree and a tree
several times larger, and for a unit owing one report or many."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail

from doanso.core.calendar.periods import TZ
from doanso.plans import api as plans
from doanso.reports import queries, tasks
from doanso.reports import services as reports
from doanso.reports.models import Reminder

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 12, 9, 0, tzinfo=TZ)  # Thursday: Friday 13/3 12:00 is due tomorrow
DUE_QUERIES = 2  # the unit's assignments (with obligation, plan, issuer); its reports for them
# obligations; assignments+units; submitted reports; reminders sent; insert; read-back; accounts;
# then the delivery (todo outbox): insert; pending lines with accounts; preferences; mark sent
REMIND_QUERIES = 11
REMIND_NOW = datetime(2026, 3, 12, 13, 0, tzinfo=TZ)  # Thursday 13:00: Friday 13/3 12:00 is 23 hours away


def _more_obligations(district, k: int):
    """k more plans of the district, each with a monthly and a quarterly report."""
    for i in range(k):
        plan = plans.create_plan(
            None, district, title=f"Kế hoạch {i}", issued_on=date(2026, 1, 5), period_start="2026", issue=True
        )
        plans.add_obligation(
            None,
            plan,
            title="Báo cáo tháng",
            due_rule="FREQ=MONTHLY;BYMONTHDAY=25;BYHOUR=17;BYMINUTE=0",
            indicators=["CAY_XANH"],
        )
        plans.add_obligation(
            None,
            plan,
            title="Báo cáo quý",
            due_rule="FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20;BYHOUR=17;BYMINUTE=0",
            indicators=["AP_NTM"],
        )


@pytest.mark.parametrize("extra_plans", [0, 4])
def test_due_list_queries_do_not_grow_with_obligations(
    district_plan, django_assert_max_num_queries, extra_plans
):
    district, communes, _plan, weekly = district_plan(2)
    _more_obligations(district, extra_plans)
    r = reports.open_report(None, weekly, communes[0], "2026W10")
    reports.submit(None, r, {"TN_LUOT": 5}, "", r.version, at=datetime(2026, 3, 6, 9, 0, tzinfo=TZ))
    with django_assert_max_num_queries(DUE_QUERIES):
        due = queries.due_for_unit(communes[0], NOW)
    periods = {(d["obligation"], d["period"]) for d in due}
    assert ("Báo cáo tuần", "2026W10") not in periods  # submitted
    assert ("Báo cáo tuần", "2026W9") in periods and ("Báo cáo tuần", "2026W11") in periods
    assert len({d["obligation_id"] for d in due}) == 1 + 2 * extra_plans


def test_due_list_api_query_count_is_the_same_for_one_report_or_many(
    api, district_plan, django_assert_max_num_queries
):
    district, communes, _plan, _weekly = district_plan(1)
    caller = api("hn.admin")
    caller.get("/units")
    counts = []
    for extra in (0, 5):
        _more_obligations(district, extra)
        with django_assert_max_num_queries(8) as ctx:
            assert caller.get(f"/units/{communes[0].code}/reports/due").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("communes", [3, 15])
def test_reminders_take_the_same_queries_for_a_tree_five_times_larger(
    district_plan, django_assert_max_num_queries, communes
):
    _district, units, _plan, weekly = district_plan(communes)
    _more_obligations(_district, 1)
    r = reports.open_report(None, weekly, units[0], "2026W10")
    reports.submit(None, r, {"TN_LUOT": 5}, "", r.version, at=datetime(2026, 3, 6, 9, 0, tzinfo=TZ))
    mail.outbox.clear()
    with django_assert_max_num_queries(REMIND_QUERIES):
        sent = tasks.remind(REMIND_NOW)
    mine = Reminder.objects.filter(unit__in=units)
    # every commune: W11 (due tomorrow) a day before; W10 and W9 overdue more than 3 days, so told to
    # the level above (the last 14 days), except W10 of the commune that submitted it; the other
    # plan's monthly (25/2) is overdue for longer than that
    assert sent >= mine.count() == 3 * communes - 1
    assert {(m.kind, m.period) for m in mine.filter(unit=units[1])} == {
        ("d1", "2026W11"),
        ("up", "2026W10"),
        ("up", "2026W9"),
    }
    assert not mine.filter(unit=units[0], period="2026W10").exists()
    # one digest per person: each commune admin gets exactly one message
    to = [m.to[0] for m in mail.outbox if m.to[0].endswith("@example.vn")]
    assert sorted(to) == sorted(f"{u.code.lower()}@example.vn" for u in units)
    assert all("Hạn ngày mai" in m.body for m in mail.outbox if m.to[0].endswith("@example.vn"))
    with django_assert_max_num_queries(REMIND_QUERIES):
        assert tasks.remind(REMIND_NOW) == 0  # nothing twice


def test_a_reminder_another_run_recorded_meanwhile_is_not_mailed_again(district_plan, monkeypatch):
    _district, units, _plan, _weekly = district_plan(2)
    first = tasks.remind(REMIND_NOW)
    assert first == Reminder.objects.count() and Reminder.objects.filter(unit__in=units).count() == 6
    mail.outbox.clear()
    # a second run that read "nothing sent yet" just before the first one committed
    monkeypatch.setattr(tasks, "_already_sent", lambda *a: set())
    assert tasks.remind(REMIND_NOW + timedelta(minutes=1)) == 0
    assert mail.outbox == [] and Reminder.objects.count() == first
