"""A plan as an official document in the Union's format (Hướng dẫn 29-HD/TWĐTN-VP), .docx and PDF.

Header: two columns without borders — left, the superior body, the issuing body in bold
and "***" over "Số: 127-KH/TĐTN-BTG"; right, "ĐOÀN TNCS HỒ CHÍ MINH" underlined and the
place-and-date line in italics. Then the kind (KẾ HOẠCH…) and the title, the body, the
signature block ("TM. BAN THƯỜNG VỤ", title, name) at the right and "Nơi nhận" at the
left. Times New Roman 14 (Liberation Serif stands in when converting on Debian).
"""

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import translation
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from doanso.core import vn
from doanso.core.errors import UserError
from doanso.plans.models import Plan

KIND_TITLES = {
    "NQ": "NGHỊ QUYẾT",
    "QĐ": "QUYẾT ĐỊNH",
    "CT": "CHỈ THỊ",
    "KL": "KẾT LUẬN",
    "QC": "QUY CHẾ",
    "HD": "HƯỚNG DẪN",
    "CTr": "CHƯƠNG TRÌNH",
    "KH": "KẾ HOẠCH",
    "TB": "THÔNG BÁO",
    "BC": "BÁO CÁO",
    "TTr": "TỜ TRÌNH",
    "CV": "CÔNG VĂN",
}
FONT = "Times New Roman"


def _superior(plan: Plan) -> str:
    from doanso.org.services import version_on

    version = version_on(plan.issuer, plan.issued_on)  # the superior as of the document's date
    parent = version.parent if version and version.parent_id else plan.issuer.parent
    if plan.issuer.kind == "trung_uong":
        return ""
    if parent is None or parent.kind == "trung_uong":
        return "BCH ĐOÀN TNCS HỒ CHÍ MINH"
    return f"BCH {parent.name.upper()}"


def _issuing_line(plan: Plan) -> str:
    if plan.issuer.kind == "trung_uong":
        return "BAN CHẤP HÀNH TRUNG ƯƠNG"
    return f"BCH {plan.issuer.name.upper()}"


def _para(
    container,
    text: str = "",
    *,
    bold=False,
    italic=False,
    underline=False,
    size=14,
    align=WD_ALIGN_PARAGRAPH.LEFT,
    space_after=0,
):
    p = container.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    if text:
        run = p.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        run.font.size = Pt(size)
    return p


def _no_borders(table) -> None:
    tbl = table._tbl
    borders = tbl.tblPr.first_child_found_in("w:tblBorders")
    if borders is not None:
        tbl.tblPr.remove(borders)


def _date_line(plan: Plan) -> str:
    d = plan.issued_on
    return f"{plan.place or plan.issuer.name}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def _targets_text(plan: Plan) -> list[str]:
    lines = []
    for t in plan.targets.select_related("indicator").order_by("period", "order", "id"):
        value = vn.format_number(t.value)
        uom = t.indicator.unit_of_measure
        what = f"{value}{uom}" if uom == "%" else f"{value} {uom}"
        lines.append(f"{t.item} {t.indicator.name}: {what} ({vn.format_period(t.period)})".strip())
    return lines


def _obligations_text(plan: Plan) -> list[str]:
    return [f"- {o.title}: {o.rule.describe()}." for o in plan.obligations.all()]


@dataclass
class Document_:
    """What goes on an official Union document, whatever it is (plan, report…)."""

    superior: str  # the body above the issuer ("" for Trung ương)
    issuing_line: str
    symbol: str
    date_line: str
    kind_title: str
    title: str
    preamble: list[str] = field(default_factory=list)
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signature: str = "TM. BAN THƯỜNG VỤ"
    signer_title: str = "BÍ THƯ"
    signer_name: str = ""


@translation.override("vi")  # an official Vietnamese document, whatever the UI language
def plan_document(plan: Plan) -> Document_:
    preamble = [f"Căn cứ {ref};" for ref in plan.implements_refs]
    for parent in plan.implements.select_related("issuer"):
        preamble.append(
            f"Thực hiện {KIND_TITLES.get(parent.kind, parent.kind).lower()} số {parent.symbol} ngày "
            f"{vn.format_date(parent.issued_on)} của {parent.issuer.name} về {parent.title};"
        )
    sections = []
    for s in plan.sections:
        body = s.get("body", "")
        lines = (
            _targets_text(plan)
            if body == "@targets"
            else _obligations_text(plan)
            if body == "@obligations"
            else [x for x in body.split("\n") if x.strip()]
        )
        sections.append((s.get("heading", ""), lines))
    return Document_(
        superior=_superior(plan),
        issuing_line=_issuing_line(plan),
        symbol=plan.symbol,
        date_line=_date_line(plan),
        kind_title=KIND_TITLES.get(plan.kind, plan.kind),
        title=plan.title,
        preamble=preamble,
        sections=sections,
        recipients=plan.recipients,
        signature=plan.signature,
        signer_title=plan.signer_title,
        signer_name=plan.signer_name,
    )


def write_docx(d: Document_, path: str | Path) -> Path:
    """The document in the Union's format (HD 29-HD/TWĐTN-VP).

    Long because it lays the page out top to bottom in the order HD 29 prescribes; each block is a
    few lines and splitting would scatter one layout."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Cm(2), Cm(2), Cm(3), Cm(1.5)

    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(header)
    left, right = header.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(9)
    left.paragraphs[0].text = ""
    c = WD_ALIGN_PARAGRAPH.CENTER
    first = left.paragraphs[0]
    first.alignment = c
    if d.superior:
        first.add_run(d.superior).font.size = Pt(14)
        _para(left, d.issuing_line, bold=True, align=c)
    else:
        r = first.add_run(d.issuing_line)
        r.bold = True
    _para(left, "***", align=c)
    _para(left, f"Số: {d.symbol}", align=c, size=13)
    rp = right.paragraphs[0]
    rp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = rp.add_run("ĐOÀN TNCS HỒ CHÍ MINH")
    run.bold, run.underline, run.font.size = True, True, Pt(15)
    _para(right, "")
    _para(right, d.date_line, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)

    _para(doc, "")
    _para(doc, d.kind_title, bold=True, size=15, align=c)
    _para(doc, d.title, bold=True, align=c)
    _para(doc, "-----", align=c, space_after=6)
    for line in d.preamble:
        _para(doc, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=6)
    for heading, lines in d.sections:
        if heading:
            _para(doc, heading, bold=True, space_after=6)
        for line in lines:
            p = _para(doc, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=6)
            p.paragraph_format.first_line_indent = Cm(1)

    foot = doc.add_table(rows=1, cols=2)
    _no_borders(foot)
    left, right = foot.rows[0].cells
    lp = left.paragraphs[0]
    r = lp.add_run("Nơi nhận:")
    r.bold, r.underline, r.italic, r.font.size = True, True, True, Pt(12)
    for rec in d.recipients:
        _para(left, f"- {rec}", size=11)
    rp = right.paragraphs[0]
    rp.alignment = c
    rr = rp.add_run(d.signature)
    rr.bold = True
    _para(right, d.signer_title, bold=True, align=c)
    for _ in range(3):
        _para(right, "")
    _para(right, d.signer_name, bold=True, align=c)
    path = Path(path)
    doc.save(path)
    return path


def to_pdf(docx_path: str | Path, pdf_path: str | Path, timeout: int = 120) -> Path:
    """Convert with LibreOffice (`libreoffice --headless --convert-to pdf`)."""
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    if exe is None:
        raise UserError("Chưa cài LibreOffice để xuất PDF (chạy `bash scripts/system-deps.sh`).")
    docx_path, pdf_path = Path(docx_path), Path(pdf_path)
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as profile:
        cmd = [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            out,
            str(docx_path),
        ]
        res = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        produced = Path(out) / (docx_path.stem + ".pdf")
        if res.returncode or not produced.exists():
            raise UserError(
                f"LibreOffice không chuyển được tệp sang PDF: {res.stderr.decode(errors='replace')[:300]}"
            )
        shutil.move(produced, pdf_path)
    return pdf_path


def export(plan: Plan, fmt: str, output: str | Path) -> Path:
    return export_document(plan_document(plan), fmt, output)


def export_document(d: Document_, fmt: str, output: str | Path) -> Path:
    output = Path(output)
    if fmt == "docx":
        return write_docx(d, output)
    if fmt == "pdf":
        with tempfile.TemporaryDirectory() as tmp:
            docx = write_docx(d, Path(tmp) / "van-ban.docx")
            return to_pdf(docx, output)
    raise UserError(f"Định dạng “{fmt}” không hỗ trợ; dùng docx hoặc pdf.", field="format")
