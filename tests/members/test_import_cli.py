"""`doanso members import|template|export|recount` through call_command, with real files."""

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from doanso.core import crypto
from doanso.core.models import AuditLog
from doanso.members import counters
from doanso.members.importing.columns import TEMPLATE_HEADERS
from doanso.members.models import Member
from tests.members.conftest import person

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("members", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_valid_file_imports_with_encrypted_cccd_and_counts(write_csv, branch, unit):
    b = branch("HN-")
    path = write_csv([person(i, b.code) for i in range(1, 6)])
    before = Member.objects.count()
    out, _ = run("import", str(path), "--unit", "HN", "--no-progress")
    assert out.strip() == "Đã nhập 5 đoàn viên; từ chối 0 dòng."
    assert Member.objects.count() == before + 5
    m = Member.objects.get(cccd_hash=crypto.lookup_hash("001204000003"))
    assert (m.full_name, m.branch, m.gender, str(m.birth_date), m.phone) == (
        "Nguyễn Văn Thử D",
        b,
        "nam",
        "2004-06-15",
        "0900000003",
    )
    assert "001204000003" not in m.cccd_enc and m.cccd == "001204000003"
    assert m.cccd_masked == "•••••••••003"
    for code in ("HN", b.code, "TW"):
        assert counters.recount(unit(code)) == counters.stored(unit(code))
    assert AuditLog.objects.filter(action="member.import").count() == 1


def test_all_mode_writes_nothing_when_a_row_is_bad(write_csv, branch):
    b = branch("HN-")
    rows = [person(1, b.code), person(2, b.code, birth="31/02/2004"), person(3, b.code, cccd="12AB")]
    path = write_csv(rows)
    before = Member.objects.count()
    with pytest.raises(CommandError) as exc:
        run("import", str(path), "--unit", "HN", "--no-progress")
    assert str(exc.value) == "Tệp có 2 dòng lỗi trên 3 dòng; không nhập đoàn viên nào (chế độ all)."
    assert Member.objects.count() == before


def test_valid_mode_commits_good_rows_and_writes_error_workbook(write_csv, branch, tmp_path):
    b, other = branch("HN-"), branch("HCM-")
    rows = [
        person(1, b.code),
        person(2, b.code, birth="31/02/2004"),
        person(3, b.code, cccd="001204000001"),  # same CCCD as row 2 of the file
        person(4, other.code),
        person(5, "KHONG-CO"),
        person(6, b.code, birth="01/01/2010", admitted="01/01/2024", cccd="001310000006"),
        person(7, b.code, gender="?"),
    ]
    path = write_csv(rows, sep=";", bom=False)
    err_path = tmp_path / "loi.xlsx"
    out, err = run(
        "import", str(path), "--unit", "HN", "--mode", "valid", "--errors", str(err_path), "--no-progress"
    )
    assert out.splitlines()[0] == "Đã nhập 1 đoàn viên; từ chối 6 dòng."
    assert err.splitlines() == [
        "Dòng 3, cột “Ngày sinh”: “31/02/2004”: không có ngày 31/02/2004",
        "Dòng 4, cột “Số CCCD”: trùng với dòng 2 trong tệp",
        f"Dòng 5, cột “Mã chi đoàn”: chi đoàn “{other.code}” không thuộc Thành đoàn Hà Nội",
        "Dòng 6, cột “Mã chi đoàn”: không có chi đoàn mã “KHONG-CO”",
        "Dòng 7, cột “Ngày vào Đoàn”: chưa đủ tuổi kết nạp (phải từ đủ 15 tuổi + 1 ngày, tức từ 02/01/2025) "
        "theo Điều lệ Đoàn 2022",
        "Dòng 8, cột “Giới tính”: “?” không hợp lệ (Nam, Nữ hoặc Khác)",
    ]
    ws = load_workbook(err_path).active
    got = list(ws.iter_rows(values_only=True))
    assert got[0] == (*TEMPLATE_HEADERS[:7], "Dòng (tệp gốc)", "Lỗi")
    assert [r[7] for r in got[1:]] == [3, 4, 5, 6, 7, 8]  # only the rejected rows, with their row numbers
    assert [list(r[:7]) for r in got[1:]] == rows[1:]
    assert got[1][8] == "Ngày sinh: “31/02/2004”: không có ngày 31/02/2004"
    assert ws["B2"].fill.start_color.rgb.endswith("FFC7CE")  # the cell at fault is highlighted…
    assert ws["B2"].comment.text == "“31/02/2004”: không có ngày 31/02/2004"  # … and says why
    assert ws["A2"].comment is None


def test_duplicate_against_registry(write_csv, branch):
    b = branch("HN-")
    run("import", str(write_csv([person(1, b.code)])), "--unit", "HN", "--no-progress")
    with pytest.raises(CommandError):
        run("import", str(write_csv([person(1, b.code)], name="again.csv")), "--unit", "HN", "--no-progress")


def test_xlsx_with_cccd_stored_as_number(write_xlsx, branch):
    b = branch("HN-")
    row = person(9, b.code)
    row[3] = int(row[3])  # Excel drops the leading zeros
    out, _ = run("import", str(write_xlsx([row])), "--unit", "HN", "--no-progress")
    assert out.strip() == "Đã nhập 1 đoàn viên; từ chối 0 dòng."
    assert Member.objects.filter(cccd_hash=crypto.lookup_hash("001204000009")).exists()


@pytest.mark.parametrize(
    "content,name,message",
    [
        (b"", "m.csv", "Tệp rỗng."),
        (b"%PDF-1.4\x00\x01", "m.pdf", "Đây là tệp PDF, không phải tệp Excel hay CSV."),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00",
            "m.xls",
            "Không đọc được tệp XLS (tệp hỏng, có mật khẩu hoặc sai định dạng).",
        ),
        (b"PK\x03\x04broken", "m.xlsx", "Không đọc được tệp Excel (tệp hỏng hoặc sai định dạng)."),
        (
            "Tên,Tuổi\nA,1\n".encode(),
            "m.csv",
            "Không tìm thấy dòng tiêu đề cột (cần các cột “Họ và tên”, “Ngày sinh”, “Giới tính”, “Số CCCD”, "
            "“Ngày vào Đoàn”, “Mã chi đoàn”) trong 50 dòng đầu của tệp. Xem các cột được nhận ra và tải "
            "tệp mẫu trên trang “Nhập danh sách đoàn viên”.",
        ),
        (
            "Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Ngày vào Đoàn,Mã chi đoàn\n".encode(),
            "m.csv",
            "Tệp không có dòng dữ liệu nào.",
        ),
        (
            "Họ và tên,Ngày sinh\n".encode("utf-16"),
            "m.csv",
            "Dòng 1 thiếu cột bắt buộc: “Giới tính”, “Số CCCD”, “Ngày vào Đoàn”, “Mã chi đoàn”. "
            "Các cột được nhận ra và tệp mẫu có trên trang “Nhập danh sách đoàn viên”.",
        ),
        (
            b"\x00\x01\x02\x03" * 100,
            "m.csv",
            "Tệp không phải bảng tính Excel hay tệp CSV (nội dung nhị phân không đọc được).",
        ),
    ],
)
def test_bad_files_are_refused_cleanly(tmp_path, content, name, message):
    p = tmp_path / name
    p.write_bytes(content)
    before = Member.objects.count()
    with pytest.raises(CommandError) as exc:
        run("import", str(p), "--unit", "HN", "--no-progress")
    assert str(exc.value) == message
    assert Member.objects.count() == before


def test_huge_file_refused_before_reading(tmp_path, monkeypatch):
    from doanso.core import tabular

    p = tmp_path / "big.csv"
    with open(p, "wb") as fh:
        fh.truncate(2 * 1024**3)  # a sparse 2 GB file
    with pytest.raises(CommandError) as exc:
        run("import", str(p), "--unit", "HN", "--no-progress")
    assert str(exc.value).startswith("Tệp quá lớn (2048 MB)")
    assert tabular.MAX_BYTES < 2 * 1024**3


def test_template_then_export_is_audited(tmp_path, branch):
    tpl = tmp_path / "mau.xlsx"
    run("template", str(tpl))
    assert [c.value for c in next(load_workbook(tpl).active.iter_rows())] == TEMPLATE_HEADERS
    out_path = tmp_path / "ds.xlsx"
    out, _ = run("export", "--unit", "CT", "-o", str(out_path))
    n = Member.objects.filter(branch__path__startswith=branch("ST-").path[:8]).count()
    rows = list(load_workbook(out_path).active.iter_rows(values_only=True))
    assert rows[0][:7] == tuple(TEMPLATE_HEADERS[:7])
    assert len(rows) > 1 and n >= 0
    log = AuditLog.objects.get(action="member.export")
    assert log.data == {"rows": len(rows) - 1, "file": "ds.xlsx"}


def test_recount_rebuilds_counters(unit):
    from doanso.org.models import SubtreeCounter

    SubtreeCounter.objects.filter(dim="status").delete()
    run("recount")
    assert counters.recount(unit("TW")) == counters.stored(unit("TW"))
