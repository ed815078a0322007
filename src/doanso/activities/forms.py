"""The forms of the activities pages (the services check every value again)."""

import re
from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doanso.core import vn
from doanso.core.forms import VnDateField
from doanso.plans.models import Indicator

MAX_CO_ORGANISERS = 50  # as the API's list
_TIME = re.compile(r"^\s*(?P<date>.+?)\s+(?P<h>\d{1,2})[:hg](?P<m>\d{2})?\s*$")


def format_dt(dt: datetime | None) -> str:
    """An aware datetime as typed in the form: "07:30 30/11/2026" reads "30/11/2026 07:30"."""
    if dt is None:
        return ""
    local = timezone.localtime(dt)
    return f"{vn.format_date(local.date())} {local:%H:%M}"


class VnDateTimeField(forms.CharField):
    """A moment typed the Vietnamese way, "30/11/2026 07:30" (or "30/11/2026 7g30"), in Vietnam's time."""

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        m = _TIME.match(value.replace("T", " "))
        if m is None:
            raise forms.ValidationError(
                gettext(
                    "“%(v)s” không phải ngày giờ; hãy nhập dạng dd/mm/yyyy hh:mm (ví dụ 30/11/2026 07:30)."
                )
                % {"v": value},
                code="invalid",
            )
        try:
            d = vn.parse_date(m["date"])
        except vn.VnParseError as exc:
            raise forms.ValidationError(exc.message, code="invalid") from None
        h, mi = int(m["h"]), int(m["m"] or 0)
        if h > 23 or mi > 59:
            raise forms.ValidationError(
                gettext("Giờ “%(v)s” không hợp lệ (0:00 đến 23:59).") % {"v": value}, code="invalid"
            )
        return timezone.make_aware(datetime.combine(d, time(h, mi)))


class ActivityForm(forms.Form):
    unit = forms.ChoiceField(label=_("Đơn vị chủ trì"), choices=[])
    title = forms.CharField(label=_("Tên hoạt động"), max_length=300)
    type = forms.ChoiceField(label=_("Loại hoạt động"), choices=[])
    campaign = forms.ChoiceField(label=_("Chiến dịch"), choices=[], required=False)
    start = VnDateTimeField(label=_("Bắt đầu"), help_text=_("dd/mm/yyyy hh:mm, ví dụ 30/11/2026 07:00"))
    end = VnDateTimeField(label=_("Kết thúc"), help_text=_("dd/mm/yyyy hh:mm, ví dụ 30/11/2026 11:00"))
    place = forms.ChoiceField(label=_("Địa điểm đã có (địa chỉ đỏ)"), choices=[], required=False)
    place_name = forms.CharField(label=_("Hoặc nhập địa điểm"), max_length=300, required=False)
    capacity = forms.IntegerField(
        label=_("Số lượng tối đa"), min_value=1, max_value=1_000_000, required=False
    )
    hours = forms.CharField(label=_("Số giờ tình nguyện mỗi lượt"), max_length=10, required=False)
    audience = forms.MultipleChoiceField(
        label=_("Đơn vị có đoàn viên được tham gia"),
        choices=[],
        required=False,
        help_text=_("Để trống: đoàn viên trong đơn vị chủ trì."),
    )
    open_to_public = forms.BooleanField(label=_("Cho phép thanh niên ngoài Đoàn"), required=False)
    indicators = forms.MultipleChoiceField(label=_("Chỉ tiêu, chỉ số phục vụ"), choices=[], required=False)
    co_organisers = forms.Field(
        label=_("Đơn vị phối hợp"),
        required=False,
        widget=forms.MultipleHiddenInput,
        help_text=_("Gõ tên đơn vị, bấm vào tên để thêm; bỏ dấu chọn để gỡ."),
    )
    description = forms.CharField(label=_("Nội dung"), required=False, max_length=5000, widget=forms.Textarea)

    def __init__(self, *args, units=(), types=(), campaigns=(), places=(), pickable=None, keep=(), **kwargs):
        """`pickable`: the units co-organisers may be chosen from (the user's scope); `keep`: the
        activity's co-organisers, which stay choosable even when outside it."""
        super().__init__(*args, **kwargs)
        self.pickable, self.keep = pickable, list(keep)
        self.fields["unit"].choices = [(u.code, u.name) for u in units]
        self.fields["audience"].choices = [(u.code, u.name) for u in units]
        self.fields["type"].choices = [(t.code, t.name) for t in types]
        self.fields["campaign"].choices = [("", "—")] + [(str(c.pk), c.name) for c in campaigns]
        self.fields["place"].choices = [("", "—")] + [(str(i), p.title) for i, p in enumerate(places)]
        self.fields["indicators"].choices = [
            (c, n) for c, n in Indicator.objects.order_by("name").values_list("code", "name")
        ]
        self.places = list(places)
        codes = self._codes(
            self["co_organisers"].value()
            if not self.is_bound
            else self.fields["co_organisers"].widget.value_from_datadict(
                self.data, self.files, "co_organisers"
            )
        )
        self.co_chosen = list(self._co_units(codes).values())  # shown by name in the picker

    def clean_hours(self):
        raw = self.cleaned_data.get("hours") or "0"
        try:
            d = vn.parse_number(raw)
        except vn.VnParseError as exc:
            raise forms.ValidationError(exc.message) from None
        if d < 0 or d > 999:
            raise forms.ValidationError(gettext("Số giờ từ 0 đến 999."))
        return d.quantize(d.__class__("0.1"))

    @staticmethod
    def _codes(values) -> list[str]:
        values = [values] if isinstance(values, str) else list(values or [])
        return list(dict.fromkeys(c for v in values for c in re.split(r"[,;\s]+", v or "") if c))

    def _co_units(self, codes: list[str]) -> dict:
        """The units of `codes` the user may choose (their scope, plus those kept), by code, in order."""
        found = {u.code: u for u in self.keep if u.code in codes}
        if self.pickable is not None and codes:
            found |= {u.code: u for u in self.pickable.filter(code__in=codes)}
        return {c: found[c] for c in codes if c in found}

    def clean_co_organisers(self):
        codes = self._codes(self.cleaned_data.get("co_organisers"))
        if len(codes) > MAX_CO_ORGANISERS:
            raise forms.ValidationError(gettext("Tối đa %(n)s đơn vị phối hợp.") % {"n": MAX_CO_ORGANISERS})
        units = self._co_units(codes)
        for c in codes:
            if c not in units:
                raise forms.ValidationError(
                    gettext("Không tìm thấy đơn vị “%(code)s” trong phạm vi của bạn.") % {"code": c}
                )
        return codes


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm đoàn viên (họ tên)"), max_length=100, required=False)


class OutputForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Chỉ số"), choices=[])
    value = forms.CharField(label=_("Giá trị"), max_length=20)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(i.code, f"{i.name} ({i.unit_of_measure})") for i in indicators]


class FilterForm(forms.Form):
    unit = forms.CharField(required=False, max_length=40)
    type = forms.CharField(required=False, max_length=40)
    campaign = forms.IntegerField(required=False, min_value=1)
    indicator = forms.CharField(required=False, max_length=40)
    date_from = VnDateField(required=False, label=_("Từ ngày"))
    date_to = VnDateField(required=False, label=_("Đến ngày"))
