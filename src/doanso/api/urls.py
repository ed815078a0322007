"""The REST API: /api/v1/, OpenAPI at /api/v1/openapi.json. Each app contributes a router."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from doanso.accounts.endpoints import LockedOut
from doanso.accounts.lockout import MESSAGE as LOCKOUT_MESSAGE
from doanso.api.auth import CsrfRejected, SessionOrBearer
from doanso.core import vn_schema as vn
from doanso.core.errors import ConflictError, UserError

api = NinjaAPI(
    title="Đoàn Số API",
    version="1",
    urls_namespace="api",
    auth=SessionOrBearer(),
    docs_url="/docs",
)


@api.exception_handler(ConflictError)
def conflict(request, exc: ConflictError):
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=409)


@api.exception_handler(UserError)
def user_error(request, exc: UserError):
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    """A number core.vn refused: 400 naming the field in Vietnamese, like a UserError; else pydantic's 422."""
    found = vn.number_error(exc.errors)
    if found:
        detail, field = found
        return api.create_response(request, {"detail": detail, "field": field}, status=400)
    return api.create_response(request, {"detail": exc.errors}, status=422)


@api.exception_handler(LockedOut)
def locked_out(request, exc):
    return api.create_response(request, {"detail": LOCKOUT_MESSAGE}, status=429)


@api.exception_handler(CsrfRejected)
def csrf_rejected(request, exc):
    """A write on the web session without the page's CSRF token (a foreign page, finding 5)."""
    return api.create_response(
        request,
        {"detail": "Thiếu hoặc sai mã CSRF: yêu cầu ghi bằng phiên đăng nhập web phải gửi kèm X-CSRFToken."},
        status=403,
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return api.create_response(
        request, {"detail": "Chưa đăng nhập hoặc mã truy cập không hợp lệ."}, status=401
    )


def _register() -> None:
    """Each app's router; an app that fails to import fails here, loudly."""
    from doanso.accounts.endpoints import router as auth_router
    from doanso.api import planimport, plans, reports
    from doanso.api.units import router as units_router
    from doanso.dashboard import endpoints as dashboard
    from doanso.members import endpoints as members

    api.add_router("/auth", auth_router)
    api.add_router("/units", units_router)
    for module in (members, plans, reports, planimport, dashboard):
        module.register(api)


_register()
