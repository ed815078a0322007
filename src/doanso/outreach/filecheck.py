"""What a file really is, read from its bytes (never from its name or the browser's claim).

An "infographic.png" that is an HTML page, a zip bomb named .jpg, or a 30 000 × 30 000 image that
would take gigabytes to decode are refused here, before anything is stored.
"""

import io
import zipfile

from django.utils.translation import gettext

from doanso.core import images

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
    """(content type, (width, height)) of a real image; UserError (field `file`) for a fake one, a
    decompression bomb or one over `max_pixels` (the one checker: `doanso.core.images`)."""
    info = images.check(data, max_pixels=max_pixels, field="file", label=gettext("Tệp (file)"))
    return info.content_type, (info.width, info.height)


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
