"""The activity's QR: a signed, short-lived token naming the activity (plain module).

`django.core.signing` with its own salt: a token shown on the organiser's screen is refreshed
often, so a photo shared in a chat stops working after `DOANSO_ACTIVITY_QR_SECONDS`. The version
lets organisers void every code issued so far.
"""

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext

from doanso.core.errors import UserError

SALT = "doanso.activities.checkin"


def make(activity_id: int, version: int) -> str:
    return signing.TimestampSigner(salt=SALT).sign(f"A{activity_id}v{version}")


def read(token: str, activity_id: int, version: int) -> None:
    """Accept a token for this activity, or raise a Vietnamese UserError saying what is wrong."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        value = signer.unsign(token or "", max_age=settings.DOANSO_ACTIVITY_QR_SECONDS)
    except signing.SignatureExpired:
        raise UserError(
            gettext("Mã QR đã hết hạn; hãy quét mã mới đang hiển thị tại nơi tổ chức."), field="token"
        ) from None
    except signing.BadSignature:
        raise UserError(
            gettext("Mã QR không hợp lệ (không do hệ thống cấp hoặc đã bị sửa)."), field="token"
        ) from None
    if value != f"A{activity_id}v{version}":
        if value.startswith(f"A{activity_id}v"):
            raise UserError(gettext("Mã QR này đã bị thu hồi; hãy quét mã mới."), field="token")
        raise UserError(gettext("Mã QR thuộc một hoạt động khác."), field="token")


def svg(text: str) -> str:
    import segno

    return segno.make(text, error="m").svg_inline(scale=4)
