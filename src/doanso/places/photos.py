"""Checking an uploaded photo by its content (Pillow), never by its name or declared type."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from doanso.core import vn
from doanso.core.errors import UserError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}


@dataclass(frozen=True)
class Checked:
    content_type: str
    extension: str
    width: int
    height: int
    size: int


def check(upload) -> Checked:
    """The photo's real type and size, or a UserError naming the field `photo`."""
    from PIL import Image, UnidentifiedImageError

    size = upload.size
    if size > MAX_BYTES:
        raise UserError(
            _("Ảnh: tệp lớn quá %(max)s (tệp gửi lên %(size)s).")
            % {"max": vn.format_size(MAX_BYTES), "size": vn.format_size(size)},
            field="photo",
        )
    if size == 0:
        raise UserError(_("Ảnh: tệp rỗng."), field="photo")
    upload.seek(0)
    try:
        with Image.open(upload) as img:
            fmt = img.format
            width, height = img.size
            if width * height > MAX_PIXELS:
                raise UserError(_("Ảnh: kích thước điểm ảnh lớn quá."), field="photo")
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise UserError(_("Ảnh: tệp không phải ảnh JPEG, PNG hoặc WebP."), field="photo") from None
    finally:
        upload.seek(0)
    if fmt not in FORMATS:
        raise UserError(_("Ảnh: tệp không phải ảnh JPEG, PNG hoặc WebP."), field="photo")
    content_type, ext = FORMATS[fmt]
    return Checked(content_type, ext, width, height, size)
