from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doanso.core.calendar import periods
from doanso.core.calendar.periods import TZ, Period
from doanso.core.errors import UserError

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
grains = st.sampled_from(periods.GRAINS)


@pytest.mark.parametrize(
    ("text", "start", "end", "grain"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31), "year"),
        ("2024Q1", date(2024, 1, 1), date(2024, 3, 31), "quarter"),
        ("2024Q4", date(2024, 10, 1), date(2024, 12, 31), "quarter"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("2024W10", date(2024, 3, 4), date(2024, 3, 10), "week"),
        ("2025W01", date(2024, 12, 30), date(2025, 1, 5), "week"),
        ("2020W53", date(2020, 12, 28), date(2021, 1, 3), "week"),
        ("2024-03-15", date(2024, 3, 15), date(2024, 3, 15), "day"),
    ],
)
def test_parse(text, start, end, grain):
    p = periods.parse(text)
    assert (p.start, p.end, p.grain, p.id) == (start, end, grain, text.replace("W01", "W1"))


@pytest.mark.parametrize(
    "text", ["", "24", "2024Q5", "2024-13", "2024W54", "2021W53", "2024-02-30", "năm 2024", "0000"]
)
def test_bad_periods_are_refused_in_vietnamese(text):
    with pytest.raises(UserError) as exc:
        periods.parse(text)
    assert exc.value.field == "period"
    assert "không hợp lệ" in exc.value.message


def test_instants_are_vietnam_time():
    p = periods.parse("2024-03")
    assert p.starts_at == datetime(2024, 3, 1, tzinfo=TZ)
    assert p.ends_at.utcoffset() == timedelta(hours=7)
    assert p.contains(datetime(2024, 3, 31, 16, 59, tzinfo=periods.ZoneInfo("UTC")))
    assert not p.contains(datetime(2024, 3, 31, 17, 0, tzinfo=periods.ZoneInfo("UTC")))


def test_weeks_count_toward_the_year_of_their_thursday():
    assert periods.parse("2025W1").parent("year").id == "2025"
    assert periods.parse("2020W53").parent("year").id == "2020"
    assert [p.id for p in periods.parse("2024W5").ancestors()] == ["2024W5", "2024", "2024Q1", "2024-02"]


def test_labels():
    """The same words core.vn.format_period writes everywhere else (one period formatter)."""
    from doanso.core import vn

    for x in ["2024", "2024Q4", "2024-03", "2024W10", "2024W3"]:
        assert periods.parse(x).label == vn.format_period(x)
    assert [periods.parse(x).label for x in ["2024", "2024Q4", "2024-03", "2024W10", "2024-03-15"]] == [
        "năm 2024",
        "Quý IV/2024",
        "tháng 3/2024",
        "Tuần 10/2024",
        "ngày 15/3/2024",
    ]


def test_children_of_a_year():
    y = periods.parse("2024")
    assert len(y.children("month")) == 12
    assert len(y.children("quarter")) == 4
    assert len(y.children("week")) == 52
    assert len(periods.parse("2020").children("week")) == 53
    assert len(y.children("day")) == 366


@given(days, grains)
def test_containing_contains_the_day_and_round_trips(d, grain):
    p = Period.containing(d, grain)
    assert p.start <= d <= p.end
    assert periods.parse(p.id) == p
    assert p.next().start == p.end + timedelta(days=1)
    assert p.previous().end == p.start - timedelta(days=1)


@given(days, grains, grains)
def test_every_period_counts_toward_exactly_one_coarser_period(d, fine, coarse):
    if periods.GRAINS.index(coarse) > periods.GRAINS.index(fine) or coarse == "week":
        return
    p = Period.containing(d, fine)
    parent = p.parent(coarse)
    assert parent.contains(p)
    assert not parent.previous().contains(p) and not parent.next().contains(p)
    assert p in parent.children(fine)


@given(
    days, st.sampled_from(["year", "quarter", "month"]), st.sampled_from(["quarter", "month", "week", "day"])
)
def test_children_partition_the_parent(d, coarse, fine):
    if periods.GRAINS.index(fine) <= periods.GRAINS.index(coarse):
        return
    parent = Period.containing(d, coarse)
    kids = parent.children(fine)
    assert all(parent.contains(k) for k in kids)
    assert all(a.next() == b for a, b in zip(kids, kids[1:], strict=False))


def test_span():
    assert [p.id for p in periods.span("2023", "2025", "year")] == ["2023", "2024", "2025"]
    assert len(periods.span("2024", "2024", "week")) == 52
