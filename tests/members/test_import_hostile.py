"""Hostile member files (issue 12, findings 2 and 7): spreadsheets that unpack too far, parts
that lie about their size, the file read once, uploads kept private and deleted, the error
workbook sealed and served only to the unit's admins. The bombs are real, valid workbooks
(openpyxl), repacked here with their sheet padded, so only the size guards stop them."""

import io
import os
import stat
import struct
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from django.test import Client
from openpyxl import Workbook, load_workbook

from doanso.core import crypto
from doanso.members.importing.columns import TEMPLATE_HEADERS
from doanso.members.models import Member, MemberImport
from tests.factories import UserFactory
from tests.members.conftest import person

pytestmark = pytest.mark.django_db
SHEET = "xl/worksheets/sheet1.xml"


def _xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(TEMPLATE_HEADERS[:7])
    for r in rows:
        ws.append(r)
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _padded(data: bytes, pad_mb: int) -> bytes:
    """The workbook again, its sheet padded with `pad_mb` MB of blanks between two elements
    (valid XML, same cells): compressed about 1000×."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            part = src.read(info)
            if info.filename != SHEET:
                z.writestr(info.filename, part)
                continue
            head, tail = part.split(b"<sheetData>", 1)
            with z.open(SHEET, "w", force_zip64=True) as fh:
                fh.write(head)
                block = b" " * (1 << 20)
                for _ in range(pad_mb):
                    fh.write(block)
                fh.write(b"<sheetData>" + tail)
    return out.getvalue()


def _lying(data: bytes, declared: int) -> bytes:
    """The workbook with its sheet's uncompressed size declared as `declared` bytes in both the
    local header and the central directory (the data left as it is)."""
    buf = bytearray(data)
    name = SHEET.encode()
    local = buf.find(b"PK\x03\x04")
    while local != -1:
        n = struct.unpack_from("<H", buf, local + 26)[0]
        if bytes(buf[local + 30 : local + 30 + n]) == name:
            struct.pack_into("<I", buf, local + 22, declared)
            break
        local = buf.find(b"PK\x03\x04", local + 4)
    central = buf.find(b"PK\x01\x02")
    while central != -1:
        n = struct.unpack_from("<H", buf, central + 28)[0]
        if bytes(buf[central + 46 : central + 46 + n]) == name:
            struct.pack_into("<I", buf, central + 24, declared)
            break
        central = buf.find(b"PK\x01\x02", central + 4)
    return bytes(buf)


@pytest.fixture
def upload(login, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.VAR_DIR = tmp_path
    c = login("hn.admin")

    def send(name: str, data: bytes, mode: str = "all", client=None):
        f = BytesIO(data)
        f.name = name
        with django_capture_on_commit_callbacks(execute=True):
            r = (client or c).post("/members/units/HN/import/", {"file": f, "mode": mode})
        return c, r

    return send


def _imports_dir(tmp_path: Path) -> list[Path]:
    d = tmp_path / "imports"
    return sorted(d.iterdir()) if d.exists() else []


def test_a_workbook_unpacking_past_the_default_limit_is_refused_at_upload(upload, branch, tmp_path):
    data = _padded(_xlsx([person(1, branch("HN-").code)]), 210)
    assert len(data) < 1 << 20  # under 1 MB on the wire, 210 MB unpacked
    before = Member.objects.count()
    _, r = upload("bom.xlsx", data)
    assert r.status_code == 400
    assert "Tệp Excel này giải nén ra quá lớn (210 MB; giới hạn là 200 MB)" in r.content.decode()
    assert not MemberImport.objects.exists() and Member.objects.count() == before
    assert _imports_dir(tmp_path) == []  # the refused upload is deleted at once


def test_the_limit_is_a_setting_and_a_valid_padded_sheet_under_it_imports(upload, branch, settings):
    code = branch("HN-").code
    data = _padded(_xlsx([person(1, code), person(2, code)]), 3)
    settings.DOANSO_IMPORT_MAX_UNCOMPRESSED_MB = 2
    _, r = upload("bom.xlsx", data)
    assert r.status_code == 400 and "(3 MB; giới hạn là 2 MB)" in r.content.decode()
    settings.DOANSO_IMPORT_MAX_UNCOMPRESSED_MB = 5
    _, r = upload("ok.xlsx", data)
    assert r.status_code == 302
    rec = MemberImport.objects.get()
    assert (rec.status, rec.imported) == ("done", 2)  # the padded sheet is a real one


def test_a_sheet_compressed_past_the_ratio_is_refused_under_the_size_limit(upload, branch):
    _, r = upload("bom.xlsx", _padded(_xlsx([person(1, branch("HN-").code)]), 12))
    assert r.status_code == 400 and "giải nén ra quá lớn (12 MB" in r.content.decode()


def test_a_part_that_lies_about_its_size_is_refused_before_the_reader(upload, branch, monkeypatch):
    import python_calamine

    data = _lying(_padded(_xlsx([person(1, branch("HN-").code)]), 3), 4096)
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo(SHEET).file_size == 4096

    def never(*a, **k):
        raise AssertionError("the spreadsheet reader opened a file whose sizes lie")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", never)
    _, r = upload("bom.xlsx", data)
    assert r.status_code == 302
    rec = MemberImport.objects.get()
    assert (rec.status, rec.message) == ("failed", "Không đọc được tệp Excel (tệp hỏng hoặc sai định dạng).")


def test_the_file_is_read_once(upload, branch, monkeypatch):
    import python_calamine

    opened = []
    real = python_calamine.CalamineWorkbook.from_path

    def counted(path, *a, **k):
        opened.append(path)
        return real(path, *a, **k)

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", counted)
    code = branch("HN-").code
    upload("ds.xlsx", _xlsx([person(i, code) for i in range(1, 6)]))
    rec = MemberImport.objects.get()
    assert (rec.status, rec.imported, rec.total) == ("done", 5, 5)
    assert len(opened) == 1  # not once to count, once for the header and once to validate


def test_the_upload_is_private_while_it_waits_and_deleted_when_the_import_ends(
    login, settings, tmp_path, branch, django_capture_on_commit_callbacks
):
    settings.VAR_DIR = tmp_path
    f = BytesIO(_xlsx([person(1, branch("HN-").code), person(2, branch("HN-").code, birth="31/02/2004")]))
    f.name = "ds.xlsx"
    with django_capture_on_commit_callbacks(execute=False) as queued:
        r = login("hn.admin").post("/members/units/HN/import/", {"file": f, "mode": "valid"})
    assert r.status_code == 302
    rec = MemberImport.objects.get()
    stored = Path(rec.stored_path)
    assert stored.parent == tmp_path / "imports"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    for run in queued:
        run()
    rec.refresh_from_db()
    assert (rec.status, rec.imported, rec.rejected) == ("done", 1, 1)
    assert not stored.exists()
    assert _imports_dir(tmp_path) == [Path(rec.errors_path)]  # only the sealed error workbook
    sealed = Path(rec.errors_path)
    assert sealed.name == f"loi-{rec.pk}.xlsx.enc" and stat.S_IMODE(sealed.stat().st_mode) == 0o600
    raw = sealed.read_bytes()
    assert b"001304000002" not in raw and not raw.startswith(b"PK")  # no CCCD in clear on disk
    assert load_workbook(BytesIO(crypto.decrypt_bytes(raw))).active.max_row == 2


def test_a_failed_import_deletes_its_upload(upload, tmp_path):
    _, r = upload("rong.xlsx", _xlsx([]))
    rec = MemberImport.objects.get()
    assert rec.status == "failed" and not Path(rec.stored_path).exists()
    assert _imports_dir(tmp_path) == []


def test_the_error_workbook_is_for_the_units_admins_only(upload, branch, unit, login):
    code = branch("HN-").code
    c, _ = upload("ds.xlsx", _xlsx([person(1, code), person(2, code, birth="31/02/2004")]))
    rec = MemberImport.objects.get()
    url = f"/members/imports/{rec.pk}/errors.xlsx"
    r = c.get(url)
    assert r.status_code == 200 and r["Cache-Control"] == "no-store"
    cccds = [
        row[3] for row in load_workbook(BytesIO(r.content)).active.iter_rows(min_row=2, values_only=True)
    ]
    assert cccds == ["001204000001", "001304000002"]  # all-or-nothing: every row, to fix and send again
    staff = Client()
    staff.force_login(UserFactory(unit=unit("HN"), role="staff"))
    assert staff.get(f"/members/imports/{rec.pk}/").status_code == 200  # staff sees the import …
    assert staff.get(url).status_code == 404  # … not the workbook with the CCCDs
    assert login("hcm.admin").get(url).status_code == 404
    os.unlink(rec.errors_path)
    assert c.get(url).status_code == 404


def _ods(rows, pad_mb: int = 0, tail: str = "") -> bytes:
    """A minimal valid OpenDocument spreadsheet (mimetype first, stored), its content.xml padded
    with `pad_mb` MB of blanks between two elements."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
    )

    def row(cells):
        return (
            "<table:table-row>"
            + "".join(
                f'<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>'
                for c in cells
            )
            + "</table:table-row>"
        )

    table = "".join(row(r) for r in [TEMPLATE_HEADERS[:7], *rows])
    content_head = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:body>'
    content_tail = (
        f'<office:spreadsheet><table:table table:name="DS">{table}{tail}</table:table></office:spreadsheet>'
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("content.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as fh:
            fh.write(content_head.encode())
            for _ in range(pad_mb):
                fh.write(b" " * (1 << 20))
            fh.write((content_tail + "</office:body></office:document-content>").encode())
    return out.getvalue()


def test_an_ods_is_bounded_like_an_xlsx(upload, branch, settings):
    code = branch("HN-").code
    settings.DOANSO_IMPORT_MAX_UNCOMPRESSED_MB = 2
    _, r = upload("bom.ods", _ods([person(1, code)], pad_mb=3))
    assert r.status_code == 400 and "giải nén ra quá lớn (3 MB; giới hạn là 2 MB)" in r.content.decode()
    _, r = upload("ds.ods", _ods([person(1, code), person(2, code)], pad_mb=1))
    rec = MemberImport.objects.get()
    assert (rec.status, rec.imported) == ("done", 2), rec.message  # the padded sheet is a real one


def test_a_sheet_whose_used_range_is_huge_is_refused_before_the_reader(upload, branch, monkeypatch):
    """Two cells, A1 and XFD1048576, in a 5 KB workbook: the reader would hold 17 billion cells."""
    import python_calamine

    wb = Workbook()
    ws = wb.active
    ws.append(TEMPLATE_HEADERS[:7])
    ws.append(person(1, branch("HN-").code))
    ws.cell(1_048_576, 16_384, "x")
    buf = BytesIO()
    wb.save(buf)
    assert len(buf.getvalue()) < 10_000

    def never(*a, **k):
        raise AssertionError("the spreadsheet reader opened a sheet too wide to hold")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", never)
    upload("rong.xlsx", buf.getvalue())
    rec = MemberImport.objects.get()
    assert (rec.status, rec.message) == (
        "failed",
        "Trang tính trong tệp Excel có vùng dữ liệu quá rộng (1.048.576 dòng × 16384 cột; giới hạn là "
        "15.000.000 ô). Hãy xóa các dòng và cột trống thừa ở cuối trang tính, lưu lại rồi nhập.",
    )


def test_an_ods_whose_repeated_cells_stand_for_billions_is_refused_before_the_reader(
    upload, branch, monkeypatch
):
    """Under 2 KB: one row repeated 50,000 times with a value repeated over 1,000 columns. The reader
    would expand it (3 GB, then an abort that kills the worker); it never gets the file."""
    import python_calamine

    code = branch("HN-").code
    bomb = (
        '<table:table-row table:number-rows-repeated="50000"><table:table-cell'
        ' table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row>"
    )
    data = _ods([person(1, code)], tail=bomb)
    assert len(data) < 2048
    opened = []
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", lambda *a: opened.append(a))
    before = Member.objects.count()
    upload("bom.ods", data)
    rec = MemberImport.objects.get()
    assert rec.status == "failed"
    assert rec.message.startswith(
        "Trang tính trong tệp Excel có vùng dữ liệu quá rộng (50.002 dòng × 1000 cột"
    )
    assert opened == [] and Member.objects.count() == before


def test_an_ods_with_libreoffices_empty_runs_to_the_sheet_edge_imports(upload, branch):
    """LibreOffice ends sheets with empty rows and columns repeated to the edge (1,048,576 × 1,024):
    they hold no value, cost the reader nothing, and are not counted."""
    code = branch("HN-").code
    edge = (
        '<table:table-row table:number-rows-repeated="1048574">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    _, r = upload("ok.ods", _ods([person(1, code)], tail=edge))
    assert r.status_code == 302
    rec = MemberImport.objects.get()
    assert (rec.status, rec.imported) == ("done", 1)
