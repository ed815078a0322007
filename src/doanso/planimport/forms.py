"""Forms of the review screen. They render the fields; review.py validates (shared with the API)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doanso.core import vn
from doanso.planimport.draft import KIND_LABELS, ORIGINS


class UploadForm(forms.Form):
    unit = forms.ChoiceField(label=_("Đơn vị thực hiện"))
    file = forms.FileField(
        label=_("Tệp văn bản"),
        help_text=_(".docx, .pdf (có lớp chữ), .txt hoặc .md; tối đa 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt,.md,.markdown"}),
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, f"{u.name} ({u.code})") for u in units]


class MetaForm(forms.Form):
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=list(KIND_LABELS.items()))
    origin = forms.ChoiceField(label=_("Nguồn"), choices=list(ORIGINS.items()))
    number = forms.CharField(label=_("Số – ký hiệu"), max_length=60, required=False)
    date = forms.CharField(
        label=_("Ngày ban hành"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    place = forms.CharField(label=_("Địa danh"), max_length=80, required=False)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200, required=False)
    period_start = forms.CharField(label=_("Từ năm"), max_length=4, required=False)
    period_end = forms.CharField(label=_("Đến năm"), max_length=4, required=False)

    @classmethod
    def initial_from(cls, reviewed: dict) -> dict:
        period = reviewed.get("period") or {}
        return {
            "title": reviewed.get("title") or "",
            "kind": reviewed.get("kind") or "ke_hoach",
            "origin": reviewed.get("origin") or "parent",
            "number": reviewed.get("number") or reviewed.get("symbol") or "",
            "date": reviewed.get("date") or "",
            "place": reviewed.get("place") or "",
            "issuer": reviewed.get("issuer") or "",
            "period_start": period.get("start") or "",
            "period_end": period.get("end") or "",
        }


class TargetForm(forms.Form):
    value = forms.CharField(label=_("Giá trị"), max_length=30)
    percent = forms.BooleanField(label=_("Tỷ lệ (%)"), required=False)
    unit = forms.CharField(label=_("Đơn vị tính"), max_length=40, required=False)
    subject = forms.CharField(
        label=_("Nội dung chỉ tiêu"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    period = forms.CharField(
        label=_("Kỳ"),
        max_length=10,
        required=False,
        help_text=_("Ví dụ 2025, 2025Q4; để trống = cuối kỳ kế hoạch."),
    )
    line = forms.CharField(label=_("Dòng"), max_length=7, required=False)


class DeadlineForm(forms.Form):
    date = forms.CharField(label=_("Ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.CharField(label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.CharField(
        label=_("Giờ"), required=False, max_length=5, widget=forms.TimeInput(attrs={"type": "time"})
    )
    what = forms.CharField(label=_("Công việc"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    line = forms.CharField(label=_("Dòng"), max_length=7, required=False)


class RecurringForm(forms.Form):
    what = forms.CharField(label=_("Nhiệm vụ"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    due_rule = forms.CharField(
        label=_("Hạn nộp"),
        max_length=200,
        required=False,
        help_text=_(
            "Một RRULE (RFC 5545), ví dụ: FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0 "
            "(thứ Sáu hằng tuần, trước 12h00), FREQ=MONTHLY;BYMONTHDAY=25, "
            "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30."
        ),
    )
    line = forms.CharField(label=_("Dòng"), max_length=7, required=False)


FORMS = {"targets": TargetForm, "deadlines": DeadlineForm, "recurring": RecurringForm}


def item_initial(section: str, item: dict) -> dict:
    data = {k: ("" if v is None else v) for k, v in item.items() if k in FORMS[section].base_fields}
    if section == "targets":
        v = item.get("value")
        data["value"] = vn.format_number(v)  # "85.000", "12,5": what review.py reads back the same
    return data
