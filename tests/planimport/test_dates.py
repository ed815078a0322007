"""Vietnamese date grammar: full dates, ranges, weeks, months, quarters, year from context."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doanso.planimport.dates import DateContext, find_dates, find_time, parse_date

CTX = DateContext(year=2023)


@pytest.mark.parametrize(
    ("text", "start", "end", "kind"),
    [
        ("ngày 29 tháng 8 năm 2023", date(2023, 8, 29), date(2023, 8, 29), "day"),
        ("29/8/2023", date(2023, 8, 29), date(2023, 8, 29), "day"),
        ("trước ngày 28/02/2023", date(2023, 2, 28), date(2023, 2, 28), "day"),
        ("ngày 19/3", date(2023, 3, 19), date(2023, 3, 19), "day"),
        ("từ ngày 06-10/3", date(2023, 3, 6), date(2023, 3, 10), "range"),
        ("dự kiến vào ngày 02-03/3/2023", date(2023, 3, 2), date(2023, 3, 3), "range"),
        ("từ ngày 24/3 đến ngày 26/3/2025", date(2025, 3, 24), date(2025, 3, 26), "range"),
        ("tuần 01 tháng 3", date(2023, 3, 1), date(2023, 3, 7), "week"),
        ("tuần 4 tháng 3", date(2023, 3, 22), date(2023, 3, 28), "week"),
        ("Tháng 12/2024", date(2024, 12, 1), date(2024, 12, 31), "month"),
        ("cuối tháng 3", date(2023, 3, 21), date(2023, 3, 31), "month"),
        ("quý IV năm 2025", date(2025, 10, 1), date(2025, 12, 31), "quarter"),
        ("quý 2/2024", date(2024, 4, 1), date(2024, 6, 30), "quarter"),
        ("6 tháng đầu năm 2024", date(2024, 1, 1), date(2024, 6, 30), "half"),
        ("vào năm 2025", date(2025, 1, 1), date(2025, 12, 31), "year"),
        ("giai đoạn 2023 - 2027", date(2023, 1, 1), date(2027, 12, 31), "span"),
    ],
)
def test_parse(text, start, end, kind):
    found = parse_date(text, CTX)
    assert (found.date, found.end_date, found.kind) == (start, end, kind)


def test_quarter_period_and_month_period():
    assert parse_date("quý IV năm 2025").period == "2025Q4"
    assert parse_date("Tháng 12/2024").period == "2024-12"


def test_year_from_issue_date_rolls_forward():
    ctx = DateContext(doc_date=date(2024, 12, 20))
    assert parse_date("trước ngày 15/01", ctx).date == date(2025, 1, 15)
    assert parse_date("ngày 25/12", ctx).date == date(2024, 12, 25)


def test_fraction_is_not_a_date():
    assert find_dates("đạt 3/5 chi đoàn", CTX) == []


def test_anniversary_range_keeps_both_years():
    found = parse_date("(26/3/1931 – 26/3/2023)")
    assert (found.date, found.end_date) == (date(1931, 3, 26), date(2023, 3, 26))


def test_invalid_dates_are_ignored():
    assert find_dates("ngày 30/02/2023 và 45/13", CTX) == []


def test_time_next_to_date():
    text = "nộp trước 16h00 ngày 15/01"
    d = parse_date(text, CTX)
    assert find_time(text, d.start, d.end) == "16:00"


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)), st.booleans())
def test_numeric_dates_round_trip(d, padded):
    day = f"{d.day:02d}" if padded else str(d.day)
    month = f"{d.month:02d}" if padded else str(d.month)
    for text in (
        f"{day}/{month}/{d.year}",
        f"ngày {day} tháng {month} năm {d.year}",
        f"{day}-{month}-{d.year}",
    ):
        assert parse_date(text).date == d


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.integers(min_value=0, max_value=20)
)
def test_day_ranges_within_a_month(d, length):
    import calendar

    last = calendar.monthrange(d.year, d.month)[1]
    end_day = min(d.day + length, last)
    found = parse_date(f"từ ngày {d.day:02d}-{end_day:02d}/{d.month}/{d.year}")
    assert (found.date, found.end_date.day) == (d, end_day)


@given(st.integers(min_value=2000, max_value=2099), st.integers(min_value=1, max_value=12))
def test_month_year(year, month):
    found = parse_date(f"Tháng {month}/{year}")
    assert (found.date, found.end_date.month, found.end_date.year) == (date(year, month, 1), month, year)


@given(st.integers(min_value=2000, max_value=2099), st.integers(min_value=1, max_value=4))
def test_quarters(year, q):
    roman = ["I", "II", "III", "IV"][q - 1]
    found = parse_date(f"quý {roman} năm {year}")
    assert found.period == f"{year}Q{q}"
    assert found.date == date(year, 3 * q - 2, 1)
