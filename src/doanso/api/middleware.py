"""Refuse an API request body that cannot be read before anything reads it (issue 12, finding 10).

Middleware further down (CSRF, axes) reads `request.POST`, so a multipart body without a boundary
or a form body over the size limit used to escape the API's exception handlers as a 500 or an HTML
400. Here, for /api/ only: a body over DATA_UPLOAD_MAX_MEMORY_SIZE is 413 (uploaded files excepted:
multipart is parsed by Django's streaming parser, which keeps files on disk), an unreadable
multipart body 400, and a JSON body that is not an object (a list, a string) 422 — every input
schema is an object. All answered in Vietnamese JSON with the shared `Error` shape.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext

PREFIX = "/api/"


def _error(text: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": text, "field": None}, status=status)


class ApiBodyGuard:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(PREFIX) and request.method in ("POST", "PUT", "PATCH", "DELETE"):
            refused = self.check(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    def check(self, request) -> JsonResponse | None:
        ctype = request.content_type or ""
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if ctype.startswith("multipart/"):
            try:
                request.POST  # noqa: B018 - parse now, where a broken body can still be answered
            except (RequestDataTooBig, TooManyFieldsSent):
                return _error(gettext("Nội dung gửi lên quá lớn."), 413)
            except MultiPartParserError:
                return _error(gettext("Tệp gửi lên không đọc được (multipart không hợp lệ)."), 400)
            return None
        if limit is not None and length > limit:
            return _error(gettext("Nội dung gửi lên quá lớn."), 413)
        if ctype == "application/json" and length:
            try:
                head = request.body[:64].lstrip()
            except RequestDataTooBig:
                return _error(gettext("Nội dung gửi lên quá lớn."), 413)
            if head and not head.startswith(b"{"):
                return _error(
                    gettext("Nội dung gửi lên phải là một đối tượng JSON {…}, không phải danh sách."),
                    422,
                )
        return None
