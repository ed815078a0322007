"""Personal data at rest: authenticated encryption and keyed hashes, keyed by DOANSO_DATA_KEY.

Tokens are "v2." + base64url(nonce ‖ AES-256-GCM ciphertext ‖ tag), with a random 96-bit
nonce per value (safe far beyond the registry's size: the bound is about 2³² values per key).
Tokens written before v2 are Fernet tokens (AES-128-CBC + HMAC-SHA256); `decrypt` still reads
them, so existing rows need no migration. Fernet tokens never contain ".", so the prefix is
unambiguous.

`lookup_hash` is HMAC-SHA256 (hex) under a separate derived key; `lookup_hashes` computes the
same values for a batch. It is the one function used to find a value (duplicate checks, search).
"""

import base64
import hashlib
import hmac
import os
from collections.abc import Sequence
from functools import lru_cache

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

V2 = "v2."
_AAD = b"doanso-v2"
_NONCE = 12


@lru_cache(maxsize=4)
def _keys(data_key: str) -> tuple[Fernet, bytes, AESGCM]:
    root = hashlib.sha256(data_key.encode()).digest()
    enc = hmac.new(root, b"doanso-encrypt", hashlib.sha256).digest()
    mac = hmac.new(root, b"doanso-lookup", hashlib.sha256).digest()
    gcm = hmac.new(root, b"doanso-encrypt-aes256gcm", hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(enc)), mac, AESGCM(gcm)


@lru_cache(maxsize=4)
def _hmac_pads(mac_key: bytes):
    """HMAC-SHA256's inner and outer states for one key, so a batch skips the key setup per value."""
    key = mac_key.ljust(64, b"\0")
    return (
        hashlib.sha256(bytes(b ^ 0x36 for b in key)),
        hashlib.sha256(bytes(b ^ 0x5C for b in key)),
    )


def encrypt(value: str) -> str:
    return encrypt_many([value])[0]


def encrypt_many(values: Sequence[str]) -> list[str]:
    """Encrypt a batch (one fresh random nonce per value); `decrypt` reads each token back."""
    n = len(values)
    if not n:
        return []
    seal = _keys(settings.DATA_KEY)[2].encrypt
    b64 = base64.urlsafe_b64encode
    nonces = os.urandom(_NONCE * n)
    out = []
    append = out.append
    for i, v in enumerate(values):
        nonce = nonces[_NONCE * i : _NONCE * i + _NONCE]
        append(V2 + b64(nonce + seal(nonce, v.encode(), _AAD)).decode())
    return out


def decrypt(token: str) -> str:
    """Read a v2 (AES-GCM) or legacy Fernet token; raises on a forged or foreign token."""
    fernet, _, gcm = _keys(settings.DATA_KEY)
    if token.startswith(V2):
        raw = base64.urlsafe_b64decode(token[len(V2) :])
        return gcm.decrypt(raw[:_NONCE], raw[_NONCE:], _AAD).decode()
    return fernet.decrypt(token.encode()).decode()


def lookup_hash(value: str) -> str:
    """Keyed hash so equal IDs can be found without storing them in clear."""
    return hmac.new(_keys(settings.DATA_KEY)[1], value.encode(), hashlib.sha256).hexdigest()


def lookup_hashes(values: Sequence[str]) -> list[str]:
    """`lookup_hash` of each value (identical results), faster for a batch."""
    inner0, outer0 = _hmac_pads(_keys(settings.DATA_KEY)[1])
    out = []
    append = out.append
    for v in values:
        inner = inner0.copy()
        inner.update(v.encode())
        outer = outer0.copy()
        outer.update(inner.digest())
        append(outer.hexdigest())
    return out


_FILE_MAGIC = b"DSF1"
_FILE_AAD = b"doanso-file-v1"


def encrypt_bytes(data: bytes) -> bytes:
    """A file's content sealed with the data key (AES-256-GCM, random nonce): for files kept on
    disk that hold personal data (error workbooks of imports)."""
    nonce = os.urandom(_NONCE)
    return _FILE_MAGIC + nonce + _keys(settings.DATA_KEY)[2].encrypt(nonce, data, _FILE_AAD)


def decrypt_bytes(blob: bytes) -> bytes:
    """What `encrypt_bytes` sealed; raises ValueError for anything else or a forged blob."""
    if not blob.startswith(_FILE_MAGIC):
        raise ValueError("not an encrypted Đoàn Số file")
    raw = blob[len(_FILE_MAGIC) :]
    from cryptography.exceptions import InvalidTag

    try:
        return _keys(settings.DATA_KEY)[2].decrypt(raw[:_NONCE], raw[_NONCE:], _FILE_AAD)
    except InvalidTag:
        raise ValueError("encrypted file forged or sealed with another key") from None


def sign(payload: bytes) -> str:
    return hmac.new(_keys(settings.SECRET_KEY)[1], payload, hashlib.sha256).hexdigest()


# --- Public-key signatures (Ed25519) -------------------------------------------------------------
# For what a device must check without the server: the member e-card QR and the offline check-in
# page's list of allowed tickets. The private key is derived from SECRET_KEY (like `sign`), so there
# is no new secret to deploy; the public key is published in the pages that verify.


@lru_cache(maxsize=4)
def _ed25519(secret: str):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    seed = hmac.new(hashlib.sha256(secret.encode()).digest(), b"doanso-ed25519", hashlib.sha256).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def public_sign(payload: bytes) -> str:
    """An Ed25519 signature (base64url, no padding) anyone holding `public_key()` can check."""
    return _b64(_ed25519(settings.SECRET_KEY).sign(payload))


def public_verify(payload: bytes, signature: str) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        raw = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
        _ed25519(settings.SECRET_KEY).public_key().verify(raw, payload)
    except (InvalidSignature, ValueError):
        return False
    return True


def public_key() -> str:
    """The raw 32-byte Ed25519 public key, base64url (for WebCrypto's importKey("raw", …))."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return _b64(_ed25519(settings.SECRET_KEY).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
