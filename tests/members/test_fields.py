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
    if len(text) in (10, 11) and text.zfill(12)[:3] in fields.PROVINCES:
        assert value == text.zfill(12) and err is None
    elif len(text) == 12:
        assert (value, err) == (
            None,
            f"sai mã tỉnh: “{text[:3]}” (3 chữ số đầu) không phải mã tỉnh nơi đăng ký "
            "khai sinh (Thông tư 07/2016/TT-BCA)",
        )
    elif len(text) < 10:
        assert value is None and err.startswith("sai độ dài")
    else:
        assert value is None and err.startswith("sai mã tỉnh")


@given(
    st.sampled_from(sorted(fields.PROVINCES)),
    st.dates(min_value=date(1800, 1, 1), max_value=date(2299, 12, 31)),
    st.sampled_from(["nam", "nu"]),
    st.integers(min_value=0, max_value=999_999),
)
def test_a_cccd_built_by_the_circular_passes_and_any_changed_part_is_named(province, born, gender, serial):
    digit = next(d for d, cg in fields.CENTURY_GENDER.items() if cg == (born.year // 100 * 100, gender))
    cccd = f"{province}{digit}{born.year % 100:02d}{serial:06d}"
    assert fields.parse_cccd(cccd) == (cccd, None)
    assert fields.check_cccd(cccd, born, gender) is None
    other = "nu" if gender == "nam" else "nam"
    assert fields.check_cccd(cccd, born, other).startswith("sai thế kỷ/giới tính")
    assert fields.check_cccd(
        cccd, born.replace(year=born.year + 100 if born.year < 2200 else 1900, day=min(born.day, 28)), gender
    ).startswith("sai thế kỷ/giới tính")
    shifted = born.replace(year=born.year // 100 * 100 + (born.year + 1) % 100, day=min(born.day, 28))
    assert fields.check_cccd(cccd, shifted, gender).startswith("sai năm sinh")


def test_cccd_edge_cases():
    assert fields.parse_cccd("001204000001.0") == ("001204000001", None)
    assert fields.parse_cccd(" 001 204 000 001 ") == ("001204000001", None)
    assert fields.parse_cccd("1.20400E+11")[1].startswith("“1.20400E+11” bị Excel")
    assert fields.parse_cccd("00120400000A")[1] == "“00120400000A” chỉ được gồm chữ số"
    assert fields.parse_cccd("") == (None, "không được để trống")
    assert fields.parse_cccd("٠٠١٢٠٤٠٠٠٠٠١")[1] is not None  # non-ASCII digits
    assert fields.parse_cccd("00120400001")[1].startswith("sai độ dài")  # text with its zero: not padded
    assert fields.parse_cccd("1204000001") == ("001204000001", None)  # a number Excel stripped
    assert len(fields.PROVINCES) == 63 and fields.PROVINCES["079"] == "Hồ Chí Minh"


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


_HEADERS = {
    "full_name": ["Họ và tên", "Họ tên", "HỌ VÀ TÊN", "ho ten"],
    "birth_date": ["Ngày sinh", "Ngày tháng năm sinh", "NGAY SINH", "Ngày sinh (dd/mm/yyyy)"],
    "gender": ["Giới tính", "gioi tinh", "Nam/Nữ"],
    "cccd": ["Số CCCD", "CCCD/CMND", "Số CCCD/CMND (*)", "cccd", "Số định danh cá nhân"],
    "phone": ["Số điện thoại", "SĐT", "sdt", "Điện thoại"],
    "admitted_on": ["Ngày vào Đoàn", "Ngày vào đoàn", "ngay ket nap doan"],
    "branch": ["Mã chi đoàn", "MÃ CHI ĐOÀN"],
}


def _mangle(draw, name: str) -> str:
    """The header as someone might type it: other case, stray spaces, accents dropped, decomposed."""
    import unicodedata

    from doanso.core.text import fold

    if draw(st.booleans()):
        name = fold(name)
    name = draw(st.sampled_from([str.upper, str.lower, str.title, str]))(name)
    name = draw(st.sampled_from(["", " ", "  ", "\t"])) + name.replace(
        " ", draw(st.sampled_from([" ", "  "]))
    )
    return unicodedata.normalize(
        draw(st.sampled_from(["NFC", "NFD"])), name + draw(st.sampled_from(["", " "]))
    )


@given(st.data())
def test_header_variants_map_to_their_columns_in_any_order(data):
    from doanso.members.importing.columns import header_columns, header_score

    keys = data.draw(st.permutations(list(_HEADERS)))
    cells = ["STT"] + [_mangle(data.draw, data.draw(st.sampled_from(_HEADERS[k]))) for k in keys]
    col = header_columns(cells)
    assert col == {k: i + 1 for i, k in enumerate(keys)}
    assert header_score(cells) == 6  # every required column
