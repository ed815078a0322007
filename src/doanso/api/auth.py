"""How an API caller proves who they are: a bearer token, or the web session with its CSRF token.

A browser sends the session cookie with any request a foreign page makes, so a write made on the
session alone must carry the CSRF token (the htmx pages send it as X-CSRFToken, base.html); a
bearer token is never sent by a browser on its own and needs none. Issue 12, finding 5.
"""

from django.utils import timezone
from django.utils.translation import gettext
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from doanso.accounts import tokens

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class CsrfRejected(Exception):
    """A cookie-authenticated write without a valid CSRF token (403)."""


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; the user lands on request.user for scoping."""

    def authenticate(self, request, token):
        row = tokens.authenticate(token, now=timezone.now())
        if row is None:
            return None
        request.user = row.user
        request.api_token = row
        return row.user


class SessionOrBearer(BearerToken):
    """A bearer token when one is sent; else the web session, CSRF-checked for writes."""

    def __call__(self, request):
        if request.headers.get("Authorization", "").lower().startswith("bearer "):
            return super().__call__(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.method not in SAFE_METHODS and check_csrf(request) is not None:
                raise CsrfRejected()
            return user
        return None


JSON_TYPES = ("application/json",)
UPLOAD_TYPES = ("multipart/form-data",)


class JsonBodyMiddleware:
    """Under /api/: a request body must be JSON (or a multipart upload); anything else is 415.

    Browsers send text/plain, urlencoded and multipart across sites without a preflight; JSON
    parsed out of text/plain let a foreign page PATCH a member (finding 5).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/") and request.method not in SAFE_METHODS:
            ctype = (request.content_type or "").lower()
            has_body = int(request.META.get("CONTENT_LENGTH") or 0) > 0
            if has_body and ctype not in JSON_TYPES + UPLOAD_TYPES:
                from django.http import JsonResponse

                return JsonResponse(
                    {
                        "detail": gettext(
                            "Kiểu nội dung “%(type)s” không được nhận; hãy gửi JSON (application/json)."
                        )
                        % {"type": ctype or gettext("(trống)")}
                    },
                    status=415,
                )
        return self.get_response(request)
