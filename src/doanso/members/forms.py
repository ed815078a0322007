"""Forms of the member pages: they validate input; the writes happen in `members.actions`."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from doanso.core import vn
from doanso.core.errors import UserError
from doanso.core.forms import VnDateField
from doanso.members import dues
from doanso.members.models import ConsentPurpose, Gender, NominationOutcome, Occupation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The fields a secretary may edit on the record page (status changes have their own actions).
EDITABLE = (
    "full_name",
    "birth_date",
    "gender",
    "cccd",
    "phone",
    "email",
    "address",
    "education",
    "occupation",
    "admitted_on",
    "admitting_unit",
    "card_number",
    "ethnicity",
    "religion",
)


class MemberForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    birth_date = VnDateField(label=_("Ngày sinh"), widget=DATE)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices)
    cccd = forms.CharField(
        label=_("Số CCCD"),
        required=False,
        max_length=12,
        help_text=_("Để trống nếu không đổi; số hiện tại chỉ hiện 3 chữ số cuối."),
    )
    phone = forms.CharField(label=_("Số điện thoại"), required=False, max_length=20)
    email = forms.EmailField(label=_("Thư điện tử"), required=False, max_length=120)
    address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=255)
    education = forms.CharField(label=_("Trình độ học vấn"), required=False, max_length=60)
    occupation = forms.ChoiceField(label=_("Khối"), choices=Occupation.choices)
    admitted_on = VnDateField(label=_("Ngày vào Đoàn"), required=False, widget=DATE)
    admitting_unit = forms.CharField(label=_("Nơi kết nạp"), required=False, max_length=255)
    card_number = forms.CharField(label=_("Số thẻ đoàn viên"), required=False, max_length=20)
    ethnicity = forms.CharField(
        label=_("Dân tộc"), required=False, max_length=40, help_text=_("Dữ liệu nhạy cảm.")
    )
    religion = forms.CharField(
        label=_("Tôn giáo"), required=False, max_length=40, help_text=_("Dữ liệu nhạy cảm.")
    )

    def changes(self) -> dict:
        """The cleaned values to hand to `actions.records.change_member` (a blank CCCD means unchanged)."""
        out = {k: self.cleaned_data[k] for k in EDITABLE}
        if not out["cccd"]:
            out.pop("cccd")
        for k in ("full_name", "phone", "email", "address", "education", "admitting_unit", "card_number"):
            out[k] = (out[k] or "").strip()
        return out


def initial_for(m) -> dict:
    data = {k: getattr(m, k) for k in EDITABLE if k != "cccd"}
    data["version"] = m.version
    return data


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Mục đích xử lý dữ liệu"), choices=ConsentPurpose.choices)
    guardian_name = forms.CharField(
        label=_("Họ tên người giám hộ"),
        required=False,
        max_length=120,
        help_text=_("Bắt buộc khi đoàn viên dưới 16 tuổi."),
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[(NominationOutcome.ADMITTED, ""), (NominationOutcome.NOT_ADMITTED, "")]
    )
    on = VnDateField(required=False, widget=DATE)


class DuesForm(forms.Form):
    member_ids = forms.TypedMultipleChoiceField(coerce=int, choices=[])
    paid_on = VnDateField(label=_("Ngày nộp"), required=False, widget=DATE)

    def __init__(self, *args, member_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_ids"].choices = [(i, i) for i in member_ids]
        self.fields["member_ids"].error_messages["required"] = _("Hãy chọn ít nhất một đoàn viên.")
        self.fields["member_ids"].error_messages["invalid_choice"] = _(
            "Có đoàn viên không thuộc chi đoàn hoặc đã nộp."
        )


def month_or_default(value: str | None, today: date) -> str:
    """The month asked for in its one spelling ("2025-3" → "2025-03"), or this month; a month
    that cannot be read is left as typed so the page's own check names it."""
    value = (value or "").strip()
    if not value:
        return f"{today:%Y-%m}"
    try:
        return dues.canonical_month(value)
    except UserError:
        return value


MONTH = forms.TextInput(attrs={"type": "month"})


class DuesExcusalForm(forms.Form):
    """Miễn đoàn phí: who, from which month, for how many months (the rule caps it), why."""

    member_id = forms.TypedChoiceField(label=_("Đoàn viên"), coerce=int, choices=[])
    first_month = forms.RegexField(
        label=_("Từ tháng"),
        regex=r"^\d{4}-\d{2}$",
        widget=MONTH,
        error_messages={"invalid": _("Tháng phải có dạng YYYY-MM.")},
    )
    months = forms.IntegerField(label=_("Số tháng"), min_value=1)
    reason = forms.CharField(label=_("Lý do (hoàn cảnh khó khăn)"), max_length=500)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_id"].choices = [(m.pk, m.full_name) for m in members]
        self.fields["member_id"].error_messages["invalid_choice"] = _("Đoàn viên không thuộc chi đoàn.")


class VnAmountField(forms.CharField):
    """A whole number of đồng typed the Vietnamese way (`2.000`, `5 nghìn`), read by `core.vn`."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def prepare_value(self, value):
        return vn.format_number(value) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            number = vn.parse_number(value)
        except vn.VnParseError as exc:
            raise forms.ValidationError(str(exc)) from None
        if number != number.to_integral_value() or number <= 0:
            raise forms.ValidationError(_("Số tiền phải là số nguyên dương (đồng)."))
        return int(number)


class DuesRuleForm(forms.Form):
    """The centre's đoàn phí rules from a date, with their source."""

    valid_from = forms.DateField(label=_("Áp dụng từ ngày"), widget=DATE)
    unsalaried_amount = VnAmountField(label=_("Mức đóng của đoàn viên không hưởng lương (đồng/tháng)"))
    salaried_amount = VnAmountField(label=_("Mức đóng của đoàn viên hưởng lương (đồng/tháng)"))
    keep_numerator = forms.IntegerField(label=_("Mỗi cấp giữ lại: tử số"), min_value=1)
    keep_denominator = forms.IntegerField(label=_("Mỗi cấp giữ lại: mẫu số"), min_value=2)
    max_excused_months = forms.IntegerField(label=_("Số tháng miễn đoàn phí tối đa"), min_value=1)
    branch_remit_months = forms.IntegerField(
        label=_("Chi đoàn nộp lên Đoàn cơ sở (số tháng một lần)"), min_value=1
    )
    grassroots_remit_months = forms.IntegerField(
        label=_("Đoàn cơ sở, cấp huyện và tương đương nộp lên (số tháng một lần)"), min_value=1
    )
    province_remits_per_year = forms.CharField(
        label=_("Cấp tỉnh nộp Trung ương (số lần một năm)"), max_length=10
    )
    province_remit_deadline = forms.RegexField(
        label=_("Hạn cuối cấp tỉnh nộp Trung ương (ngày/tháng)"), regex=r"^\d{1,2}/\d{1,2}$", max_length=5
    )
    source = forms.CharField(label=_("Căn cứ (trích dẫn văn bản)"), widget=forms.Textarea(attrs={"rows": 4}))
    source_url = forms.URLField(
        label=_("Đường dẫn văn bản"), required=False, max_length=500, assume_scheme="https"
    )
    rates_source = forms.CharField(label=_("Căn cứ của mức đóng"), required=False, max_length=255)
