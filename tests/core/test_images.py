"""The one image checker (doanso.core.images) against real hostile files: a decompression bomb, a
header declaring a huge size, fakes and broken images; and Pillow's module-wide state left alone."""

import contextlib
import io
import os
import struct
import zlib

import pytest
from PIL import Image

from doanso.core import images
from doanso.core.errors import UserError


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def raw_png(width: int, height: int, idat: bytes | None = None, *, bit_depth: int = 1) -> bytes:
    """A real PNG, built chunk by chunk: greyscale, all black; `idat` replaces its pixel data."""
    if idat is None:
        row = b"\x00" * (1 + (width * bit_depth + 7) // 8)  # filter byte + packed pixels
        z = zlib.compressobj(9)
        idat = b"".join(z.compress(row) for _ in range(height)) + z.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def real(fmt: str = "PNG", size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize(
    ("fmt", "ctype", "ext"), [("PNG", "image/png", "png"), ("JPEG", "image/jpeg", "jpg")]
)
def test_a_real_image_gives_its_type_size_and_pixels(fmt, ctype, ext):
    data = real(fmt)
    info = images.check(data, max_pixels=10_000)
    assert (info.content_type, info.extension, info.width, info.height, info.size) == (
        ctype,
        ext,
        40,
        30,
        len(data),
    )


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    bomb = raw_png(8_000, 8_000)  # 64 million pixels: 64 MB once decoded, from a few kilobytes
    assert len(bomb) < 20_000
    with pytest.raises(UserError) as exc:
        images.check(bomb, max_pixels=40_000_000, field="photo")
    assert exc.value.field == "photo"
    assert str(exc.value) == (
        "Ảnh: ảnh 8.000 × 8.000 quá lớn (tối đa 40.000.000 điểm ảnh), không xử lý."
    )  # Vietnamese numbers


def test_a_bomb_past_pillows_own_guard_is_refused_with_the_same_words():
    bomb = raw_png(20_000, 20_000)  # 400 million pixels, past twice Pillow's default bound
    with pytest.raises(UserError, match=r"^Ảnh: ảnh quá lớn \(quá 40\.000\.000 điểm ảnh\), không xử lý\.$"):
        images.check(bomb, max_pixels=40_000_000)


def test_a_header_declaring_a_huge_size_over_no_data_is_refused():
    liar = raw_png(65_535, 65_535, idat=zlib.compress(b"\x00" * 10))
    assert len(liar) < 100
    with pytest.raises(UserError, match="quá lớn"):
        images.check(liar, max_pixels=10**12)  # whatever the cap, Pillow's own guard stands
    with pytest.raises(UserError, match="quá lớn"):
        images.check(raw_png(5_000, 1, idat=zlib.compress(b"\x00")), max_pixels=4_999)


@pytest.mark.parametrize(
    "data",
    [
        b"<html><script>alert(1)</script></html>",  # a page named .png
        b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
        b"\x89PNG\r\n\x1a\n" + b"<html>fake</html>" * 10,  # a PNG signature over anything
        b"\xff\xd8\xff\xe0" + b"\x00" * 40,  # a JPEG start and nothing of a JPEG
        real("PNG")[:60],  # cut short
        raw_png(40, 30).replace(b"IEND", b"IENX"),  # a broken chunk checksum
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    ],
    ids=["html", "svg", "png-signature", "jpeg-start", "truncated", "bad-crc", "pdf"],
)
def test_fake_and_broken_images_are_refused_naming_the_field(data):
    with pytest.raises(UserError) as exc:
        images.check(data, max_pixels=10_000, field="file", label="Tệp (file)")
    assert exc.value.field == "file"
    assert str(exc.value) == (
        "Tệp (file): nội dung không phải là ảnh JPEG, PNG, GIF hoặc WebP hợp lệ (hỏng, giả hoặc khác loại)."
    )


def test_a_real_image_of_a_format_not_accepted_is_refused():
    assert images.check(real("GIF"), max_pixels=10_000).content_type == "image/gif"
    with pytest.raises(UserError, match="không phải là ảnh JPEG, PNG hoặc WebP hợp lệ"):
        images.check(real("GIF"), max_pixels=10_000, formats=("JPEG", "PNG", "WEBP"))
    with pytest.raises(UserError, match="không phải là ảnh PNG hợp lệ"):
        images.check(real("JPEG"), max_pixels=10_000, formats=("PNG",))


def test_empty_and_over_the_byte_cap_are_refused_with_vietnamese_sizes():
    with pytest.raises(UserError, match="^Ảnh: tệp rỗng.$"):
        images.check(b"", max_pixels=10)
    data = io.BytesIO()
    Image.frombytes("L", (100, 100), os.urandom(10_000)).save(data, "PNG")  # noise: ~10 KB
    data = data.getvalue()
    with pytest.raises(UserError, match=r"^Ảnh: tệp lớn quá 1,0 KB \(tệp gửi lên [\d,]+ KB\)\.$"):
        images.check(data, max_pixels=10**6, max_bytes=1024)


def test_a_file_is_read_and_left_rewound():
    fh = io.BytesIO(real("PNG"))
    fh.seek(7)
    assert images.check(fh, max_pixels=10_000).width == 40
    assert fh.tell() == 0
    with pytest.raises(UserError):
        images.check(io.BytesIO(raw_png(200, 200)), max_pixels=100)


def test_pillows_module_wide_bound_is_never_changed():
    before = Image.MAX_IMAGE_PIXELS
    for cap in (100, 40_000_000, 10**12):
        for data in (real("PNG"), raw_png(8_000, 8_000)):
            with contextlib.suppress(UserError):
                images.check(data, max_pixels=cap)
    with images.opened(real("PNG"), max_pixels=5_000) as im:
        im.load()
    assert before == Image.MAX_IMAGE_PIXELS


def test_opened_refuses_before_the_caller_decodes():
    with (
        pytest.raises(UserError, match="quá lớn"),
        images.opened(raw_png(8_000, 8_000), max_pixels=1_000) as im,
    ):
        im.load()  # never reached
        pytest.fail("decoded a bomb")
