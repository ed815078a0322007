"""Feed tokens: random, shown once, stored only as an HMAC keyed with a key derived from SECRET_KEY.

A database dump therefore holds no usable URL; a presented token is hashed, looked up by its
(unique, indexed) hash and compared again in constant time."""

import hashlib
import hmac
import secrets

from django.conf import settings

SALT = b"doanso.agenda.feed-token.v1"


def new() -> str:
    """A 256-bit token, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    key = hmac.new(settings.SECRET_KEY.encode(), SALT, hashlib.sha256).digest()
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()


def matches(token: str, stored: str) -> bool:
    return hmac.compare_digest(digest(token), stored)
