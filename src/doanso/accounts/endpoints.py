from django.contrib.auth import authenticate, user_logged_in
from django.utils.translation import gettext
from ninja import Router, Schema

from doanso.accounts.models import ApiToken
from doanso.core.errors import UserError

router = Router(tags=["auth"])


class LockedOut(Exception):
    """Too many failed logins from this address for this account (django-axes)."""


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


@router.post("/token", auth=None, response=TokenOut)
def issue_token(request, body: TokenIn):
    """Exchange a username (or e-mail or phone) and password for a bearer token."""
    user = authenticate(request, username=body.username, password=body.password)
    if getattr(request, "axes_locked_out", False):
        raise LockedOut()
    if user is None:
        raise UserError(gettext("Tên đăng nhập hoặc mật khẩu không đúng."), field="password")
    # A token is a login: last_login, axes' access log (known addresses) and its counter reset.
    user_logged_in.send(sender=type(user), request=request, user=user)
    return {"token": ApiToken.issue(user)}
