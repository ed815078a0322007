"""Login throttling (django-axes), read the way the login reads a username.

Three pieces, wired in settings (AXES_*), reasons in docs/decisions/0011-login-lockout.md:

- `username_key`: the account a typed identifier names (`" CT.Admin"`, its e-mail, its phone
  all count as `ct.admin`); an unknown name counts under its NFC, case-folded form.
- `client_ip`: the address of the client; a proxy's X-Forwarded-For is believed only when the
  request comes from an address in DOANSO_TRUSTED_PROXIES.
- `LockoutHandler`: a username+address pair locks after AXES_FAILURE_LIMIT failures; the
  username as a whole locks after DOANSO_LOGIN_USERNAME_FAILURE_LIMIT failures from any
  addresses, except from an address the person logged in from successfully lately, so a
  stranger can slow a victim down but never lock them out of their usual place.
"""

import ipaddress
import unicodedata
from datetime import timedelta
from functools import lru_cache

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Sum
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doanso.accounts.backends import clean_identifier, resolve_identifier

MESSAGE = _("Tài khoản tạm khóa do đăng nhập sai nhiều lần; hãy thử lại sau 15 phút.")
UNKNOWN_PREFIX = "?"  # unknown names never collide with a real username


def lockout_response(request, original_response=None, credentials=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(MESSAGE)}, status=429)
    return render(request, "web/locked.html", {"message": MESSAGE}, status=429)


def canonical_username(typed: str | None) -> str:
    """The counter key of a typed identifier: the account's username, else the folded text."""
    user = resolve_identifier(typed)
    if user is not None:
        return user.get_username()[:255]
    folded = unicodedata.normalize("NFC", clean_identifier(typed).casefold())
    return (UNKNOWN_PREFIX + folded)[:255]


def username_key(request, credentials: dict | None) -> str:
    """AXES_USERNAME_CALLABLE: called for failures, lock checks and successful logins."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials is not None:
        typed = credentials.get(field)
    else:
        typed = request.POST.get(field) if request is not None else None
    return canonical_username(typed)


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(s.strip(), strict=False) for s in spec if s.strip())


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _networks(tuple(settings.DOANSO_TRUSTED_PROXIES)))


def client_ip(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: REMOTE_ADDR, or the first untrusted hop of X-Forwarded-For
    when REMOTE_ADDR is a configured proxy (a header from anyone else is ignored)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not _trusted(remote):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote  # a forged or broken header: fall back to the proxy itself
        if not _trusted(hop):
            return hop
    return remote


class LockoutHandler(AxesDatabaseHandler):
    """Pair limit, plus a much higher username-wide limit that spares known addresses."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        username = username_key(request, credentials)
        ip = request.axes_ip_address
        recent = AccessAttempt.objects.filter(
            username=username, attempt_time__gte=get_cool_off_threshold(request)
        )
        pair = recent.filter(ip_address=ip).aggregate(n=Sum("failures_since_start"))["n"] or 0
        limit = get_failure_limit(request, credentials)
        if pair >= limit:
            return pair
        wide = recent.aggregate(n=Sum("failures_since_start"))["n"] or 0
        if wide >= settings.DOANSO_LOGIN_USERNAME_FAILURE_LIMIT and not self._known_address(username, ip):
            return max(pair, limit)
        return pair

    @staticmethod
    def _known_address(username: str, ip: str) -> bool:
        """A successful login from this address lately (axes' access log)."""
        if username.startswith(UNKNOWN_PREFIX):
            return False
        since = timezone.now() - timedelta(days=settings.DOANSO_LOGIN_KNOWN_ADDRESS_DAYS)
        return AccessLog.objects.filter(username=username, ip_address=ip, attempt_time__gte=since).exists()
