"""The Excel export of a survey (openpyxl): a summary sheet of counts per question and a sheet with
one row per answer (the respondent's name only when the survey is named)."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from doanso.core import vn
from doanso.surveys import services
from doanso.surveys.models import Survey


def _cell(value):
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return vn.format_date(vn.parse_date(value))
        except vn.VnParseError:
            return value
    return value


def build(survey: Survey, results: dict) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Tổng hợp")
    ws.append([survey.title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([_("Số người trả lời"), results["responses"]])
    ws.append([])
    for q in results["questions"]:
        ws.append([f"{_('Câu')} {q['order']}: {q['text']}", _("Số lượt")])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        for c in q.get("counts", []):
            ws.append([c["label"], c["n"]])
        if q.get("mean") is not None:
            ws.append([_("Trung bình"), q["mean"]])
        for t in q.get("texts", []):
            ws.append([t])
        ws.append([])
    ws.column_dimensions["A"].width = 60
    questions = list(survey.questions.all())
    detail = wb.create_sheet(_("Trả lời"))
    head = [_("Thời gian"), _("Đơn vị")]
    if not survey.anonymous:
        head.append(_("Người trả lời"))
    detail.append(head + [f"{_('Câu')} {q.order}" for q in questions])
    for r, values in services.rows(survey):
        row = [vn.format_date(r.at), r.unit.name if r.unit else ""]
        if not survey.anonymous:
            row.append(
                (r.user.get_full_name() or r.user.username) if r.user else _("Khách (đường dẫn công khai)")
            )
        detail.append(row + [_cell(values.get(q.pk, "")) for q in questions])
    return wb
