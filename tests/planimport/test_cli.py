"""`doanso planimport extract FILE --json`: one JSON object, or a Vietnamese error and a non-zero exit."""

import io
import json
from pathlib import Path

import docx
import pytest
from django.core.management import call_command

from doanso.planimport.cli import run_extract
from doanso.planimport.extractor import extract_file
from doanso.planimport.text import ReadError, read_document

SEEDS = Path(__file__).parent / "seeds"


def _run(path) -> tuple[int, dict | None, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_extract(str(path), out, err)
    return code, (json.loads(out.getvalue()) if out.getvalue() else None), err.getvalue()


def test_command_prints_one_json_object():
    out = io.StringIO()
    call_command(
        "planimport",
        "extract",
        str(SEEDS / "haiphong-127-KH-hinh-mau-thanh-nien-2023-2027.txt"),
        "--json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert (data["kind"], data["number"], data["date"]) == ("ke_hoach", "127-KH/TĐTN-BTG", "2023-08-29")
    assert "Hải Phòng" in out.getvalue()  # ensure_ascii=False
    for key in (
        "issuer",
        "place",
        "title",
        "period",
        "sections",
        "targets",
        "deadlines",
        "recurring",
        "references",
    ):
        assert key in data


def test_command_exits_non_zero_on_missing_file(tmp_path):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command(
            "planimport",
            "extract",
            str(tmp_path / "khong-co.txt"),
            "--json",
            stdout=io.StringIO(),
            stderr=err,
        )
    assert exc.value.code != 0
    assert "Không tìm thấy tệp" in err.getvalue()


def test_old_plans_extract_name_still_works():
    out = io.StringIO()
    call_command(
        "plans", "extract", str(SEEDS / "haiphong-127-KH-hinh-mau-thanh-nien-2023-2027.txt"), stdout=out
    )
    assert json.loads(out.getvalue())["number"] == "127-KH/TĐTN-BTG"


def test_empty_file(tmp_path):
    path = tmp_path / "rong.txt"
    path.write_text("  \n\n", encoding="utf-8")
    code, data, err = _run(path)
    assert code != 0 and data is None
    assert "rỗng" in err


def test_binary_file(tmp_path):
    path = tmp_path / "anh.txt"
    path.write_bytes(bytes(range(256)) * 4)
    code, _, err = _run(path)
    assert code != 0
    assert "nhị phân" in err


def test_unsupported_format(tmp_path):
    path = tmp_path / "bang.xlsx"
    path.write_bytes(b"PK\x03\x04rest-of-a-zip")
    code, _, err = _run(path)
    assert code != 0
    assert "chưa được hỗ trợ" in err


def test_damaged_docx(tmp_path):
    path = tmp_path / "hong.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError, match="Không đọc được tệp Word"):
        read_document(path)


def test_docx_with_letterhead_and_target_table(tmp_path):
    document = docx.Document()
    head = document.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "BCH ĐOÀN XÃ TÂN PHÚ"
    head.cell(0, 1).text = "ĐOÀN TNCS HỒ CHÍ MINH"
    head.cell(1, 0).text = "Số: 12-KH/ĐTN"
    head.cell(1, 1).text = "Tân Phú, ngày 10 tháng 02 năm 2025"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Tháng Thanh niên năm 2025")
    document.add_paragraph("I. CHỈ TIÊU")
    table = document.add_table(rows=3, cols=3)
    for row, cells in enumerate(
        [
            ("STT", "Nội dung", "Thời gian"),
            ("1", "Ra quân 500 lượt đoàn viên tình nguyện", "ngày 09/3"),
            ("2", "Trồng 2.000 cây xanh", "tuần 03 tháng 3"),
        ]
    ):
        for col, value in enumerate(cells):
            table.cell(row, col).text = value
    document.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("- Gửi báo cáo trước 10h00 thứ Hai hằng tuần.")
    path = tmp_path / "ke-hoach.docx"
    document.save(path)

    code, data, err = _run(path)
    assert code == 0, err
    assert (data["number"], data["date"], data["place"], data["issuer"]) == (
        "12-KH/ĐTN",
        "2025-02-10",
        "Tân Phú",
        "BCH ĐOÀN XÃ TÂN PHÚ",
    )
    assert [(t["value"], t["unit"]) for t in data["targets"]] == [(500, "lượt"), (2000, "cây")]
    assert [(d["date"], d["what"]) for d in data["deadlines"]] == [
        ("2025-03-09", "Ra quân 500 lượt đoàn viên tình nguyện"),
        ("2025-03-15", "Trồng 2.000 cây xanh"),
    ]
    assert data["recurring"][0]["rule"] == "FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0"


def _minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer (Helvetica, ASCII), built by hand."""
    ops = ["BT /F1 11 Tf 50 780 Td 14 TL"]
    for line in lines:
        ops.append("(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_pdf_text_layer(tmp_path):
    path = tmp_path / "ke-hoach.pdf"
    path.write_bytes(
        _minimal_pdf(
            ["KE HOACH", "Ra quan tinh nguyen 2025", "I. CHI TIEU", "- 85% chi doan to chuc ra quan."]
        )
    )
    assert "85% chi doan" in read_document(path)
    result = extract_file(path)
    # Helvetica cannot carry Vietnamese letters, so this page is unaccented: the structure is still read
    assert [s["number"] for s in result["sections"]] == ["I"]
    assert result["source"] == "ke-hoach.pdf"


def test_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_minimal_pdf([]))
    code, _, err = _run(path)
    assert code != 0
    assert "không có lớp chữ" in err


def test_markdown_file(tmp_path):
    path = tmp_path / "ke-hoach.md"
    path.write_text(
        "# KẾ HOẠCH\n\n**Hội trại 2025**\n\n## I. CHỈ TIÊU\n\n* 90% chi đoàn tham gia.\n", encoding="utf-8"
    )
    code, data, _ = _run(path)
    assert code == 0
    assert [(t["value"], t["percent"], t["line"]) for t in data["targets"]] == [(90, True, 7)]
