"""Multibase base58btc and Ed25519 Multikey encodings (did:key / Multikey `z6Mk…`).

Small enough to keep here rather than add a dependency: base58btc is the Bitcoin alphabet, and a
Multikey public key is the multicodec prefix 0xed 0x01 followed by the 32 raw key bytes.
"""

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {c: i for i, c in enumerate(ALPHABET)}
ED25519_PUB_PREFIX = b"\xed\x01"


def b58encode(data: bytes) -> str:
    """base58btc without the multibase prefix (leading zero bytes become "1")."""
    n = int.from_bytes(data, "big")
    out = []
    while n:
        n, r = divmod(n, 58)
        out.append(ALPHABET[r])
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    """Inverse of `b58encode`; ValueError for a character outside the alphabet."""
    n = 0
    for c in text:
        if c not in _INDEX:
            raise ValueError(f"not base58btc: {c!r}")
        n = n * 58 + _INDEX[c]
    pad = len(text) - len(text.lstrip("1"))
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\0" * pad + body


def encode_z(data: bytes) -> str:
    """Multibase base58btc ("z" prefix), as `proofValue` and `publicKeyMultibase` need."""
    return "z" + b58encode(data)


def decode_z(text: str) -> bytes:
    if not text.startswith("z"):
        raise ValueError("multibase value is not base58btc (no 'z' prefix)")
    return b58decode(text[1:])


def public_key_multibase(raw: bytes) -> str:
    """`z6Mk…` for a 32-byte Ed25519 public key."""
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return encode_z(ED25519_PUB_PREFIX + raw)


def public_key_from_multibase(text: str) -> bytes:
    """The 32 raw bytes of a `z6Mk…` Multikey; ValueError for anything else."""
    data = decode_z(text)
    if not data.startswith(ED25519_PUB_PREFIX) or len(data) != 34:
        raise ValueError("not an Ed25519 Multikey")
    return data[2:]
