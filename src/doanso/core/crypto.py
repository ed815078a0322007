"""Personal data at rest: Fernet encryption and keyed hashes, keyed by DOANSO_DATA_KEY."""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet
from django.conf import settings


@lru_cache(maxsize=4)
def _keys(data_key: str) -> tuple[Fernet, bytes]:
    root = hashlib.sha256(data_key.encode()).digest()
    enc = hmac.new(root, b"doanso-encrypt", hashlib.sha256).digest()
    mac = hmac.new(root, b"doanso-lookup", hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(enc)), mac


def encrypt(value: str) -> str:
    return _keys(settings.DATA_KEY)[0].encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return _keys(settings.DATA_KEY)[0].decrypt(token.encode()).decode()


def lookup_hash(value: str) -> str:
    """Keyed hash so equal IDs can be found without storing them in clear."""
    return hmac.new(_keys(settings.DATA_KEY)[1], value.encode(), hashlib.sha256).hexdigest()


def sign(payload: bytes) -> str:
    return hmac.new(_keys(settings.SECRET_KEY)[1], payload, hashlib.sha256).hexdigest()
