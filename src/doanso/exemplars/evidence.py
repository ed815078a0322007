"""Evidence files of a nomination, checked by their content (not their name or declared type). No
database: `kind_of` reads the first bytes."""

from django.utils.translation import gettext

from doanso.core import vn
from doanso.core.errors import UserError

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 10
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


def kind_of(head: bytes) -> str | None:
    """The content type the bytes really are, among the accepted ones; None for anything else."""
    for magic, kind in SIGNATURES:
        if head.startswith(magic):
            return kind
    return None


def check(name: str, size: int, head: bytes) -> str:
    """The accepted content type of an upload, or a UserError naming the file."""
    if size > MAX_BYTES:
        raise UserError(
            gettext("Tệp “%(name)s” quá lớn (%(size)s, tối đa %(max)s).")
            % {"name": name, "size": vn.format_size(size), "max": vn.format_size(MAX_BYTES)},
            field="file",
        )
    kind = kind_of(head)
    if kind is None:
        raise UserError(
            gettext("Tệp “%(name)s” không phải PDF, JPEG hay PNG (kiểm tra theo nội dung tệp).")
            % {"name": name},
            field="file",
        )
    return kind
