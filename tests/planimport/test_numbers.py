"""Vietnamese number grammar: thousands dots, decimal commas, zero padding, scale words."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doanso.planimport.numbers import format_number, parse_number, parse_quantity


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2.217", 2217),
        ("85.000", 85000),
        ("255.000", 255000),
        ("1.234.567", 1234567),
        ("02", 2),
        ("01", 1),
        ("1,5", 1.5),
        ("12,25", 12.25),
        ("85,000", 85000),
        ("4.0", 4),
        ("1.234.567,5", 1234567.5),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value", "percent"),
    [
        ("1,5 triệu", 1_500_000, False),
        ("02 tỷ đồng", 2_000_000_000, False),
        ("1 tỷ 500 triệu đồng", 1_500_000_000, False),
        ("2 triệu 500 nghìn", 2_500_000, False),
        ("3 ngàn", 3000, False),
        ("80%", 80, True),
        ("12,5 %", 12.5, True),
        ("5 tỉ", 5_000_000_000, False),
    ],
)
def test_parse_quantity(text, value, percent):
    assert parse_quantity(text) == (value, percent)


@given(st.integers(min_value=0, max_value=10**12))
def test_integers_round_trip(n):
    assert parse_number(format_number(n)) == n


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=2, max_value=3))
def test_zero_padded_round_trip(n, pad):
    assert parse_number(format_number(n, pad=pad)) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_decimal_comma_round_trip(whole, frac):
    text = f"{format_number(whole)},{frac:02d}"
    assert parse_number(text) == pytest.approx(whole + frac / 100)


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["nghìn", "triệu", "tỷ"]))
def test_scale_words(n, word):
    scale = {"nghìn": 10**3, "triệu": 10**6, "tỷ": 10**9}[word]
    assert parse_quantity(f"{format_number(n, pad=2)} {word} đồng") == (n * scale, False)


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=9))
def test_decimal_with_scale(whole, tenth):
    value, _ = parse_quantity(f"{whole},{tenth} triệu")
    assert value == whole * 1_000_000 + tenth * 100_000


def test_not_a_number():
    with pytest.raises(ValueError):
        parse_number("abc")
