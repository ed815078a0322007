"""Due rules: RFC 5545 RRULEs read, expanded and described by core.calendar.rules."""

from datetime import date, datetime, time
from importlib import import_module

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doanso.core.calendar import periods
from doanso.core.calendar import rules as recurrence
from doanso.core.calendar.periods import TZ
from doanso.core.errors import UserError

WEEKLY = "FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0"


def test_weekly_friday_noon():
    rule = recurrence.parse(WEEKLY)
    assert rule.rrule == rule.text == WEEKLY
    dls = rule.deadlines(date(2024, 1, 1), date(2024, 12, 31))
    assert len(dls) == 52
    assert dls[0] == datetime(2024, 1, 5, 12, 0, tzinfo=TZ)
    assert all(d.weekday() == 4 and d.time() == time(12, 0) for d in dls)
    assert rule.deadline_for(periods.parse("2024W10")) == datetime(2024, 3, 8, 12, 0, tzinfo=TZ)
    assert rule.describe() == "Hằng tuần, trước 12:00 thứ Sáu"


def test_yearly_before_30_november():
    rule = recurrence.parse("RRULE:FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30")
    assert rule.rrule == "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30;BYHOUR=17;BYMINUTE=0"
    assert [(p.id, d.date()) for p, d in rule.occurrences(date(2023, 1, 1), date(2025, 12, 31))] == [
        ("2023", date(2023, 11, 30)),
        ("2024", date(2024, 11, 30)),
        ("2025", date(2025, 11, 30)),
    ]
    assert rule.describe() == "Hằng năm, trước 17:00 ngày 30/11"


def test_every_two_years():
    rule = recurrence.parse("FREQ=YEARLY;INTERVAL=2;BYMONTH=11;BYMONTHDAY=30")
    assert [p.id for p, _ in rule.occurrences(date(2023, 1, 1), date(2030, 12, 31))] == [
        "2023",
        "2025",
        "2027",
        "2029",
    ]
    assert rule.describe().startswith("02 năm/lần")


def test_monthly_and_quarterly():
    monthly = recurrence.parse("FREQ=MONTHLY;BYMONTHDAY=31")
    assert monthly.rrule == "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1;BYHOUR=17;BYMINUTE=0"
    assert recurrence.parse("FREQ=MONTHLY;BYMONTHDAY=-1") == monthly
    feb = monthly.deadline_for(periods.parse("2024-02"))
    assert feb == datetime(2024, 2, 29, 17, 0, tzinfo=TZ)
    quarterly = recurrence.parse("FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20;BYHOUR=8;BYMINUTE=0")
    assert quarterly.grain == periods.QUARTER
    assert [(p.id, d.date()) for p, d in quarterly.occurrences(date(2024, 1, 1), date(2024, 12, 31))] == [
        ("2024Q1", date(2024, 3, 20)),
        ("2024Q2", date(2024, 6, 20)),
        ("2024Q3", date(2024, 9, 20)),
        ("2024Q4", date(2024, 12, 20)),
    ]


def test_once():
    rule = recurrence.parse("DTSTART:20230625T170000\nRRULE:FREQ=DAILY;COUNT=1")
    assert rule.rrule == "DTSTART:20230625T170000\nRRULE:FREQ=DAILY;COUNT=1"
    assert rule == recurrence.DueRule.once_on(date(2023, 6, 25))
    assert rule.deadlines(date(2023, 1, 1), date(2023, 12, 31)) == [datetime(2023, 6, 25, 17, 0, tzinfo=TZ)]
    assert rule.deadlines(date(2024, 1, 1), date(2024, 12, 31)) == []


@pytest.mark.parametrize(
    "short", ["weekly FR 12:00", "monthly 25", "quarterly 20", "yearly 30/11", "once 2023-06-25"]
)
def test_the_old_short_texts_are_refused(short):
    """Due rules are RRULEs only (ADR 0002); the short mini-language went with its last sender."""
    with pytest.raises(UserError, match="RRULE") as exc:
        recurrence.parse(short)
    assert exc.value.field == "due_rule"


@pytest.mark.parametrize(
    ("found", "due"),
    [
        ("FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0", WEEKLY),
        ("FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=17;BYMINUTE=0"),
        ("FREQ=MONTHLY;BYMONTHDAY=25", "FREQ=MONTHLY;BYMONTHDAY=25;BYHOUR=17;BYMINUTE=0"),
        (
            "FREQ=MONTHLY;INTERVAL=3",
            "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=28,29,30,31;BYSETPOS=-1;BYHOUR=17;BYMINUTE=0",
        ),
        (
            "FREQ=MONTHLY;INTERVAL=6",
            "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=28,29,30,31;BYSETPOS=-1;BYHOUR=17;BYMINUTE=0",
        ),
        ("FREQ=YEARLY", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31;BYHOUR=17;BYMINUTE=0"),
        ("FREQ=YEARLY;INTERVAL=2", "FREQ=YEARLY;INTERVAL=2;BYMONTH=12;BYMONTHDAY=31;BYHOUR=17;BYMINUTE=0"),
        ("FREQ=DAILY", ""),
        ("", ""),
    ],
)
def test_rules_the_reader_finds_fall_due_at_the_end_of_their_period(found, due):
    assert recurrence.from_reader(found) == due


@pytest.mark.parametrize(
    "text",
    [
        "FREQ=DAILY",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=WEEKLY;BYDAY=FR;BYHOUR=25",
        "FREQ=MONTHLY;BYMONTHDAY=32",
        "FREQ=MONTHLY;BYMONTH=2,5",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=YEARLY;BYMONTH=13;BYMONTHDAY=1",
        "FREQ=YEARLY;COUNT=3;BYMONTH=1;BYMONTHDAY=1",
        "FREQ=WEEKLY;UNTIL=20300101",
        "FREQ=WEEKLY;INTERVAL=0",
        "FREQ=SOMETIMES",
        "DTSTART:20230230T170000\nRRULE:FREQ=DAILY;COUNT=1",
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
    rule = recurrence.parse("DTSTART:20230625T170000\nRRULE:FREQ=DAILY;COUNT=1")
    with pytest.raises(UserError, match="không có hạn nộp nào"):
        rule.check_fires(date(2024, 1, 1), date(2024, 12, 31))


# (the text the data migration 0004 read, the rule it stands for)
short_texts = st.one_of(
    st.builds(
        lambda wd, h: (
            f"weekly {recurrence.WEEKDAYS[wd]} {h:02d}:00",
            recurrence.DueRule("weekly", weekday=wd, at=time(h, 0)),
        ),
        st.integers(0, 6),
        st.integers(0, 23),
    ),
    st.builds(lambda d: (f"monthly {d}", recurrence.DueRule("monthly", day=d)), st.integers(1, 31)),
    st.builds(lambda d: (f"quarterly {d}", recurrence.DueRule("quarterly", day=d)), st.integers(1, 31)),
    st.builds(
        lambda d, m: (f"yearly {d}/{m}", recurrence.DueRule("yearly", day=d, month=m)),
        st.integers(1, 28),
        st.integers(1, 12),
    ),
    st.builds(
        lambda n, d, m: (f"every {n} years {d}/{m}", recurrence.DueRule("yearly", n, day=d, month=m)),
        st.integers(1, 5),
        st.integers(1, 28),
        st.integers(1, 12),
    ),
)


@given(short_texts, st.integers(1995, 2080))
def test_each_deadline_lies_in_its_period_and_round_trips(case, year):
    rule = case[1]
    assert recurrence.parse(rule.rrule) == rule
    assert rule.rrule.startswith(("FREQ=", "DTSTART:"))
    occ = rule.occurrences(date(year, 1, 1), date(year + 1, 12, 31))
    assert occ, "a valid rule fires within two years"
    ids = [p.id for p, _ in occ]
    assert len(ids) == len(set(ids)), "one deadline per period"
    for p, dl in occ:
        assert p.grain == rule.grain
        assert p.contains(dl)
        assert rule.deadline_for(p) == dl


migration = import_module("doanso.plans.migrations.0004_rrule_due_rules")


@given(short_texts)
def test_the_data_migration_writes_what_the_calendar_writes_and_reverses(case):
    text, rule = case
    assert migration.short_to_rrule(text) == rule.rrule
    assert migration.short_to_rrule(migration.rrule_to_short(rule.rrule)) == rule.rrule
    assert migration.short_to_rrule(rule.rrule) == rule.rrule  # already converted: left alone


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("once 2023-06-25", recurrence.DueRule.once_on(date(2023, 6, 25))),
        ("once 2023-06-25 08:30", recurrence.DueRule.once_on(date(2023, 6, 25), time(8, 30))),
        ("every 3 months 31", recurrence.DueRule("monthly", 3, day=31)),
    ],
)
def test_the_data_migration_on_one_offs_and_long_rules(text, rule):
    assert migration.short_to_rrule(text) == rule.rrule
    assert migration.short_to_rrule(migration.rrule_to_short(rule.rrule)) == rule.rrule


@pytest.mark.parametrize("text", ["", "hằng tháng", "once 2023-02-30", "yearly 30", "FREQ=WEEKLY;BYDAY=FR"])
def test_the_data_migration_leaves_what_it_cannot_read(text):
    assert migration.short_to_rrule(text) == text
