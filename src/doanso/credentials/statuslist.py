"""Bitstring Status List v1.0 encoding: a GZIP-compressed bitstring, base64url without padding,
multibase-prefixed with "u"; index 0 is the left-most (most significant) bit of the first byte."""

import base64
import gzip

MIN_ENTRIES = 131_072  # the spec's minimum size (16 KB), for group privacy
SIZE_BYTES = MIN_ENTRIES // 8


def empty() -> bytes:
    return bytes(SIZE_BYTES)


def get_bit(bits: bytes, index: int) -> bool:
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def set_bit(bits: bytes, index: int, value: bool = True) -> bytes:
    out = bytearray(bits)
    if value:
        out[index // 8] |= 0x80 >> (index % 8)
    else:
        out[index // 8] &= ~(0x80 >> (index % 8)) & 0xFF
    return bytes(out)


def encode(bits: bytes) -> str:
    """`encodedList` of a BitstringStatusList (mtime 0, so the same bits give the same text)."""
    packed = gzip.compress(bits, mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def decode(encoded: str) -> bytes:
    """The bits of an `encodedList`; ValueError when it is not one."""
    if not encoded.startswith("u"):
        raise ValueError("encodedList is not multibase base64url")
    body = encoded[1:]
    try:
        return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except (OSError, ValueError) as exc:
        raise ValueError(f"encodedList does not decode: {exc}") from None
