"""The one Vietnamese number and date module: the examples of issue 9, and round trips."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doanso.core import vn


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("85.000", Decimal(85000)),
        ("1.234.567", Decimal(1234567)),
        ("12,5", Decimal("12.5")),
        ("85.000,5", Decimal("85000.5")),
        ("1,2 triệu", Decimal(1200000)),
        ("2 tỷ", Decimal(2000000000)),
        ("02 tỷ", Decimal(2000000000)),
        ("3 nghìn", Decimal(3000)),
        ("5 ngàn", Decimal(5000)),
        ("255.000", Decimal(255000)),
        (" 85 000 ", Decimal(85000)),
        ("85\u00a0000", Decimal(85000)),
        ("1.500", Decimal(1500)),
        ("0,125", Decimal("0.125")),
        ("1,500", Decimal("1.5")),
        ("-3", Decimal(-3)),
        ("7", Decimal(7)),
        (85000, Decimal(85000)),
        (12.5, Decimal("12.5")),
        (Decimal("3.25"), Decimal("3.25")),
    ],
)
def test_parse_number_reads_vietnamese(text, expected):
    assert vn.parse_number(text) == expected


def test_percent_only_where_allowed():
    assert vn.parse_number("12,5%", allow_percent=True) == Decimal("12.5")
    assert vn.parse_number("80 %", allow_percent=True) == Decimal(80)
    with pytest.raises(vn.VnParseError, match="%"):
        vn.parse_number("12,5%")


@pytest.mark.parametrize(("text", "readings"), [("1.5", ("1,5", "15")), ("12.25", ("12,25", "1.225"))])
def test_ambiguous_input_is_refused_with_both_readings(text, readings):
    with pytest.raises(vn.VnParseError) as err:
        vn.parse_number(text)
    for reading in readings:
        assert reading in err.value.message
    assert text in err.value.message


@pytest.mark.parametrize(
    "bad", ["", "  ", "abc", "1.2.3", "12,5,6", "NaN", "Infinity", "1e5", True, None, "1,234,567"]
)
def test_not_numbers_are_refused(bad):
    with pytest.raises(vn.VnParseError):
        vn.parse_number(bad)


def test_english_grouping_names_the_vietnamese_spelling():
    with pytest.raises(vn.VnParseError, match="1.234.567"):
        vn.parse_number("1,234,567")


@pytest.mark.parametrize(
    "huge", ["10^30", "1" + "0" * 30, 2**63 - 1, "9.223.372.036.854.775.807", float("inf")]
)
def test_absurd_magnitudes_are_refused(huge):
    with pytest.raises(vn.VnParseError):
        vn.parse_number(huge)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/03/2024", date(2024, 3, 15)),
        ("5/3/2024", date(2024, 3, 5)),
        ("5/3/24", date(2024, 3, 5)),
        ("15/3/95", date(1995, 3, 15)),
        ("15-03-2024", date(2024, 3, 15)),
        ("15.03.2024", date(2024, 3, 15)),
        ("2024-03-15", date(2024, 3, 15)),
        ("2024-03-15T08:00:00", date(2024, 3, 15)),
        ("15/03/2020 00:00:00", date(2020, 3, 15)),
        ("ngày 15 tháng 3 năm 2024", date(2024, 3, 15)),
        ("Ngày 05 tháng 12 năm 2023", date(2023, 12, 5)),
        ("45366", date(2024, 3, 15)),
        (45366, date(2024, 3, 15)),
        (45366.0, date(2024, 3, 15)),
        (datetime(2024, 3, 15, 9, 30), date(2024, 3, 15)),
        (date(2024, 3, 15), date(2024, 3, 15)),
    ],
)
def test_parse_date_reads_every_usual_form(text, expected):
    assert vn.parse_date(text) == expected


@pytest.mark.parametrize(
    "bad", ["", "31/02/2024", "15/13/2024", "hôm qua", "2024", "03/2024", True, 0, 10**7]
)
def test_bad_dates_are_refused(bad):
    with pytest.raises(vn.VnParseError):
        vn.parse_date(bad)


def test_impossible_day_names_it():
    with pytest.raises(vn.VnParseError, match="31/02/2024"):
        vn.parse_date("31/02/2024")


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (38240, {}, "38.240"),
        (1234567, {}, "1.234.567"),
        (12.5, {}, "12,5"),
        (Decimal("12.5000"), {}, "12,5"),
        (Decimal("85000.00"), {}, "85.000"),
        (0, {}, "0"),
        (-1500, {}, "-1.500"),
        (97.84, {"decimals": 1}, "97,8"),
        (80, {"decimals": 1}, "80,0"),
        (None, {}, ""),
    ],
)
def test_format_number(value, kwargs, expected):
    assert vn.format_number(value, **kwargs) == expected


def test_other_outputs():
    assert vn.format_percent(97.8) == "97,8%"
    assert vn.format_percent(Decimal("16.666")) == "16,7%"
    assert vn.format_size(20 * 1024 * 1024) == "20,0 MB"
    assert vn.format_size(512) == "512 B"
    assert vn.format_date(date(2026, 3, 5)) == "05/03/2026"
    assert vn.format_date(None) == ""
    assert vn.format_period("2026-12") == "tháng 12/2026"
    assert vn.format_period("2026Q1") == "Quý I/2026"
    assert vn.format_period("2026Q4") == "Quý IV/2026"
    assert vn.format_period("2026W10") == "Tuần 10/2026"
    assert vn.format_period("2026") == "năm 2026"
    assert vn.format_period("2026-03-15") == "15/03/2026"


decimals = st.decimals(min_value=-(10**12), max_value=10**12, places=3, allow_nan=False, allow_infinity=False)


@given(decimals)
def test_numbers_round_trip(d):
    assert vn.parse_number(vn.format_number(d)) == d


@given(st.integers(min_value=0, max_value=10**14))
def test_integers_round_trip(n):
    assert vn.parse_number(vn.format_number(n)) == n


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(2199, 12, 31)))
def test_dates_round_trip(d):
    assert vn.parse_date(vn.format_date(d)) == d
    assert vn.parse_date(d.isoformat()) == d
    serial = (d - date(1899, 12, 30)).days
    assert vn.parse_date(serial) == d


# ---- periods -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026", "2026"),
        ("năm 2026", "2026"),
        ("Quý I/2026", "2026Q1"),
        ("quý 4/2026", "2026Q4"),
        ("Quý IV / 2026", "2026Q4"),
        ("tháng 3/2026", "2026-03"),
        ("Tháng 12/2026", "2026-12"),
        ("03/2026", "2026-03"),
        ("Tuần 10/2026", "2026W10"),
        ("2026Q1", "2026Q1"),
        ("2026-3", "2026-03"),
        ("2026W7", "2026W7"),
    ],
)
def test_parse_period_reads_vietnamese_and_ids(text, expected):
    assert vn.parse_period(text) == expected


@pytest.mark.parametrize("bad", ["Quý V/2026", "tháng 13/2026", "Tuần 54/2026", "kỳ này", "2026Q5", ""])
def test_bad_periods_are_refused_with_examples(bad):
    with pytest.raises(vn.VnParseError, match="không phải là kỳ"):
        vn.parse_period(bad)


@given(
    st.one_of(
        st.integers(2000, 2100).map(str),
        st.tuples(st.integers(2000, 2100), st.integers(1, 4)).map(lambda t: f"{t[0]}Q{t[1]}"),
        st.tuples(st.integers(2000, 2100), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
        st.tuples(st.integers(2000, 2100), st.integers(1, 53)).map(lambda t: f"{t[0]}W{t[1]}"),
    )
)
def test_periods_round_trip(pid):
    assert vn.parse_period(vn.format_period(pid)) == pid
