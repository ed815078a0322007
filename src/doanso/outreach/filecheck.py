"""What a file really is, read from its bytes (never from its name or the browser's claim).

An "infographic.png" that is an HTML page, a zip bomb named .jpg, or a 30 000 × 30 000 image that
would take gigabytes to decode are refused here, before anything is stored.
"""

import io
import warnings
import zipfile

from django.utils.translation import gettext
from PIL import Image

from doanso.core.errors import UserError

IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
OFFICE = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def sniff(head: bytes) -> str | None:
    """The content type the first bytes announce, or None for anything not accepted."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head[4:8] == b"ftyp":
        return "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    if head.startswith(b"PK\x03\x04"):
        return "application/zip"
    return None


def image_size(data: bytes, *, max_pixels: int) -> tuple[str, tuple[int, int]]:
    """(content type, (width, height)) of a real image; UserError for a fake or oversized one.

    The header is read first and the pixel count checked before any decoding (the decompression-bomb
    guard, with Pillow's own `MAX_IMAGE_PIXELS` set to the same bound), then `verify()` walks the data.
    """
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                fmt, size = im.format, im.size
                if size[0] * size[1] > max_pixels:
                    raise _too_many_pixels(size, max_pixels)
                im.verify()
    except UserError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UserError(
            gettext("Ảnh quá lớn (quá %(n)s điểm ảnh), không xử lý.")
            % {"n": f"{max_pixels:,}".replace(",", ".")},
            field="file",
        ) from None
    except Exception:  # noqa: BLE001 - Pillow raises many types for broken data
        raise UserError(
            gettext("Tệp không phải là ảnh hợp lệ (nội dung hỏng hoặc giả)."), field="file"
        ) from None
    if fmt not in IMAGE_TYPES:
        raise UserError(gettext("Định dạng ảnh không được hỗ trợ (PNG, JPEG, GIF, WebP)."), field="file")
    return IMAGE_TYPES[fmt], size


def _too_many_pixels(size: tuple[int, int], max_pixels: int) -> UserError:
    return UserError(
        gettext("Ảnh %(w)s × %(h)s quá lớn (tối đa %(n)s điểm ảnh).")
        % {"w": size[0], "h": size[1], "n": f"{max_pixels:,}".replace(",", ".")},
        field="file",
    )


def office_type(data: bytes) -> str | None:
    """The Office Open XML type of a zip (docx, pptx, xlsx), or None for any other zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, ctype in OFFICE.items():
        if any(n.startswith(prefix) for n in names):
            return ctype
    return None
