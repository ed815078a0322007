"""The import page through the Django test client: what it documents, its template, hostile
uploads, and the error workbook's round trip (fix the red cells, upload it again)."""

import os
import re
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from doanso.members.importing.columns import TEMPLATE_HEADERS
from doanso.members.models import Member, MemberImport
from tests.members.conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def upload(login, settings, tmp_path, django_capture_on_commit_callbacks):
    """POST a file to the HN import page as hn.admin, run the queued import, return (client, response)."""
    settings.VAR_DIR = tmp_path
    c = login("hn.admin")

    def send(name: str, data: bytes, mode: str = "all"):
        f = BytesIO(data)
        f.name = name
        with django_capture_on_commit_callbacks(execute=True):
            r = c.post("/members/units/HN/import/", {"file": f, "mode": mode})
        return c, r

    return send


def _xlsx(rows, header=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header or TEMPLATE_HEADERS[:7])
    for r in rows:
        ws.append(r)
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_page_documents_what_is_accepted_with_a_template_that_imports(login, upload, branch):
    c = login("hn.admin")
    page = c.get("/members/units/HN/import/").content.decode()
    for text in (
        ".xlsx",
        ".xls",
        ".ods",
        "UTF-16",
        "Windows-1258",
        "dòng tiêu đề",
        "Thông tư 07/2016/TT-BCA",
    ):
        assert text in page
    assert "doanso " not in page and "lệnh" not in page  # nothing for a secretary to type in a terminal
    href = re.search(r'id="template-link" class="btn" href="([^"]+)"', page)[1]
    r = c.get(href)
    assert (
        r.status_code == 200 and r["Content-Disposition"] == 'attachment; filename="mau-nhap-doan-vien.xlsx"'
    )
    wb = load_workbook(BytesIO(b"".join(r.streaming_content) if r.streaming else r.content))
    assert wb.sheetnames == ["Danh sách", "Hướng dẫn"]
    ws = wb["Danh sách"]
    assert [c.value for c in ws[1]] == TEMPLATE_HEADERS
    example = [c.value for c in ws[2]]
    assert example[6] == branch("HN-").code and example[3] == "001205012345"
    # The template, filled in (its example row kept), imports as it is.
    ws.append(person(1, branch("HN-").code))
    buf = BytesIO()
    wb.save(buf)
    before = Member.objects.count()
    c, r = upload("mau-nhap-doan-vien.xlsx", buf.getvalue())
    assert MemberImport.objects.get().status == "done"
    assert Member.objects.count() == before + 2


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("anh.xlsx", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "Đây là tệp ảnh PNG, không phải tệp Excel hay CSV."),
        (
            "lon.csv",
            os.urandom(20 * 1024 * 1024),
            "Tệp không phải bảng tính Excel hay tệp CSV (nội dung nhị phân không đọc được).",
        ),
    ],
    ids=["png-renamed", "20-mb-of-noise"],
)
def test_hostile_uploads_are_refused_on_the_page(upload, name, data, message):
    before = Member.objects.count()
    _, r = upload(name, data)
    assert r.status_code == 400
    assert message in r.content.decode()
    assert not MemberImport.objects.exists() and Member.objects.count() == before


def test_missing_columns_message_points_to_this_page_not_a_command(upload):
    c, r = upload(
        "ds.xlsx", _xlsx([["Nguyễn Văn An", "01/01/2004"]], header=["Họ tên", "Ngày sinh", "Giới tính"])
    )
    page = c.get(r["Location"]).content.decode()
    assert (
        "Trang tính “Sheet”, dòng 1 thiếu cột bắt buộc: “Số CCCD”, “Ngày vào Đoàn”, “Mã chi đoàn”. "
        "Các cột được nhận ra và tệp mẫu có trên trang “Nhập danh sách đoàn viên”." in page
    )
    assert "doanso members" not in page and "lệnh" not in page


def test_all_mode_error_workbook_fixed_and_uploaded_again_imports_every_row(upload, branch):
    """30 rows, 2 bad: nothing is written; the error workbook holds all 30 rows in their order with
    their row numbers; fixing the 2 red cells and uploading it again imports 30."""
    code = branch("HN-").code
    rows = [person(i, code) for i in range(1, 31)]
    rows[4][1] = "31/02/2004"  # row 6 of the file
    rows[19][3] = "00120400002"  # row 21: an 11-character CCCD typed as text
    before = Member.objects.count()
    c, r = upload("ds.xlsx", _xlsx(rows), mode="all")
    rec = MemberImport.objects.get()
    assert (rec.status, rec.imported, rec.rejected, rec.processed) == ("failed", 0, 2, 30)
    assert Member.objects.count() == before
    page = c.get(r["Location"]).content.decode()
    assert '<progress max="100" value="100"' in page
    assert re.findall(r"<tr><td>(\d+)</td><td[^>]*>([^<]+)</td>", page) == [
        ("6", "Ngày sinh"),
        ("21", "Số CCCD"),
    ]

    got = c.get(f"/members/imports/{rec.pk}/errors.xlsx")
    wb = load_workbook(BytesIO(got.content))
    ws = wb.active
    values = list(ws.iter_rows(values_only=True))
    assert values[0] == (*TEMPLATE_HEADERS[:7], "Dòng (tệp gốc)", "Lỗi")
    assert [list(v[:7]) for v in values[1:]] == rows  # every row, in order, as written
    assert [v[7] for v in values[1:]] == list(range(2, 32))
    assert [i for i, v in enumerate(values[1:], 2) if v[8]] == [6, 21]
    assert values[5][8] == "Ngày sinh: “31/02/2004”: không có ngày 31/02/2004"
    assert ws["B6"].fill.start_color.rgb.endswith("FFC7CE") and ws["D21"].comment is not None
    # Uploaded again unfixed, it gives the same workbook (its added columns replaced, not repeated).
    MemberImport.objects.all().delete()
    buf = BytesIO()
    wb.save(buf)
    c, r = upload("loi-nhap.xlsx", buf.getvalue(), mode="all")
    again = MemberImport.objects.get()
    second = load_workbook(BytesIO(c.get(f"/members/imports/{again.pk}/errors.xlsx").content))
    assert list(second.active.iter_rows(values_only=True)) == values
    # The secretary fixes the two red cells and uploads the same workbook.
    ws["B6"] = "28/02/2004"
    ws["D21"] = "001304000020"
    buf = BytesIO()
    wb.save(buf)
    MemberImport.objects.all().delete()
    upload("loi-nhap.xlsx", buf.getvalue(), mode="all")
    rec = MemberImport.objects.get()
    assert (rec.status, rec.imported, rec.rejected) == ("done", 30, 0)
    assert Member.objects.count() == before + 30


def test_valid_mode_error_workbook_holds_only_the_bad_rows_with_their_numbers(upload, branch):
    code = branch("HN-").code
    rows = [person(i, code) for i in range(1, 11)]
    rows[2][2] = "?"  # row 4
    rows[7][6] = "KHONG-CO"  # row 9
    c, r = upload("ds.xlsx", _xlsx(rows), mode="valid")
    rec = MemberImport.objects.get()
    assert (rec.status, rec.imported, rec.rejected) == ("done", 8, 2)
    values = list(
        load_workbook(BytesIO(c.get(f"/members/imports/{rec.pk}/errors.xlsx").content)).active.iter_rows(
            values_only=True
        )
    )
    assert [(v[0], v[7]) for v in values[1:]] == [(rows[2][0], 4), (rows[7][0], 9)]
    assert [v[8] for v in values[1:]] == [
        "Giới tính: “?” không hợp lệ (Nam, Nữ hoặc Khác)",
        "Mã chi đoàn: không có chi đoàn mã “KHONG-CO”",
    ]
