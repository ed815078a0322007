"""Form fields shared by the web pages: dates read by core.vn, never by Django's locale formats
(which read "05/03/2026" as 3 May, the American way, in a Vietnamese UI)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from doanso.core import vn

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VnDateField(forms.DateField):
    """A date from the date picker (ISO) or typed as Vietnamese write it (dd/mm/yyyy, d/m/yy,
    "ngày 5 tháng 2 năm 2026"); the refusal names the value and the expected form."""

    widget = DATE_WIDGET

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return vn.parse_date(value)
        except vn.VnParseError as exc:
            raise forms.ValidationError(exc.message, code="invalid") from None


class VnPeriodField(forms.CharField):
    """A period typed as Vietnamese write it ("Quý I/2026", "tháng 3/2026") and cleaned to its id;
    an id from the database is shown the same way, never as "2026Q1"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", _("Ví dụ: năm 2026, Quý I/2026, tháng 3/2026, Tuần 10/2026"))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return (
            vn.format_period(value)
            if value and re.match(r"^\d{4}(Q[1-4]|W\d{1,2}|-\d{2})?$", str(value))
            else value
        )

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        try:
            return vn.parse_period(value)
        except vn.VnParseError as exc:
            raise forms.ValidationError(exc.message, code="invalid") from None
