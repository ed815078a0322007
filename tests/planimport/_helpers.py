"""Shared helpers of the review tests: seed files as uploads, a .docx built with python-docx."""

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

SEEDS = Path(__file__).parent / "seeds"
SOCTRANG = "soctrang-chuong-trinh-cong-tac-doan-2024.txt"
THUYNGUYEN = "thuynguyen-thang-thanh-nien-2023.txt"


def seed_upload(name: str = SOCTRANG) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (SEEDS / name).read_bytes(), content_type="text/plain")


def docx_bytes() -> bytes:
    """A small real plan as Word: letterhead table, heading, targets (one in a table), a weekly duty."""
    import docx

    d = docx.Document()
    grid = d.add_table(rows=2, cols=2)
    grid.cell(0, 0).text = "BCH ĐOÀN TP. CẦN THƠ\n***"
    grid.cell(0, 1).text = "ĐOÀN TNCS HỒ CHÍ MINH"
    grid.cell(1, 0).text = "Số: 45-KH/TĐTN-BTG"
    grid.cell(1, 1).text = "Cần Thơ, ngày 10 tháng 01 năm 2026"
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Tổ chức Tháng Thanh niên năm 2026")
    d.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    d.add_paragraph("- Phát huy vai trò xung kích của đoàn viên, thanh niên.")
    d.add_paragraph("II. CHỈ TIÊU")
    d.add_paragraph("- Phấn đấu 12.000 lượt đoàn viên, thanh niên tham gia hoạt động tình nguyện.")
    d.add_paragraph("- 100% cơ sở Đoàn tổ chức ra quân Tháng Thanh niên.")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Nội dung"
    table.cell(0, 1).text = "Chỉ tiêu"
    table.cell(1, 0).text = "Cây xanh được trồng mới"
    table.cell(1, 1).text = "5.000 cây"
    d.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    d.add_paragraph("- Các cơ sở Đoàn gửi báo cáo tuần trước 12h00 thứ Sáu hằng tuần về Ban Tổ chức.")
    d.add_paragraph("- Báo cáo tổng kết gửi về Thành Đoàn trước ngày 05/4/2026.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def docx_upload(name: str = "ke-hoach.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name,
        docx_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


# What the generalisation tests compare, from the JSON of `doanso plans extract FILE --json`.
def targets(result: dict) -> list[tuple]:
    return [(t["value"], t["percent"], t.get("value_max")) for t in result["targets"]]


def results(result: dict) -> list[tuple]:
    return [(r["value"], r["percent"]) for r in result.get("results", [])]


def deadlines(result: dict) -> dict[str, str]:
    return {d["date"]: d["strength"] for d in result["deadlines"]}


def deadline_days(result: dict) -> list[str]:
    return [d["date"] for d in result["deadlines"]]


def rules(result: dict) -> list[str]:
    return [r["rule"] for r in result["recurring"]]
