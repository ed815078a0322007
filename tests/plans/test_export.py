import shutil

import pytest
from django.core.management import call_command
from docx import Document
from pypdf import PdfReader

from doanso.plans.models import Plan


@pytest.fixture
def st_plan(db):
    return Plan.objects.get(issuer__code="ST")


def test_docx_in_the_union_format(st_plan, tmp_path):
    out = tmp_path / "st.docx"
    call_command("plans", "export", str(st_plan.pk), "--format", "docx", "-o", str(out))
    doc = Document(out)
    left, right = (c.text for c in doc.tables[0].rows[0].cells)
    assert left.split("\n") == [
        "BCH ĐOÀN TNCS HỒ CHÍ MINH",
        "BCH TỈNH ĐOÀN SÓC TRĂNG",
        "***",
        "Số: 1-CTr/TĐTN-BTC",
    ]
    assert right.split("\n")[0] == "ĐOÀN TNCS HỒ CHÍ MINH"
    assert right.split("\n")[-1] == "Sóc Trăng, ngày 10 tháng 01 năm 2024"
    body = [p.text for p in doc.paragraphs]
    assert "CHƯƠNG TRÌNH" in body
    assert "Công tác đoàn và phong trào thanh thiếu nhi năm 2024" in body
    assert any(
        t.startswith("(2) Lượt đoàn viên, thanh niên tham gia hoạt động tình nguyện: 85.000 lượt")
        for t in body
    )
    assert sum(1 for t in body if t.startswith("(")) == 19
    nhan, ky = (c.text for c in doc.tables[1].rows[0].cells)
    assert nhan.startswith("Nơi nhận:") and "- Lưu VT." in nhan
    assert ky.split("\n")[:2] == ["TM. BAN CHẤP HÀNH", "BÍ THƯ"]
    assert ky.split("\n")[-1] == "Triệu Thị Ngọc Diễm"


def test_pdf_via_libreoffice(st_plan, tmp_path):
    if not (shutil.which("libreoffice") or shutil.which("soffice")):
        pytest.fail(
            "LibreOffice is not installed, and PDF export needs it: run `make system-deps` "
            "(Debian packages libreoffice-writer-nogui, fonts-liberation2, fonts-dejavu-core)."
        )
    out = tmp_path / "st.pdf"
    call_command("plans", "export", str(st_plan.pk), "--format", "pdf", "-o", str(out))
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    flat = " ".join(text.split())
    for words in [
        "ĐOÀN TNCS HỒ CHÍ MINH",
        "BCH TỈNH ĐOÀN SÓC TRĂNG",
        "***",
        "1-CTr/TĐTN-BTC",
        "CHƯƠNG TRÌNH",
        "Sóc Trăng, ngày 10 tháng 01 năm 2024",
        "TM. BAN CHẤP HÀNH",
        "Nơi nhận",
        "85.000 lượt",
    ]:
        assert words in flat, words


def test_unknown_plan(db, tmp_path):
    with pytest.raises(SystemExit) as exc:
        call_command("plans", "export", "999999", "--format", "docx", "-o", str(tmp_path / "x.docx"))
    assert exc.value.code == 2
