"""`periods.month_starts`: the months a range of days touches, which every monthly counter
(activities, outreach, ideas, exemplars) reads a period by."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doanso.core.calendar.periods import month_starts

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2026, 3, 15), date(2026, 3, 15), [(2026, 3)]),
        (date(2026, 3, 1), date(2026, 3, 31), [(2026, 3)]),
        (date(2026, 1, 31), date(2026, 2, 1), [(2026, 1), (2026, 2)]),
        # a week across the new year touches December and January
        (date(2025, 12, 29), date(2026, 1, 4), [(2025, 12), (2026, 1)]),
        (date(2025, 11, 20), date(2026, 2, 3), [(2025, 11), (2025, 12), (2026, 1), (2026, 2)]),
        (
            date(2024, 12, 31),
            date(2026, 1, 1),
            [(2024, 12)] + [(2025, m) for m in range(1, 13)] + [(2026, 1)],
        ),
        (date(2026, 4, 1), date(2026, 3, 31), []),
    ],
)
def test_months_of_a_range(start, end, months):
    assert month_starts(start, end) == [date(y, m, 1) for y, m in months]


@given(days, st.integers(min_value=0, max_value=800))
def test_every_day_falls_in_exactly_one_listed_month(start, length):
    end = start + timedelta(days=length)
    got = month_starts(start, end)
    assert got == sorted(set(got)) and all(d.day == 1 for d in got)
    for i in range(length + 1):
        day = start + timedelta(days=i)
        assert day.replace(day=1) in got
    assert got[0] == start.replace(day=1) and got[-1] == end.replace(day=1)
