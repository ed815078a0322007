"""The deadline in words and the order by urgency: pure, no database."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doanso.todo.wording import TZ, Item, deadline_words, order

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=TZ)


@pytest.mark.parametrize(
    ("due", "words"),
    [
        (datetime(2026, 12, 2, 17, 0, tzinfo=TZ), "còn 2 ngày"),
        (datetime(2026, 12, 1, 8, 0, tzinfo=TZ), "hạn ngày mai"),
        (datetime(2026, 11, 30, 17, 0, tzinfo=TZ), "hạn hôm nay"),
        (datetime(2026, 11, 30, 8, 0, tzinfo=TZ), "quá hạn hôm nay"),
        (datetime(2026, 11, 27, 12, 0, tzinfo=TZ), "quá hạn 3 ngày"),
        (date(2026, 12, 31), "còn 31 ngày"),
        (None, ""),
    ],
)
def test_deadline_in_words(due, words):
    assert deadline_words(due, NOW) == words


def test_days_are_counted_in_vietnam_time():
    # 23:30 UTC on 30/11 is already 06:30 on 1/12 in Hà Nội: the deadline is "today" there
    due = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
    assert deadline_words(due, datetime(2026, 12, 1, 1, 0, tzinfo=TZ)) == "hạn hôm nay"
    assert deadline_words(due, datetime(2026, 12, 1, 7, 0, tzinfo=TZ)) == "quá hạn hôm nay"
    assert deadline_words(due, datetime(2026, 11, 30, 20, 0, tzinfo=TZ)) == "hạn ngày mai"


def test_order_is_overdue_first_then_by_deadline_then_by_weight():
    late_old = Item("report_due", "a", "/a", due=NOW - timedelta(days=5))
    late_new = Item("report_due", "b", "/b", due=NOW - timedelta(hours=1))
    soon = Item("report_due", "c", "/c", due=NOW + timedelta(hours=3))
    later = Item("rating_enter", "d", "/d", due=NOW + timedelta(days=20))
    heavy = Item("maturity", "e", "/e", weight=70)
    light = Item("transfer_incoming", "f", "/f", weight=10)
    assert order([heavy, later, light, soon, late_new, late_old], NOW) == [
        late_old,
        late_new,
        soon,
        later,
        light,
        heavy,
    ]


@given(st.lists(st.integers(min_value=-1000, max_value=1000), max_size=30))
def test_every_overdue_item_comes_before_every_upcoming_one(hours):
    items = [Item("report_due", str(h), "/", due=NOW + timedelta(hours=h)) for h in hours]
    got = order(items, NOW)
    flags = [i.due < NOW for i in got]
    assert flags == sorted(flags, reverse=True)
    dues = [i.due for i in got]
    assert dues == sorted(dues)
