"""The one checker of uploaded and fetched images: what an image really is, read from its bytes with
Pillow (never from its name or the sender's claim), within a byte cap and a pixel cap.

The pixel cap is checked on the header, before anything is decoded; Pillow's own decompression-bomb
guard (its module-wide `MAX_IMAGE_PIXELS`, left untouched here) refuses what is past twice its
default even before that. Both refusals are the same Vietnamese message naming the field.
"""

import io
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext

from doanso.core import vn
from doanso.core.errors import UserError

# Pillow's format name -> (content type, file extension)
FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "GIF": ("image/gif", "gif"),
    "WEBP": ("image/webp", "webp"),
}
NAMES = {"JPEG": "JPEG", "PNG": "PNG", "GIF": "GIF", "WEBP": "WebP"}


@dataclass(frozen=True)
class CheckedImage:
    content_type: str
    extension: str
    width: int
    height: int
    size: int


def _label(label: str | None) -> str:
    return label if label is not None else gettext("Ảnh")


def _names(formats: Collection[str]) -> str:
    names = [NAMES[f] for f in FORMATS if f in formats]
    if len(names) == 1:
        return names[0]
    return gettext("%(first)s hoặc %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _too_large(label: str, field: str, max_pixels: int, size: tuple[int, int] | None) -> UserError:
    if size is None:  # Pillow refused it on the header: far past any sensible size
        msg = gettext("%(label)s: ảnh quá lớn (quá %(n)s điểm ảnh), không xử lý.") % {
            "label": label,
            "n": vn.format_number(max_pixels),
        }
    else:
        msg = gettext("%(label)s: ảnh %(w)s × %(h)s quá lớn (tối đa %(n)s điểm ảnh), không xử lý.") % {
            "label": label,
            "w": vn.format_number(size[0]),
            "h": vn.format_number(size[1]),
            "n": vn.format_number(max_pixels),
        }
    return UserError(msg, field=field)


def _not_an_image(label: str, field: str, formats: Collection[str]) -> UserError:
    return UserError(
        gettext("%(label)s: nội dung không phải là ảnh %(formats)s hợp lệ (hỏng, giả hoặc khác loại).")
        % {"label": label, "formats": _names(formats)},
        field=field,
    )


def _size_of(source) -> int:
    if isinstance(source, bytes | bytearray | memoryview):
        return len(source)
    size = getattr(source, "size", None)  # a Django upload
    if size is None:
        pos = source.tell()
        size = source.seek(0, io.SEEK_END)
        source.seek(pos)
    return size


@contextmanager
def opened(
    source: bytes | IO[bytes],
    *,
    max_pixels: int,
    formats: Collection[str] = tuple(FORMATS),
    field: str = "file",
    label: str | None = None,
) -> Iterator:
    """The Pillow image of `source`, opened (header read, nothing decoded) and refused with a
    UserError when it is not an image of `formats` or has more than `max_pixels` pixels; decoding
    it (thumbnails) is safe inside the block."""
    from PIL import Image, UnidentifiedImageError

    label = _label(label)
    fp = io.BytesIO(source) if isinstance(source, bytes | bytearray | memoryview) else source
    fp.seek(0)
    try:
        im = Image.open(fp, formats=list(formats))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(label, field, max_pixels, None) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _not_an_image(label, field, formats) from None
    with im:
        if im.format not in formats:
            raise _not_an_image(label, field, formats)
        if im.size[0] * im.size[1] > max_pixels:
            raise _too_large(label, field, max_pixels, im.size)
        yield im


def check(
    source: bytes | IO[bytes],
    *,
    max_pixels: int,
    max_bytes: int | None = None,
    formats: Collection[str] = tuple(FORMATS),
    field: str = "file",
    label: str | None = None,
) -> CheckedImage:
    """The real type and size of an image in `source` (bytes, or a file/upload, left rewound), or a
    UserError naming `field`: empty, over `max_bytes`, over `max_pixels`, a decompression bomb, not an
    image of `formats`, or broken data (Pillow's `verify()` walks the whole file without decoding)."""
    label = _label(label)
    size = _size_of(source)
    if size == 0:
        raise UserError(gettext("%(label)s: tệp rỗng.") % {"label": label}, field=field)
    if max_bytes is not None and size > max_bytes:
        raise UserError(
            gettext("%(label)s: tệp lớn quá %(max)s (tệp gửi lên %(size)s).")
            % {"label": label, "max": vn.format_size(max_bytes), "size": vn.format_size(size)},
            field=field,
        )
    try:
        with opened(source, max_pixels=max_pixels, formats=formats, field=field, label=label) as im:
            fmt, (width, height) = im.format, im.size
            try:
                im.verify()
            except Exception:  # noqa: BLE001 - Pillow raises many types for broken data
                raise _not_an_image(label, field, formats) from None
    finally:
        if not isinstance(source, bytes | bytearray | memoryview):
            source.seek(0)
    content_type, extension = FORMATS[fmt]
    return CheckedImage(content_type, extension, width, height, size)
