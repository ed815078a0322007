"""One log line per request (logger `doanso.request`), with nothing personal in it.

gunicorn's own access log is off in production: it would print query strings as sent. This line
has the method, the path with digit runs masked, the query with only harmless values, the status,
the duration and the user's numeric id.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from doanso.core.logs import DIGIT_RUN, MASK, redact_query

logger = logging.getLogger("doanso.request")
QUIET_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        start = time.monotonic()
        response = self.get_response(request)
        if request.path in QUIET_PATHS and response.status_code < 400:
            return response
        user = getattr(request, "user", None)
        fields = {
            "method": request.method,
            "path": DIGIT_RUN.sub(MASK, request.path),
            "query": redact_query(request.META.get("QUERY_STRING", "")),
            "status": response.status_code,
            "duration_ms": round((time.monotonic() - start) * 1000, 1),
            "user_id": user.pk if user is not None and user.is_authenticated else None,
        }
        level = logging.ERROR if response.status_code >= 500 else logging.INFO
        logger.log(level, "%s %s %s", fields["method"], fields["path"], fields["status"], extra=fields)
        return response
