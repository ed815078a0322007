"""Member pages through the Django test client: upload → background import → progress record."""

import pytest

from doanso.members.models import Member, MemberImport
from tests.members.conftest import person

pytestmark = pytest.mark.django_db


def test_upload_runs_the_import_task_and_records_progress(
    login, write_csv, branch, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.VAR_DIR = tmp_path
    b = branch("HN-")
    path = write_csv([person(1, b.code), person(2, b.code, gender="X"), person(3, b.code)])
    c = login("hn.admin")
    before = Member.objects.count()
    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as fh:
        r = c.post("/members/units/HN/import/", {"file": fh, "mode": "valid"})
    assert r.status_code == 302
    rec = MemberImport.objects.get()
    assert (rec.status, rec.total, rec.processed, rec.imported, rec.rejected) == ("done", 3, 3, 2, 1)
    assert Member.objects.count() == before + 2
    page = c.get(r["Location"]).content.decode()
    assert (
        'Đã nhập <strong id="imported">2</strong> đoàn viên; từ chối <strong id="rejected">1</strong>' in page
    )
    assert '<tr><td>3</td><td class="wrap">Giới tính</td><td' in page
    assert "“X” không hợp lệ (Nam, Nữ hoặc Khác)</td></tr>" in page
    err = c.get(f"/members/imports/{rec.pk}/errors.xlsx")
    assert err.status_code == 200 and err["Content-Disposition"].startswith("attachment")
    # another province's admin cannot see the import
    assert login("hcm.admin").get(f"/members/imports/{rec.pk}/").status_code == 404


def test_upload_refuses_other_files(login, tmp_path):
    p = tmp_path / "a.pdf"
    p.write_bytes(b"%PDF")
    with open(p, "rb") as fh:
        r = login("hn.admin").post("/members/units/HN/import/", {"file": fh, "mode": "all"})
    assert r.status_code == 400
    assert "Đây là tệp PDF, không phải tệp Excel hay CSV." in r.content.decode()
    assert not MemberImport.objects.exists()


def test_pages_render_for_their_users(login, user):
    assert login("doanvien.demo").get("/members/me/").status_code == 200
    c = login("chidoan.demo")
    code = user("chidoan.demo").roles.first().unit.code
    assert c.get(f"/members/units/{code}/").status_code == 200
    assert c.get(f"/members/units/{code}/ratings/?year=2025").status_code == 200
    assert c.get("/members/transfers/").status_code == 200
    assert login("hn.admin").get("/members/units/HCM/").status_code == 404
