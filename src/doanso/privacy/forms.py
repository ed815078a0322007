from django import forms
from django.utils.translation import gettext_lazy as _

from doanso.privacy.models import RequestKind


class RequestForm(forms.Form):
    """A correction (with the proposed values) or a deletion request."""

    kind = forms.ChoiceField(
        label=_("Loại yêu cầu"),
        choices=[
            (RequestKind.CORRECTION, RequestKind.CORRECTION.label),
            (RequestKind.DELETION, RequestKind.DELETION.label),
        ],
    )
    phone = forms.CharField(label=_("Số điện thoại mới"), required=False, max_length=20)
    email = forms.CharField(label=_("Thư điện tử mới"), required=False, max_length=120)
    address = forms.CharField(label=_("Địa chỉ mới"), required=False, max_length=255)


class HoldForm(forms.Form):
    reason = forms.CharField(label=_("Lý do giữ hồ sơ"), max_length=255)
