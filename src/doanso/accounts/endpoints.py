"""/api/v1/auth: tokens — issue, list, rotate, revoke; an admin's view of a user's tokens."""

from datetime import datetime

from django.contrib.auth import authenticate, user_logged_in
from django.http import Http404
from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status

from doanso.accounts import services, tokens, twofactor
from doanso.accounts.models import ApiToken
from doanso.core.errors import UserError

router = Router(tags=["auth"])


class LockedOut(Exception):
    """Too many failed logins from this address for this account (django-axes)."""


class TokenIn(Schema):
    # a login name as typed (a username, e-mail or phone) and a password: bounded so a 20 MB
    # "password" is never hashed; the bounds are far above any real one
    username: str = Field(max_length=254)
    password: str = Field(max_length=1024)
    otp: str | None = Field(None, max_length=16)  # the authenticator code, for two-factor sign-in


class TokenOut(Schema):
    token: str
    expires_at: datetime


class TokenInfo(Schema):
    id: int
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    current: bool


class RevokedOut(Schema):
    revoked: int


def _issued(user) -> dict:
    key = tokens.issue(user)
    row = ApiToken.objects.get(key_hash=ApiToken.hash(key))
    return {"token": key, "expires_at": row.expires_at}


@router.post("/token", auth=None, response=TokenOut)
def issue_token(request, body: TokenIn):
    """Exchange a username (or e-mail or phone) and password for a bearer token."""
    user = authenticate(request, username=body.username, password=body.password)
    if getattr(request, "axes_locked_out", False):
        raise LockedOut()
    if user is None:
        raise UserError(gettext("Tên đăng nhập hoặc mật khẩu không đúng."), field="password")
    if not twofactor.token_code_ok(user, body.otp):
        if twofactor.must_enrol(user):
            msg = gettext(
                "Tài khoản quản trị phải bật xác thực hai bước trên trang web trước khi lấy mã truy cập."
            )
        else:
            msg = gettext("Cần mã xác thực hai bước (otp) đúng từ ứng dụng xác thực.")
        raise UserError(msg, field="otp")
    # A token is a login: last_login, axes' access log (known addresses) and its counter reset.
    user_logged_in.send(sender=type(user), request=request, user=user)
    return _issued(user)


def _caller_token(request) -> ApiToken:
    row = getattr(request, "api_token", None)
    if row is None:
        raise UserError(gettext("Yêu cầu này cần mã truy cập (Authorization: Bearer)."), field="token")
    return row


@router.delete("/token", response={204: None})
def revoke_token(request):
    """Revoke the token this request is made with (log out of the API)."""
    tokens.revoke(request.user, _caller_token(request), "logout")
    return Status(204, None)


@router.post("/token/rotate", response=TokenOut)
def rotate_token(request):
    """A new token with a fresh lifetime; the one this request is made with stops at once."""
    row = _caller_token(request)
    tokens.revoke(request.user, row, "rotated")
    return _issued(row.user)


def _info(rows, current: ApiToken | None) -> list[dict]:
    return [
        {
            "id": r.pk,
            "prefix": r.prefix,
            "created_at": r.created_at,
            "last_used_at": r.last_used_at,
            "expires_at": r.expires_at,
            "current": current is not None and r.pk == current.pk,
        }
        for r in rows
    ]


@router.get("/tokens", response=list[TokenInfo])
def my_tokens(request):
    """The caller's live tokens."""
    return _info(tokens.live(request.user), getattr(request, "api_token", None))


def _managed(request, user_id: int):
    user = services.managed_user_by_id(request.user, user_id)
    if user is None:
        raise Http404
    return user


@router.get("/users/{user_id}/tokens", response=list[TokenInfo])
def user_tokens(request, user_id: int):
    """A user's live tokens, for an admin of a unit the user holds a role in (else 404)."""
    return _info(tokens.live(_managed(request, user_id)), None)


@router.delete("/users/{user_id}/tokens", response=RevokedOut)
def revoke_user_tokens(request, user_id: int):
    """Revoke every token of a user the caller administers (else 404)."""
    user = _managed(request, user_id)
    return {"revoked": tokens.revoke_all(request.user, user, "admin")}
