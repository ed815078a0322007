from datetime import date

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from doanso.accounts.models import RoleKind


class LoginForm(AuthenticationForm):
    """Username, e-mail or phone number, and password."""

    username = forms.CharField(
        label=_("Tên đăng nhập, e-mail hoặc số điện thoại"),
        max_length=254,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}
        ),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khóa."),
    }


class AsOfForm(forms.Form):
    """The "tree as of a date" picker (?on=YYYY-MM-DD)."""

    on = forms.DateField(
        label=_("Cây đơn vị tại ngày"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def date(self) -> date | None:
        return self.cleaned_data.get("on") if self.is_valid() else None


ROLE_CHOICES = [
    (RoleKind.ADMIN.value, _("Quản trị đơn vị")),
    (RoleKind.STAFF.value, _("Cán bộ đơn vị")),
    (RoleKind.MEMBER.value, _("Đoàn viên")),
]


class CreateAccountForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    password = forms.CharField(
        label=_("Mật khẩu"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Để trống để hệ thống sinh mật khẩu ngẫu nhiên (hiện một lần)."),
    )
    role = forms.ChoiceField(label=_("Vai trò"), choices=ROLE_CHOICES)
    unit = forms.CharField(
        label=_("Mã đơn vị"), max_length=40, help_text=_("Đơn vị này hoặc một đơn vị trực thuộc.")
    )


class GrantRoleForm(forms.Form):
    username = forms.CharField(
        label=_("Tài khoản (tên đăng nhập, e-mail hoặc số điện thoại)"), max_length=254
    )
    role = forms.ChoiceField(label=_("Vai trò"), choices=ROLE_CHOICES)
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=40)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm đơn vị"), required=False, max_length=100)


class OtpForm(forms.Form):
    """The 6-digit code of an authenticator app (TOTP)."""

    code = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
