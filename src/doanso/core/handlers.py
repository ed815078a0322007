"""The WSGI application: Django's handler, and a second one for API calls made with a bearer token.

A call to /api/ that carries `Authorization: Bearer …` and no cookie comes from the mobile app, a
scanner or a script, never from a browser page: the session, CSRF, login, two-factor, messages,
lockout and static-file middleware have nothing to do for it (no session to load, no form to
protect, no page to redirect), yet each runs on every call. At the start of a big event thousands
of check-ins arrive in the same minute through this path (docs/benchmarks.md, check-in peak), so
such calls go through a handler built with only the middleware that still applies to them —
metrics, the request log, the security headers, language, the API body guards and X-Frame-Options.
Authentication, scoping and every rule stay in the API views, which both handlers reach alike.
A call with any cookie takes the full chain, CSRF check included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.handlers.wsgi import WSGIHandler

# What a bearer-token API call skips: each serves browser sessions or pages only.
BROWSER_ONLY = frozenset(
    {
        "whitenoise.middleware.WhiteNoiseMiddleware",  # /static/ files
        "django.contrib.sessions.middleware.SessionMiddleware",  # no cookie, no session
        "django.middleware.common.CommonMiddleware",  # slash redirects for pages
        "django.middleware.csrf.CsrfViewMiddleware",  # a bearer token is never sent by a page
        "django.contrib.auth.middleware.AuthenticationMiddleware",  # the session's user
        "django_otp.middleware.OTPMiddleware",  # the session's second factor
        "doanso.accounts.twofactor.TwoFactorMiddleware",  # holds a half-signed-in session
        "django.contrib.messages.middleware.MessageMiddleware",  # flash messages of pages
        "axes.middleware.AxesMiddleware",  # lockout pages of the login form
    }
)
ANONYMOUS = "doanso.core.handlers.AnonymousUserMiddleware"


def bearer_middleware(full: Iterable[str]) -> list[str]:
    """The full middleware list without the browser-only entries, with request.user preset to
    anonymous where AuthenticationMiddleware stood (the API's auth replaces it for a valid token)."""
    kept: list[str] = []
    for name in full:
        if name == "django.contrib.auth.middleware.AuthenticationMiddleware":
            kept.append(ANONYMOUS)
        elif name not in BROWSER_ONLY:
            kept.append(name)
    return kept


class AnonymousUserMiddleware:
    """request.user before the API authenticates: anonymous, as AuthenticationMiddleware would
    leave it for a request without a session."""

    def __init__(self, get_response: Callable):
        self.get_response = get_response

    def __call__(self, request):
        request.user = AnonymousUser()
        return self.get_response(request)


class BearerMiddlewareMixin:
    """A Django handler that builds its chain from the bearer-call middleware list (the test
    client's handler takes it too, so the suite's bearer calls run the chain production runs)."""

    def load_middleware(self, is_async: bool = False) -> None:
        full = settings.MIDDLEWARE
        settings.MIDDLEWARE = bearer_middleware(full)
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = full


class BearerApiHandler(BearerMiddlewareMixin, WSGIHandler):
    """Django's WSGI handler with the bearer-call middleware list."""


# Sign-in and token endpoints keep the full chain whatever they are sent: the login lockout
# (axes) and the session bookkeeping of a sign-in belong there.
FULL_CHAIN_PREFIXES = ("/api/v1/auth/",)


def is_bearer_api_call(environ: dict) -> bool:
    """An /api/ call with a bearer token and no cookie at all (a browser sends its cookies)."""
    path = environ.get("PATH_INFO", "")
    return (
        path.startswith("/api/")
        and not path.startswith(FULL_CHAIN_PREFIXES)
        and environ.get("HTTP_AUTHORIZATION", "")[:7].lower() == "bearer "
        and not environ.get("HTTP_COOKIE")
    )


class Application:
    """Sends a bearer-token API call without cookies to the lean handler, the rest to Django's."""

    def __init__(self) -> None:
        self.full = WSGIHandler()
        self.bearer = BearerApiHandler()

    def __call__(self, environ: dict, start_response: Callable):
        handler = self.bearer if is_bearer_api_call(environ) else self.full
        return handler(environ, start_response)
