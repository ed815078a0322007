"""Vietnamese first: the browser's Accept-Language is ignored, only the language switch counts.

Many Vietnamese users run English browsers; the UI must still open in Vietnamese. Put
this before `django.middleware.locale.LocaleMiddleware`; the switch (/i18n/setlang/)
sets a cookie that LocaleMiddleware still honours.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class VietnameseFirstMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
