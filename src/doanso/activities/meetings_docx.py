"""A branch meeting's minutes (biên bản sinh hoạt chi đoàn) as .docx, in the Union's document format
(Hướng dẫn 29-HD/TWĐTN-VP, the layout of plans/export.py): a borderless two-column header — left the
superior body, the branch's BCH in bold, "***" and the number; right "ĐOÀN TNCS HỒ CHÍ MINH" bold and
underlined over the place-and-date line in italics — then "BIÊN BẢN", the title, time, place and
attendance, the agenda, the proceedings, and the secretary's and the chair's signatures.
Times New Roman 14."""

from io import BytesIO

from django.utils import timezone, translation
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from doanso.activities.meetings_services import branch_members, present_ids
from doanso.activities.models import Meeting
from doanso.core import vn

FONT = "Times New Roman"
C, R, J = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY


def _para(container, text="", *, bold=False, italic=False, underline=False, size=14, align=None, after=0):
    p = container.add_paragraph()
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    if text:
        run = p.add_run(text)
        run.bold, run.italic, run.underline, run.font.size = bold, italic, underline, Pt(size)
    return p


def _borderless(table) -> None:
    borders = table._tbl.tblPr.first_child_found_in("w:tblBorders")
    if borders is not None:
        table._tbl.tblPr.remove(borders)


def _lines(text: str) -> list[str]:
    return [x.strip() for x in text.splitlines() if x.strip()]


@translation.override("vi")  # an official Vietnamese document, whatever the UI language
def minutes_docx(meeting: Meeting) -> bytes:
    a = meeting.activity
    branch = a.unit
    parent = branch.parent
    start, end = timezone.localtime(a.start), timezone.localtime(a.end)
    members = branch_members(branch)
    present = present_ids(meeting)
    here = [m for m in members if m.pk in present]
    away = [m for m in members if m.pk not in present]

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Cm(2), Cm(2), Cm(3), Cm(1.5)

    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(header)
    left, right = header.rows[0].cells
    first = left.paragraphs[0]
    first.alignment = C
    first.add_run(f"BCH {parent.name.upper()}" if parent else "BCH ĐOÀN TNCS HỒ CHÍ MINH")
    _para(left, f"BCH {branch.name.upper()}", bold=True, align=C)
    _para(left, "***", align=C)
    _para(left, f"Số: {meeting.number}" if meeting.number else "Số: ……", align=C, size=13)
    rp = right.paragraphs[0]
    rp.alignment = R
    run = rp.add_run("ĐOÀN TNCS HỒ CHÍ MINH")
    run.bold, run.underline, run.font.size = True, True, Pt(15)
    _para(right)
    place = a.place_name or branch.name
    _para(
        right, f"{place}, ngày {start.day:02d} tháng {start.month:02d} năm {start.year}", italic=True, align=R
    )

    _para(doc)
    _para(doc, "BIÊN BẢN", bold=True, size=15, align=C)
    _para(doc, a.title, bold=True, align=C)
    _para(doc, "-----", align=C, after=6)
    _para(
        doc,
        f"Thời gian: từ {start:%H:%M} đến {end:%H:%M} ngày {vn.format_date(start.date())}.",
        align=J,
        after=6,
    )
    _para(doc, f"Địa điểm: {place}.", align=J, after=6)
    _para(
        doc,
        f"Thành phần: có mặt {vn.format_number(len(here))}/{vn.format_number(len(members))} đoàn viên; "
        f"vắng {vn.format_number(len(away))} đoàn viên"
        + (f" ({', '.join(m.full_name for m in away)})." if away else "."),
        align=J,
        after=6,
    )
    _para(doc, f"Chủ trì: {meeting.chair}. Thư ký: {meeting.secretary}.", align=J, after=6)
    for heading, body in (
        ("I. NỘI DUNG SINH HOẠT", _lines(meeting.agenda) or [meeting.theme or a.title]),
        ("II. DIỄN BIẾN VÀ KẾT LUẬN", _lines(meeting.minutes)),
        ("III. ĐOÀN VIÊN CÓ MẶT", [f"{i}. {m.full_name}" for i, m in enumerate(here, 1)] or ["—"]),
    ):
        _para(doc, heading, bold=True, after=6)
        for line in body:
            p = _para(doc, line, align=J, after=6)
            p.paragraph_format.first_line_indent = Cm(1)
    _para(doc, f"Buổi sinh hoạt kết thúc lúc {end:%H:%M} cùng ngày.", align=J, after=12)

    foot = doc.add_table(rows=1, cols=2)
    _borderless(foot)
    for cell, title, name in zip(
        foot.rows[0].cells, ("THƯ KÝ", "CHỦ TRÌ"), (meeting.secretary, meeting.chair), strict=True
    ):
        p = cell.paragraphs[0]
        p.alignment = C
        p.add_run(title).bold = True
        for _ in range(3):
            _para(cell)
        _para(cell, name, bold=True, align=C)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
