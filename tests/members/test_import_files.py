"""Member files as secretaries keep them, through `doanso members import`: title blocks, header
variants, several sheets, .xlsx/.xls/.ods, CSV in the encodings Windows and Excel write, and
files that are not tables at all.

tests/members/files/title-block.{xls,ods} were converted from title-block.xlsx (made by
`_title_block_xlsx` below) with `soffice --headless --convert-to xls|ods`."""

import codecs
import unicodedata
import zipfile
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from doanso.core import crypto
from doanso.members.models import Member
from tests.members.conftest import person
from tests.members.test_import_cli import run

pytestmark = pytest.mark.django_db
FILES = Path(__file__).parent / "files"
B1, B2 = "HN-H01-X01-C01", "HN-H01-X01-C02"


def _title_block_xlsx(path: Path) -> Path:
    """A cover sheet, then a list under a title block (merged cells, a blank row), an STT column,
    headers in other case, with stray spaces, without diacritics and in their usual variants;
    dates as date cells, a CCCD and a phone stored as numbers; a blank row; a bad CCCD in row 9."""
    wb = Workbook()
    wb.active.title = "Bìa"
    wb.active["B2"] = "BÁO CÁO SỐ LƯỢNG ĐOÀN VIÊN NĂM 2025"
    ws = wb.create_sheet("Danh sách")
    ws["A1"] = "ĐOÀN TNCS HỒ CHÍ MINH"
    ws.merge_cells("A1:D1")
    ws["A2"] = "DANH SÁCH ĐOÀN VIÊN CHI ĐOÀN THANH NIÊN"
    ws.merge_cells("A2:H2")
    ws.append([])
    ws.append(
        [
            "STT",
            " họ  tên ",
            "Ngay thang nam sinh",
            "GIỚI TÍNH",
            "CCCD/CMND",
            "SĐT",
            "Ngày vào đoàn",
            "Mã chi đoàn",
        ]
    )
    ws.append([1, "Nguyễn Văn Bình", date(2003, 5, 1), "Nam", 1203123801, 912345678, date(2019, 3, 26), B1])
    ws.append([2, "Trần Thị Hoa", "02/09/2004", "Nữ", "001304000777", "0987654321", "26/03/2020", B1])
    ws.append([None] * 8)
    ws.append([3, "Lê Minh Khôi", date(2005, 12, 31), "nam", "079205001234", "", date(2021, 3, 26), B2])
    ws.append([4, "Phạm Thu Trang", "15/06/2004", "Nữ", "00130400077", "", "26/03/2020", B2])
    wb.save(path)
    return path


def _imported(cccd: str) -> Member | None:
    return Member.objects.filter(cccd_hash=crypto.lookup_hash(cccd)).first()


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_title_block_layout_is_read_in_every_spreadsheet_format(kind, tmp_path):
    path = _title_block_xlsx(tmp_path / "ds.xlsx") if kind == "xlsx" else FILES / f"title-block.{kind}"
    out, err = run("import", str(path), "--unit", "HN", "--mode", "valid", "--no-progress")
    assert out.splitlines()[0] == "Đã nhập 3 đoàn viên; từ chối 1 dòng."
    assert err.splitlines() == [
        "Dòng 9, cột “Số CCCD”: sai độ dài: “00130400077” có 11 chữ số, Số CCCD phải có đúng 12 chữ số"
    ]
    binh = _imported("001203123801")  # a number cell: Excel had dropped its two zeros
    assert (binh.full_name, binh.birth_date, binh.phone, binh.admitted_on, binh.branch.code) == (
        "Nguyễn Văn Bình",
        date(2003, 5, 1),
        "0912345678",
        date(2019, 3, 26),
        B1,
    )
    assert _imported("079205001234").birth_date == date(2005, 12, 31)
    assert _imported("001304000777").gender == "nu"


def test_eleven_character_text_cccd_is_refused_not_zero_padded(write_csv, branch):
    """A text cell that starts with 0 has lost nothing: 11 characters are a typo, not Excel."""
    b = branch("HN-")
    before = Member.objects.count()
    with pytest.raises(CommandError):
        run(
            "import", str(write_csv([person(1, b.code, cccd="00120400001")])), "--unit", "HN", "--no-progress"
        )
    assert Member.objects.count() == before
    assert _imported("000120400001") is None


def test_cccd_numbers_excel_stripped_get_their_zeros_back_in_csv_too(write_csv, branch):
    """A CSV saved from Excel writes the number 1204000001 for 001204000001."""
    b = branch("HN-")
    out, _ = run(
        "import",
        str(write_csv([person(1, b.code, cccd="1204000001"), person(3, b.code, cccd="79204000003")])),
        "--unit",
        "HN",
        "--no-progress",
    )
    assert out.strip() == "Đã nhập 2 đoàn viên; từ chối 0 dòng."
    assert _imported("001204000001") and _imported("079204000003")


def test_each_wrong_part_of_a_cccd_is_named(write_csv, branch):
    b = branch("HN-")
    rows = [
        person(1, b.code, cccd="099204000001"),  # no province 099
        person(3, b.code, cccd="001004000003"),  # 0 = born in the 1900s, the row says 2004
        person(5, b.code, cccd="001205000005"),  # born 2005 by the CCCD, 2004 by the row
        person(7, b.code, cccd="001304000007"),  # 3 = a woman, the row says Nam
        person(9, b.code, cccd="0012040000091"),  # 13 digits
        person(11, b.code, cccd="001204000011"),  # correct
    ]
    out, err = run("import", str(write_csv(rows)), "--unit", "HN", "--mode", "valid", "--no-progress")
    assert out.splitlines()[0] == "Đã nhập 1 đoàn viên; từ chối 5 dòng."
    assert err.splitlines() == [
        "Dòng 2, cột “Số CCCD”: sai mã tỉnh: “099” (3 chữ số đầu) không phải mã tỉnh nơi đăng ký khai sinh "
        "(Thông tư 07/2016/TT-BCA)",
        "Dòng 3, cột “Số CCCD”: sai thế kỷ/giới tính: chữ số thứ 4 “0” là người sinh năm 1900–1999, "
        "nhưng ngày sinh là năm 2004",
        "Dòng 4, cột “Số CCCD”: sai năm sinh: chữ số thứ 5–6 “05” phải là 2 số cuối của năm sinh (2004)",
        "Dòng 5, cột “Số CCCD”: sai thế kỷ/giới tính: chữ số thứ 4 “3” là của người giới tính nữ, "
        "nhưng dòng ghi giới tính nam",
        "Dòng 6, cột “Số CCCD”: sai độ dài: “0012040000091” có 13 chữ số, Số CCCD phải có đúng 12 chữ số",
    ]


def test_first_sheet_with_the_header_or_the_named_one(tmp_path, branch):
    b1, b2 = branch("HN-", 0).code, branch("HN-", 1).code
    wb = Workbook()
    wb.active.title = "Hướng dẫn"
    wb.active.append(["Điền danh sách ở các trang sau"])
    for title, i, code in (("Chi đoàn 1", 1, b1), ("Chi đoàn 2", 3, b2)):
        ws = wb.create_sheet(title)
        ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Ngày vào Đoàn", "Mã chi đoàn"])
        row = person(i, code)
        ws.append(row[:4] + row[5:])
    path = tmp_path / "hai-trang.xlsx"
    wb.save(path)
    run("import", str(path), "--unit", "HN", "--no-progress")
    assert _imported("001204000001").branch.code == b1 and _imported("001204000003") is None
    run("import", str(path), "--unit", "HN", "--no-progress", "--sheet", "chi đoàn 2")
    assert _imported("001204000003").branch.code == b2
    with pytest.raises(CommandError) as exc:
        run("import", str(path), "--unit", "HN", "--no-progress", "--sheet", "Tổng hợp")
    assert str(exc.value) == (
        "Tệp không có trang tính “Tổng hợp”. Các trang tính có: “Hướng dẫn”, “Chi đoàn 1”, “Chi đoàn 2”."
    )


def test_missing_columns_are_named_with_the_sheet_and_row_and_no_command_line(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "DS"
    ws.append(["DANH SÁCH"])
    ws.append(["STT", "Họ tên", "Ngày sinh", "Giới tính", "Số CCCD"])
    ws.append([1, "Nguyễn Văn An", "01/01/2004", "Nam", "001204000001"])
    path = tmp_path / "thieu.xlsx"
    wb.save(path)
    with pytest.raises(CommandError) as exc:
        run("import", str(path), "--unit", "HN", "--no-progress")
    assert str(exc.value) == (
        "Trang tính “DS”, dòng 2 thiếu cột bắt buộc: “Ngày vào Đoàn”, “Mã chi đoàn”. "
        "Các cột được nhận ra và tệp mẫu có trên trang “Nhập danh sách đoàn viên”."
    )


# --- CSV encodings ---

HEADER = "STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Ngày vào Đoàn,Mã chi đoàn"


def _csv_text(branch_code: str) -> str:
    rows = [person(1, branch_code, name="Nguyễn Thị Hường"), person(3, branch_code, name="Đặng Quốc Việt")]
    rows[0][2] = "Nữ"
    rows[0][3] = "001304000001"
    return "\r\n".join([HEADER, *(",".join([str(n), *r]) for n, r in enumerate(rows, 1))]) + "\r\n"


def _cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: base letters (ă, ơ, ư, đ…) plus combining tone marks."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            tones = [m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323"]
            rest = "".join(m for m in marks if m not in tones)
            out += unicodedata.normalize("NFC", base + rest).encode("cp1258") + "".join(tones).encode(
                "cp1258"
            )
    return bytes(out)


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # Excel's "Unicode text" (with BOM)
        lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),  # decomposed, as macOS writes it
        _cp1258,
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-8-nfd", "windows-1258"],
)
def test_csv_encodings_are_read_and_names_stored_in_nfc(encode, tmp_path, branch):
    b = branch("HN-").code
    path = tmp_path / "ds.csv"
    path.write_bytes(encode(_csv_text(b)))
    out, _ = run("import", str(path), "--unit", "HN", "--no-progress")
    assert out.strip() == "Đã nhập 2 đoàn viên; từ chối 0 dòng."
    names = {_imported("001304000001").full_name, _imported("001204000003").full_name}
    assert names == {"Nguyễn Thị Hường", "Đặng Quốc Việt"}
    assert all(unicodedata.is_normalized("NFC", n) for n in names)
    assert _imported("001304000001").search_name == "nguyen thi huong"


def test_csv_in_another_legacy_encoding_says_which_and_how_to_save_utf8(tmp_path):
    """A list typed with a TCVN3 (ABC) font and saved as ANSI: "Họ và tên" is "Hä vµ tªn"."""
    path = tmp_path / "ds.csv"
    path.write_bytes("Hä vµ tªn;Ngµy sinh;Giíi tÝnh\nNguyÔn V¨n An;01/01/2004;Nam\n".encode("cp1252"))
    with pytest.raises(CommandError) as exc:
        run("import", str(path), "--unit", "HN", "--no-progress")
    msg = str(exc.value)
    assert msg.startswith("Tệp CSV được lưu theo bảng mã ")
    assert "không phải UTF-8" in msg and "“CSV UTF-8 (Comma delimited) (*.csv)”" in msg


# --- Files that are not tables ---


def _zip_bomb(path: Path) -> Path:
    """A well-formed .xlsx whose sheet unpacks to 300 MB of blanks (compressed about 1000×)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            block = b" " * (1 << 20)
            for _ in range(300):
                fh.write(block)
    return path


def _png(path: Path) -> Path:
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )
    return path


def _docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    return path


@pytest.mark.parametrize(
    "make,message",
    [
        (lambda d: _png(d / "danh-sach.xlsx"), "Đây là tệp ảnh PNG, không phải tệp Excel hay CSV."),
        (lambda d: _docx(d / "danh-sach.xlsx"), "Đây là tệp văn bản Word, không phải tệp Excel hay CSV."),
        (
            lambda d: _zip_bomb(d / "bom.xlsx"),
            "Tệp Excel này giải nén ra quá lớn (300 MB; giới hạn là 200 MB) so với kích thước của nó; "
            "hệ thống "
            "không mở tệp như vậy. Hãy lưu lại danh sách thành tệp mới rồi nhập.",
        ),
        (
            lambda d: (
                (d / "m.xls").write_bytes(b"<html><body><table><tr><td>1</td></tr></table>") and d / "m.xls"
            ),
            "Tệp này là trang web (HTML/XML) được đặt tên như tệp Excel. Hãy mở nó bằng Excel rồi chọn "
            "Lưu thành → “Sổ làm việc Excel (.xlsx)”, sau đó nhập tệp .xlsx đó.",
        ),
    ],
    ids=["png", "docx", "zip-bomb", "html-as-xls"],
)
def test_files_that_are_not_tables_say_what_they_are(make, message, tmp_path):
    path = make(tmp_path)
    before = Member.objects.count()
    with pytest.raises(CommandError) as exc:
        run("import", str(path), "--unit", "HN", "--no-progress")
    assert str(exc.value) == message
    assert Member.objects.count() == before


def test_huge_numbers_are_row_errors_not_crashes(tmp_path, branch):
    b = branch("HN-").code
    wb = Workbook()
    ws = wb.active
    ws.append(
        ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số điện thoại", "Ngày vào Đoàn", "Mã chi đoàn"]
    )
    ws.append(["Nguyễn Văn An", "15/06/2004", "Nam", 1e300, 10**30, "26/03/2020", b])
    ws.append(["Nguyễn Văn Ba", 1e300, "Nam", "001204000003", float("1e20"), 99999999999, b])
    path = tmp_path / "so-lon.xlsx"
    wb.save(path)
    err = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(
            "members",
            "import",
            str(path),
            "--unit",
            "HN",
            "--mode",
            "valid",
            "--no-progress",
            stdout=StringIO(),
            stderr=err,
        )
    assert str(exc.value) == "Không nhập được đoàn viên nào: mọi dòng của tệp đều có lỗi."
    assert [ln.split(":")[0] for ln in err.getvalue().splitlines()] == [
        "Dòng 2, cột “Số CCCD”",
        "Dòng 2, cột “Số điện thoại”",
        "Dòng 3, cột “Ngày sinh”",
        "Dòng 3, cột “Số điện thoại”",
        "Dòng 3, cột “Ngày vào Đoàn”",
    ]


def test_column_number_row_under_the_header_is_not_a_member(tmp_path, branch):
    b = branch("HN-").code
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Ngày vào Đoàn", "Mã chi đoàn"])
    ws.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"])
    row = person(1, b)
    ws.append([1, *row[:4], *row[5:]])
    path = tmp_path / "mau-bieu.xlsx"
    wb.save(path)
    out, _ = run("import", str(path), "--unit", "HN", "--no-progress")
    assert out.strip() == "Đã nhập 1 đoàn viên; từ chối 0 dòng."


def test_dates_as_vietnamese_files_write_them(tmp_path, branch):
    """Read by core.vn: d/m/yy, ISO, dd.mm.yyyy, words, an Excel serial in a General-formatted cell."""
    b = branch("HN-").code
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Ngày vào Đoàn", "Mã chi đoàn"])
    ws.append(["Nguyễn Văn A", "5/3/05", "Nam", "001205000001", "26.03.2021", b])
    ws.append(["Nguyễn Văn B", "2005-03-05", "Nam", "001205000003", "ngày 26 tháng 3 năm 2021", b])
    ws.append(["Nguyễn Văn C", 38416, "Nam", "001205000005", "26-03-2021", b])  # 38416 = 05/03/2005
    path = tmp_path / "ngay.xlsx"
    wb.save(path)
    out, _ = run("import", str(path), "--unit", "HN", "--no-progress")
    assert out.strip() == "Đã nhập 3 đoàn viên; từ chối 0 dòng."
    got = {
        (m.birth_date, m.admitted_on)
        for m in Member.objects.filter(full_name__in=["Nguyễn Văn A", "Nguyễn Văn B", "Nguyễn Văn C"])
    }
    assert got == {(date(2005, 3, 5), date(2021, 3, 26))}


def test_a_hidden_sheet_comes_after_the_visible_ones(tmp_path, branch):
    b1, b2 = branch("HN-", 0).code, branch("HN-", 1).code
    wb = Workbook()
    hidden = wb.active
    hidden.title = "Nháp"
    hidden.sheet_state = "hidden"
    for ws, i, code in ((hidden, 1, b1), (wb.create_sheet("Danh sách"), 3, b2)):
        ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Ngày vào Đoàn", "Mã chi đoàn"])
        row = person(i, code)
        ws.append(row[:4] + row[5:])
    path = tmp_path / "an.xlsx"
    wb.save(path)
    run("import", str(path), "--unit", "HN", "--no-progress")
    assert _imported("001204000003").branch.code == b2 and _imported("001204000001") is None


def test_a_branch_list_needs_no_branch_column_when_imported_into_that_branch(tmp_path, branch):
    """A chi đoàn secretary's own list has no “Mã chi đoàn”: imported into the branch, it is that branch."""
    b = branch("HN-").code
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Ngày vào Đoàn"])
    row = person(1, b)
    ws.append([1, *row[:4], row[5]])
    ws.append([2, *person(2, b, birth="30/02/2004")[:4], row[5]])
    path = tmp_path / "chi-doan.xlsx"
    wb.save(path)
    with pytest.raises(CommandError) as exc:
        run("import", str(path), "--unit", "HN", "--no-progress")
    assert str(exc.value).startswith("Trang tính “Sheet”, dòng 1 thiếu cột bắt buộc: “Mã chi đoàn”.")
    errors = tmp_path / "loi.xlsx"
    out, _ = run(
        "import", str(path), "--unit", b, "--mode", "valid", "--errors", str(errors), "--no-progress"
    )
    assert out.splitlines()[0] == "Đã nhập 1 đoàn viên; từ chối 1 dòng."
    assert _imported("001204000001").branch.code == b
    assert [r[-2] for r in load_workbook(errors).active.iter_rows(min_row=2, values_only=True)] == [3]


def test_a_csv_cell_too_long_is_refused_in_vietnamese_naming_the_row(tmp_path, branch):
    b = branch("HN-").code
    path = tmp_path / "dai.csv"
    rows = [",".join(person(1, b)), ",".join(person(3, b)[:-1] + ["x" * 200_000])]
    path.write_text("\n".join([HEADER.removeprefix("STT,"), *rows]) + "\n", encoding="utf-8")
    before = Member.objects.count()
    with pytest.raises(CommandError) as exc:
        run("import", str(path), "--unit", "HN", "--no-progress")
    assert str(exc.value) == (
        "Tệp CSV hỏng ở dòng 3: có ô quá dài (hơn 128.000 ký tự) hoặc dấu ngoặc kép không được đóng. "
        "Hãy mở tệp bằng Excel, kiểm tra dòng đó rồi lưu lại."
    )
    assert Member.objects.count() == before


@pytest.mark.parametrize("layout", ["merged", "two-headers"])
def test_a_name_kept_in_two_columns_is_joined(layout, tmp_path, branch):
    """School lists keep "Họ và tên" over two merged cells (family and middle names | given
    name), or as two columns "Họ đệm" | "Tên"."""
    b = branch("HN-").code
    wb = Workbook()
    ws = wb.active
    if layout == "merged":
        ws.append(
            ["STT", "Họ và tên", None, "Ngày sinh", "Giới tính", "Số CCCD", "Ngày vào Đoàn", "Mã chi đoàn"]
        )
        ws.merge_cells("B1:C1")
    else:
        ws.append(
            ["STT", "Họ đệm", "Tên", "Ngày sinh", "Giới tính", "Số CCCD", "Ngày vào Đoàn", "Mã chi đoàn"]
        )
    row = person(1, b)
    ws.append([1, "Nguyễn Văn", "An", *row[1:4], *row[5:]])
    ws.append([2, "Trần Thị Bích", "Ngọc", "31/02/2004", *person(2, b)[2:4], *row[5:]])
    path = tmp_path / "ten-tach.xlsx"
    wb.save(path)
    errors = tmp_path / "loi.xlsx"
    out, _ = run(
        "import", str(path), "--unit", "HN", "--mode", "valid", "--errors", str(errors), "--no-progress"
    )
    assert out.splitlines()[0] == "Đã nhập 1 đoàn viên; từ chối 1 dòng."
    assert _imported("001204000001").full_name == "Nguyễn Văn An"
    # The error workbook keeps the two columns as they were, so it imports again once fixed.
    got = list(load_workbook(errors).active.iter_rows(values_only=True))
    assert got[1][1:3] == ("Trần Thị Bích", "Ngọc")


def test_official_form_with_the_birth_date_under_nam_or_nu(tmp_path, branch):
    """The form's "Ngày tháng năm sinh" spans two columns headed "Nam" | "Nữ" in the row below;
    a member's birth date is written in their gender's column (there is no gender column)."""
    b = branch("HN-").code
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH ĐOÀN VIÊN"])
    ws.append(["STT", "Họ và tên", "Ngày tháng năm sinh", None, "Số CCCD", "Ngày vào Đoàn", "Mã chi đoàn"])
    ws.merge_cells("C2:D2")
    ws.append([None, None, "Nam", "Nữ"])
    ws.append([1, "Nguyễn Văn An", "15/06/2004", None, "001204000001", "26/03/2020", b])
    ws.append([2, "Trần Thị Bình", None, "15/06/2004", "001304000002", "26/03/2020", b])
    ws.append([3, "Lê Văn Cường", "15/06/2004", None, "001304000003", "26/03/2020", b])  # 3 = a woman
    path = tmp_path / "mau-bieu.xlsx"
    wb.save(path)
    errors = tmp_path / "loi.xlsx"
    out, err = run(
        "import", str(path), "--unit", "HN", "--mode", "valid", "--errors", str(errors), "--no-progress"
    )
    assert out.splitlines()[0] == "Đã nhập 2 đoàn viên; từ chối 1 dòng."
    assert err.splitlines() == [
        "Dòng 6, cột “Số CCCD”: sai thế kỷ/giới tính: chữ số thứ 4 “3” là của người giới tính nữ, "
        "nhưng dòng ghi giới tính nam"
    ]
    assert (_imported("001204000001").gender, _imported("001304000002").gender) == ("nam", "nu")
    assert _imported("001304000002").birth_date == date(2004, 6, 15)
    got = list(load_workbook(errors).active.iter_rows(values_only=True))
    assert got[1][2:4] == ("Nam", "Nữ") and got[2][1] == "Lê Văn Cường"  # fixable and importable again
