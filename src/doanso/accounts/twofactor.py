"""TOTP two-factor sign-in for unit admins (django-otp), issue 12 section 4.

- A user with a confirmed TOTP device signs in with the password, then the 6-digit code
  (`/login/otp/`); until then every page sends them there and the API ignores the session.
- With DOANSO_REQUIRE_2FA=true, an admin of a unit (or a superuser) without a device is sent to
  the enrolment page (`/account/2fa/`) before anything else. Off by default (dev, demo).
- API tokens: such a user must add `otp` to POST /api/v1/auth/token.
"""

from django.conf import settings
from django.shortcuts import redirect
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from doanso.accounts.passwords import is_admin

# Paths an unverified user may still open: the steps themselves, logout, static files, the switch.
OPEN_PREFIXES = ("/login/otp/", "/account/2fa/", "/logout/", "/static/", "/i18n/")


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def must_enrol(user) -> bool:
    return settings.DOANSO_REQUIRE_2FA and is_admin(user) and not user_has_device(user, confirmed=True)


def needs_code(user) -> bool:
    return user_has_device(user, confirmed=True) and not user.is_verified()


def token_code_ok(user, code: str | None) -> bool:
    """For POST /auth/token: True when the user has no device, or `code` matches it."""
    device = confirmed_device(user)
    if device is None:
        return not must_enrol(user)
    return bool(code) and device.verify_token(code.strip())


class TwoFactorMiddleware:
    """After django_otp.middleware.OTPMiddleware: hold a half-signed-in user at the code step."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(OPEN_PREFIXES):
            held = needs_code(user) or must_enrol(user)
            if held and request.path.startswith("/api/"):
                from django.contrib.auth.models import AnonymousUser

                request.user = AnonymousUser()  # the API answers 401 to a half session
            elif held:
                target = "/login/otp/" if needs_code(user) else "/account/2fa/"
                return redirect(f"{target}?next={request.get_full_path()}")
        return self.get_response(request)


def confirm(user, device: TOTPDevice) -> None:
    """Mark the enrolled device confirmed (it has just matched a code) and audit it."""
    from doanso.core import audit

    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(user, "user.2fa_enrol", user, username=user.get_username())
