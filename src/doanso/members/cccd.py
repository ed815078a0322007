"""CCCD encryption and keyed hashes for whole import batches, byte-compatible with `core.crypto`.

A 12-digit CCCD padded by PKCS7 is exactly one AES block, so AES-CBC with a fresh IV per
value equals AES-ECB of (value XOR IV): one ECB call encrypts a whole batch, and each token
is then framed and HMAC-signed exactly as Fernet does. `core.crypto.decrypt` reads the
tokens back (tested), so the result is indistinguishable from `crypto.encrypt`, about 5×
faster. Values that are not one block fall back to `crypto.encrypt`.
"""

import base64
import hmac
import os
import struct
import time

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings

from doanso.core import crypto


def _fernet_keys() -> tuple[bytes, bytes]:
    f = crypto._keys(settings.DATA_KEY)[0]
    return f._signing_key, f._encryption_key


def lookup_hashes(values: list[str]) -> list[str]:
    key = crypto._keys(settings.DATA_KEY)[1]
    return [hmac.digest(key, v.encode(), "sha256").hex() for v in values]


def encrypt_many(values: list[str]) -> list[str]:
    if not values:
        return []
    signing, enc_key = _fernet_keys()
    n = len(values)
    ivs = os.urandom(16 * n)
    blocks = bytearray()
    for i, v in enumerate(values):
        b = v.encode()
        if len(b) != 12:
            return [crypto.encrypt(x) for x in values]
        p = int.from_bytes(b + b"\x04\x04\x04\x04", "big") ^ int.from_bytes(ivs[16 * i : 16 * i + 16], "big")
        blocks += p.to_bytes(16, "big")
    enc = Cipher(algorithms.AES(enc_key), modes.ECB()).encryptor()  # noqa: S305 — CBC of one block, see above
    ct = enc.update(bytes(blocks)) + enc.finalize()
    head = b"\x80" + struct.pack(">Q", int(time.time()))
    out = []
    for i in range(n):
        basic = head + ivs[16 * i : 16 * i + 16] + ct[16 * i : 16 * i + 16]
        out.append(base64.urlsafe_b64encode(basic + hmac.digest(signing, basic, "sha256")).decode())
    return out
