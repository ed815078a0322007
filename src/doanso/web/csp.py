"""django-csp's middleware, with the common header built once per process.

A response with no nonce used and no per-view policy (`csp_update` and friends) carries the same
policy as every other such response: JSON answers, most pages. django-csp rebuilds that string (and
the report-only one) on each response, about 5 % of a check-in's work in the app (docs/benchmarks.md,
check-in peak). Anything else goes through django-csp unchanged.
"""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as _CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

_OVERRIDES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
_built: dict[str, tuple[str, str]] = {}


def _plain() -> tuple[str, str]:
    """(policy, report-only policy) for the settings in force (a test's override gets its own)."""
    enforced = getattr(settings, "CONTENT_SECURITY_POLICY", None)
    report = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
    key = repr((enforced, report))  # cheap beside building; an id() could be reused
    if key not in _built:
        _built[key] = (build_policy(), build_policy(report_only=True))
    return _built[key]


def _applies(request: HttpRequest, policy_setting: str) -> bool:
    prefixes = (getattr(settings, policy_setting, None) or {}).get("EXCLUDE_URL_PREFIXES", None) or ()
    return not request.path_info.startswith(tuple(prefixes))


class CSPMiddleware(_CSPMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if getattr(request, "_csp_nonce", None) is not None or any(hasattr(response, a) for a in _OVERRIDES):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response
        policy, report_only = _plain()
        exempt = getattr(response, "_csp_exempt", False)
        if policy and HEADER not in response and not exempt and _applies(request, "CONTENT_SECURITY_POLICY"):
            response[HEADER] = policy
        exempt = getattr(response, "_csp_exempt_ro", False) or HEADER_REPORT_ONLY in response
        if report_only and not exempt and _applies(request, "CONTENT_SECURITY_POLICY_REPORT_ONLY"):
            response[HEADER_REPORT_ONLY] = report_only
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # as django-csp does
        return response
