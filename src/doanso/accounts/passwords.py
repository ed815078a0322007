"""Password policy: unit admins need longer passwords (issue 12, section 4)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from doanso.accounts.models import RoleKind


def is_admin(user) -> bool:
    """An account that administers a unit (now, or about to: `user.intended_role`)."""
    if user is None:
        return False
    if getattr(user, "is_superuser", False) or getattr(user, "intended_role", None) == RoleKind.ADMIN:
        return True
    return bool(user.pk) and user.roles.filter(role=RoleKind.ADMIN).exists()


class AdminLengthValidator:
    """At least `min_length` characters for unit admins and superusers (others: the general rule)."""

    def __init__(self, min_length: int = 10):
        self.min_length = min_length

    def validate(self, password: str, user=None) -> None:
        if len(password) < self.min_length and is_admin(user):
            raise ValidationError(
                ngettext(
                    "Mật khẩu của quản trị đơn vị phải có ít nhất %(n)d ký tự.",
                    "Mật khẩu của quản trị đơn vị phải có ít nhất %(n)d ký tự.",
                    self.min_length,
                )
                % {"n": self.min_length},
                code="admin_password_too_short",
            )

    def get_help_text(self) -> str:
        return _("Quản trị đơn vị: ít nhất %(n)d ký tự.") % {"n": self.min_length}
