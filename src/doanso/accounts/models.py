import hashlib

from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in: by username, e-mail or phone."""

    phone = models.CharField(_("số điện thoại"), max_length=20, null=True, blank=True, unique=True)
    member = models.OneToOneField(
        "members.Member",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account",
        verbose_name=_("hồ sơ đoàn viên"),
    )

    def check_password(self, raw_password: str) -> bool:
        """Django's check; when it re-hashes the same password (a new hasher or cost), the API
        tokens bound to the old hash are moved to the new one: only a real change ends them."""
        old = self.get_session_auth_hash() if self.password else ""

        def setter(raw: str) -> None:
            self.set_password(raw)
            self._password = None
            self.save(update_fields=["password"])
            if old:
                ApiToken.objects.filter(user=self, password_hash=old).update(
                    password_hash=self.get_session_auth_hash()
                )

        return check_password(raw_password, self.password, setter)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")


class RoleKind(models.TextChoices):
    ADMIN = "admin", _("Quản trị đơn vị")
    STAFF = "staff", _("Cán bộ đơn vị")
    MEMBER = "member", _("Đoàn viên")


class Role(models.Model):
    """A user acts for a unit with a role; admins and staff see the unit's subtree."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("vai trò"), max_length=16, choices=RoleKind.choices)
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="role_unique")]
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class ApiToken(models.Model):
    """Bearer token for the API; only its hash is stored.

    It dies at `expires_at` (DOANSO_TOKEN_TTL_DAYS after issue), after DOANSO_TOKEN_IDLE_DAYS
    unused, when revoked, and when the password changes: `password_hash` is the user's session
    auth hash at issue (an HMAC of the password hash), as Django does for sessions.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("đầu mã"), max_length=8, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("hết hạn"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True, db_index=True)
    revoked_reason = models.CharField(max_length=64, blank=True)
    password_hash = models.CharField(max_length=128, blank=True)

    def __str__(self) -> str:
        return f"token {self.prefix}… of {self.user} ({self.created_at:%Y-%m-%d})"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User) -> str:
        """A new key for `user` (shown once); see accounts.tokens for the rules."""
        from doanso.accounts.tokens import issue

        return issue(user)


class UserSession(models.Model):
    """A web login: which session key belongs to whom, so sessions can be listed and ended
    without decoding every session of the country (written on user_logged_in)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="web_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)

    def __str__(self) -> str:
        return f"session of {self.user} ({self.created_at:%Y-%m-%d %H:%M})"
