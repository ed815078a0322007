"""The REST API: /api/v1/, OpenAPI at /api/v1/openapi.json. Each app contributes a router."""

import logging

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from doanso.accounts.endpoints import LockedOut
from doanso.accounts.lockout import MESSAGE as LOCKOUT_MESSAGE
from doanso.api.auth import CsrfRejected, SessionOrBearer
from doanso.core import vn_schema as vn
from doanso.core.errors import UserError

log = logging.getLogger("doanso.api")

# Every 4xx any route can answer, declared on every operation with one shared error shape, so the
# OpenAPI document lists each status a client (and schemathesis --checks all) can meet.
ERROR_STATUSES = {
    400: "Dữ liệu không hợp lệ (thông báo tiếng Việt nêu trường sai)",
    401: "Chưa đăng nhập hoặc mã truy cập không hợp lệ",
    403: "Không có quyền",
    404: "Không tìm thấy, hoặc ngoài phạm vi đơn vị của người dùng",
    409: "Bản ghi vừa được người khác cập nhật",
    413: "Nội dung gửi lên quá lớn",
    415: "Kiểu nội dung không được hỗ trợ",
    422: "Giá trị ngoài giới hạn cho phép hoặc sai kiểu",
    429: "Quá nhiều yêu cầu, hoặc tài khoản đang tạm khoá",
}
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {
            "description": "Thông báo lỗi tiếng Việt (422 sai kiểu: danh sách lỗi theo từng trường).",
            "anyOf": [{"type": "string"}, {"type": "array", "items": {}}],
        },
        "field": {"anyOf": [{"type": "string"}, {"type": "null"}]},
    },
    "required": ["detail"],
}


class DoansoAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """ninja's schema plus the shared error responses on every operation."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for ops in schema["paths"].values():
            for op in ops.values():
                responses = op.setdefault("responses", {})
                for status, text in ERROR_STATUSES.items():
                    if status not in responses and str(status) not in responses:
                        responses[status] = {"description": text, "content": ref}
        return schema


api = DoansoAPI(
    title="Đoàn Số API",
    version="1",
    urls_namespace="api",
    auth=SessionOrBearer(),
    docs_url="/docs",
)


@api.exception_handler(UserError)
def user_error(request, exc: UserError):
    """400, or the error's own status (409 ConflictError, 422 OutOfRange)."""
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=exc.status)


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    """A number core.vn refused: 400 naming the field in Vietnamese, like a UserError; else pydantic's 422."""
    found = vn.number_error(exc.errors)
    if found:
        detail, field, status = found
        return api.create_response(request, {"detail": detail, "field": field}, status=status)
    detail, field = _explain(exc.errors[0]) if exc.errors else (gettext("Dữ liệu không hợp lệ."), None)
    return api.create_response(request, {"detail": detail, "field": field, "errors": exc.errors}, status=422)


def _explain(error: dict) -> tuple[str, str | None]:
    """pydantic's first error as one Vietnamese sentence naming the field (the list stays in `errors`)."""
    loc = [str(x) for x in error.get("loc", ()) if x not in ("body", "query", "path", "payload", "data")]
    field = ".".join(loc[1:] if len(loc) > 1 and error.get("loc", ("",))[0] == "body" else loc) or None
    name = f"“{field}”" if field else gettext("Nội dung gửi lên")
    ctx = error.get("ctx") or {}
    kind = error.get("type", "")
    texts = {
        "missing": gettext("%(name)s: chưa nhập."),
        "string_too_long": gettext("%(name)s: dài quá %(max_length)s ký tự."),
        "string_too_short": gettext("%(name)s: chưa nhập (cần ít nhất %(min_length)s ký tự)."),
        "too_long": gettext("%(name)s: nhiều quá %(max_length)s phần tử."),
        "too_short": gettext("%(name)s: cần ít nhất %(min_length)s phần tử."),
        "greater_than_equal": gettext("%(name)s: phải lớn hơn hoặc bằng %(ge)s."),
        "less_than_equal": gettext("%(name)s: không được lớn hơn %(le)s."),
        "greater_than": gettext("%(name)s: phải lớn hơn %(gt)s."),
        "less_than": gettext("%(name)s: phải nhỏ hơn %(lt)s."),
        "string_pattern_mismatch": gettext("%(name)s: không đúng định dạng."),
        "model_attributes_type": gettext("%(name)s: cần một đối tượng JSON (không phải danh sách)."),
        "dict_type": gettext("%(name)s: cần một đối tượng JSON."),
        "list_type": gettext("%(name)s: cần một danh sách."),
    }
    text = texts.get(kind, gettext("%(name)s: giá trị không hợp lệ."))
    try:
        return text % {"name": name, **{k: str(v) for k, v in ctx.items()}}, field
    except (KeyError, ValueError):
        return gettext("%(name)s: giá trị không hợp lệ.") % {"name": name}, field


@api.exception_handler(LockedOut)
def locked_out(request, exc):
    return api.create_response(request, {"detail": LOCKOUT_MESSAGE}, status=429)


@api.exception_handler(CsrfRejected)
def csrf_rejected(request, exc):
    """A write on the web session without the page's CSRF token (a foreign page, finding 5)."""
    return api.create_response(
        request,
        {
            "detail": gettext(
                "Thiếu hoặc sai mã CSRF: yêu cầu ghi bằng phiên đăng nhập web phải gửi kèm X-CSRFToken."
            )
        },
        status=403,
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": gettext("Không tìm thấy.")}, status=404)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE (DOANSO_MAX_BODY_BYTES): 413, nothing read further."""
    return api.create_response(request, {"detail": gettext("Nội dung gửi lên quá lớn.")}, status=413)


@api.exception_handler(SuspiciousOperation)
def suspicious(request, exc):
    return api.create_response(request, {"detail": gettext("Yêu cầu không hợp lệ.")}, status=400)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    """ninja's own refusals (a body that is not JSON, …) in Vietnamese, with their status."""
    messages = {
        400: gettext("Nội dung gửi lên không đọc được (cần JSON hợp lệ)."),
        415: gettext("Kiểu nội dung không được hỗ trợ."),
    }
    text = messages.get(exc.status_code, str(exc))
    return api.create_response(request, {"detail": text}, status=exc.status_code)


@api.exception_handler(OverflowError)
def overflow(request, exc):
    """A number too large for a 64-bit column (SQLite raises OverflowError): 422, not 500."""
    return api.create_response(request, {"detail": gettext("Giá trị số quá lớn.")}, status=422)


@api.exception_handler(DataError)
def data_error(request, exc):
    """PostgreSQL's "out of range" and friends: 422, not 500."""
    return api.create_response(
        request, {"detail": gettext("Giá trị nằm ngoài giới hạn cho phép.")}, status=422
    )


@api.exception_handler(Exception)
def server_error(request, exc):
    """Anything unforeseen: logged with its traceback, answered in Vietnamese JSON without one."""
    log.exception("API error on %s %s", request.method, request.path)
    return api.create_response(
        request, {"detail": gettext("Lỗi máy chủ; sự cố đã được ghi lại, vui lòng thử lại sau.")}, status=500
    )


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return api.create_response(
        request, {"detail": gettext("Chưa đăng nhập hoặc mã truy cập không hợp lệ.")}, status=401
    )


def _register() -> None:
    """Each app's router; an app that fails to import fails here, loudly."""
    from doanso.accounts.endpoints import router as auth_router
    from doanso.api import me, planimport, plans, reports
    from doanso.api.units import router as units_router
    from doanso.dashboard import endpoints as dashboard
    from doanso.members import endpoints as members

    api.add_router("/auth", auth_router)
    api.add_router("/units", units_router)
    from doanso.activities import endpoints as activities
    from doanso.agenda import endpoints as agenda
    from doanso.credentials import endpoints as credentials
    from doanso.exemplars import endpoints as exemplars
    from doanso.ideas import endpoints as ideas
    from doanso.learning import endpoints as learning
    from doanso.outreach import endpoints as outreach
    from doanso.places import endpoints as places
    from doanso.surveys import endpoints as surveys

    for module in (members, plans, reports, planimport, dashboard, me):
        module.register(api)
    for module in (activities, places, agenda, learning, credentials, outreach, ideas, surveys, exemplars):
        module.register(api)


_register()


def urlpatterns_by_resource() -> tuple[list, str, str]:
    """`api.urls` with the routes that share a first segment (`units/…`, `activities/…`) under one
    include each. Django tries a resolver's patterns one by one: among ninja's ~170 flat routes a
    check-in was matched after some 80 failed tries, about a tenth of its work in the app. Routes,
    names and their order within a resource are unchanged (resources never overlap: each starts
    with its own literal segment)."""
    from django.urls import URLPattern, include, path

    patterns, app_name, namespace = api.urls
    out: list = []
    groups: dict[str, list] = {}
    for p in patterns:
        head, slash, rest = str(p.pattern).partition("/")
        if not (isinstance(p, URLPattern) and slash and rest and "<" not in head):
            out.append(p)
            continue
        if head not in groups:
            groups[head] = []
            out.append((head, groups[head]))
        groups[head].append(path(rest, p.callback, p.default_args, p.name))
    grouped = [path(f"{x[0]}/", include(x[1])) if isinstance(x, tuple) else x for x in out]
    return grouped, app_name, namespace
