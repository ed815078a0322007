"""The staff forms of the places pages (the service checks the values again)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doanso.core.forms import VnDateField
from doanso.places.models import PlaceKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlaceForm(forms.Form):
    unit = forms.ChoiceField(label=_("Đơn vị phụ trách"), choices=[])
    name = forms.CharField(label=_("Tên"), max_length=200)
    kind = forms.ChoiceField(label=_("Loại"), choices=PlaceKind.choices)
    description = forms.CharField(
        label=_("Giới thiệu"), required=False, max_length=5000, widget=forms.Textarea
    )
    address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=300)
    lat = forms.CharField(label=_("Vĩ độ"), required=False, max_length=20, help_text=_("Ví dụ 10,7679"))
    lon = forms.CharField(label=_("Kinh độ"), required=False, max_length=20, help_text=_("Ví dụ 106,7068"))
    public = forms.BooleanField(
        label=_("Công khai (có trang công khai và hiện trên bản đồ chung)"), required=False
    )
    plaque_on = VnDateField(label=_("Ngày gắn biển QR"), required=False, widget=DATE)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, f"{u.name} ({u.code})") for u in units]


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Ảnh (JPEG, PNG, WebP; tối đa 5 MB)"))
    caption = forms.CharField(label=_("Chú thích"), required=False, max_length=200)
