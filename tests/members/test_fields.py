"""Import cell parsing (plain functions; property-based where the input space is wide)."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from doanso.members import fields


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_any_real_date_round_trips(d):
    assert fields.parse_date(d.strftime("%d/%m/%Y")) == (d, None)
    assert fields.parse_date(f"{d.day}/{d.month}/{d.year}") == (d, None)


@given(st.text(max_size=12))
def test_date_parser_never_crashes_and_names_the_problem(text):
    value, err = fields.parse_date(text)
    assert (value is None) == (err is not None)


@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_cccd_from_an_excel_number_gets_its_zeros_back(n):
    text = str(n)
    value, err = fields.parse_cccd(text)
    if len(text) >= 10:
        assert value == text.zfill(12) and err is None
    else:
        assert value is None and "12 chữ số" in err


def test_cccd_edge_cases():
    assert fields.parse_cccd("001204000001.0") == ("001204000001", None)
    assert fields.parse_cccd(" 001 204 000 001 ") == ("001204000001", None)
    assert fields.parse_cccd("1.20400E+11")[1].startswith("“1.20400E+11” bị Excel")
    assert fields.parse_cccd("00120400000A")[1] == "“00120400000A” chỉ được gồm chữ số"
    assert fields.parse_cccd("") == (None, "không được để trống")
    assert fields.parse_cccd("٠٠١٢٠٤٠٠٠٠٠١")[1] is not None  # non-ASCII digits


def test_gender_and_phone():
    assert fields.parse_gender("Nữ") == ("nu", None)
    assert fields.parse_gender("NAM") == ("nam", None)
    assert fields.parse_gender("x")[1] == "“x” không hợp lệ (Nam, Nữ hoặc Khác)"
    assert fields.parse_phone("912345678") == ("0912345678", None)
    assert fields.parse_phone("+84 912 345 678") == ("0912345678", None)
    assert fields.parse_phone("") == ("", None)
    assert fields.parse_phone("12345")[1].startswith("“12345” không phải số điện thoại")


@given(st.text(max_size=20))
def test_phone_and_gender_never_crash(text):
    fields.parse_phone(text)
    fields.parse_gender(text)
    fields.parse_cccd(text)
    fields.parse_name(text)
