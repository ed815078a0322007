from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doanso.core.errors import UserError
from doanso.plans import periods, recurrence
from doanso.plans.periods import TZ


def test_weekly_friday_noon():
    rule = recurrence.parse("weekly FR 12:00")
    dls = rule.deadlines(date(2024, 1, 1), date(2024, 12, 31))
    assert len(dls) == 52
    assert dls[0] == datetime(2024, 1, 5, 12, 0, tzinfo=TZ)
    assert all(d.weekday() == 4 and d.time() == time(12, 0) for d in dls)
    assert rule.deadline_for(periods.parse("2024W10")) == datetime(2024, 3, 8, 12, 0, tzinfo=TZ)
    assert rule.describe() == "Hằng tuần, trước 12:00 thứ Sáu"


def test_yearly_before_30_november():
    rule = recurrence.parse("yearly 30/11")
    assert [(p.id, d.date()) for p, d in rule.occurrences(date(2023, 1, 1), date(2025, 12, 31))] == [
        ("2023", date(2023, 11, 30)),
        ("2024", date(2024, 11, 30)),
        ("2025", date(2025, 11, 30)),
    ]
    assert rule.describe() == "Hằng năm, trước 17:00 ngày 30/11"


def test_every_two_years():
    rule = recurrence.parse("every 2 years 30/11")
    assert [p.id for p, _ in rule.occurrences(date(2023, 1, 1), date(2030, 12, 31))] == [
        "2023",
        "2025",
        "2027",
        "2029",
    ]
    assert rule.describe().startswith("02 năm/lần")


def test_monthly_and_quarterly():
    monthly = recurrence.parse("monthly 31")
    feb = monthly.deadline_for(periods.parse("2024-02"))
    assert feb == datetime(2024, 2, 29, 17, 0, tzinfo=TZ)
    quarterly = recurrence.parse("quarterly 20 08:00")
    assert [(p.id, d.date()) for p, d in quarterly.occurrences(date(2024, 1, 1), date(2024, 12, 31))] == [
        ("2024Q1", date(2024, 3, 20)),
        ("2024Q2", date(2024, 6, 20)),
        ("2024Q3", date(2024, 9, 20)),
        ("2024Q4", date(2024, 12, 20)),
    ]


def test_once():
    rule = recurrence.parse("once 2023-06-25")
    assert rule.deadlines(date(2023, 1, 1), date(2023, 12, 31)) == [datetime(2023, 6, 25, 17, 0, tzinfo=TZ)]
    assert rule.deadlines(date(2024, 1, 1), date(2024, 12, 31)) == []


@pytest.mark.parametrize(
    "text",
    [
        "daily",
        "weekly XX",
        "monthly 0",
        "monthly 32",
        "yearly 30/2",
        "yearly 31/13",
        "weekly FR 25:00",
        "once 2023-02-30",
        "every 0 years 1/1",
    ],
)
def test_bad_rules(text):
    with pytest.raises(UserError) as exc:
        recurrence.parse(text)
    assert exc.value.field == "due_rule"


def test_a_rule_that_never_fires_in_the_plan_is_refused():
    rule = recurrence.parse("once 2023-06-25")
    with pytest.raises(UserError, match="không có hạn nộp nào"):
        rule.check_fires(date(2024, 1, 1), date(2024, 12, 31))


rules = st.one_of(
    st.builds(
        lambda wd, h: f"weekly {recurrence.WEEKDAYS[wd]} {h:02d}:00", st.integers(0, 6), st.integers(0, 23)
    ),
    st.builds(lambda d: f"monthly {d}", st.integers(1, 31)),
    st.builds(lambda d: f"quarterly {d}", st.integers(1, 31)),
    st.builds(lambda d, m: f"yearly {d}/{m}", st.integers(1, 28), st.integers(1, 12)),
    st.builds(
        lambda n, d, m: f"every {n} years {d}/{m}", st.integers(1, 5), st.integers(1, 28), st.integers(1, 12)
    ),
)


@given(rules, st.integers(1995, 2080))
def test_each_deadline_lies_in_its_period_and_round_trips(text, year):
    rule = recurrence.parse(text)
    assert recurrence.parse(rule.text) == rule
    occ = rule.occurrences(date(year, 1, 1), date(year + 1, 12, 31))
    assert occ, "a valid rule fires within two years"
    ids = [p.id for p, _ in occ]
    assert len(ids) == len(set(ids)), "one deadline per period"
    for p, dl in occ:
        assert p.grain == rule.grain
        assert p.contains(dl)
        assert rule.deadline_for(p) == dl
