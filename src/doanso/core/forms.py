"""Form fields shared by the web pages: dates read by core.vn, never by Django's locale formats
(which read "05/03/2026" as 3 May, the American way, in a Vietnamese UI)."""

from django import forms

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
