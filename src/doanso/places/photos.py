"""Checking an uploaded photo by its content: the one image checker of core, with the places' caps."""

from doanso.core import images

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded
FORMATS = ("JPEG", "PNG", "WEBP")

Checked = images.CheckedImage


def check(upload) -> Checked:
    """The photo's real type and size, or a UserError naming the field `photo`."""
    return images.check(upload, max_pixels=MAX_PIXELS, max_bytes=MAX_BYTES, formats=FORMATS, field="photo")
