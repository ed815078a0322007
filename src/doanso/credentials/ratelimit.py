"""A per-address budget for anonymous verifications (each one canonicalises a document)."""

import time

from django.conf import settings
from django.core.cache import cache

from doanso.accounts.lockout import client_ip


def allow(request, bucket: str = "verify") -> bool:
    """True while this client address has made fewer than the allowed calls this minute."""
    window = int(time.time() // 60)
    key = f"credentials:{bucket}:{client_ip(request)}:{window}"
    if cache.add(key, 1, timeout=120):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=120)
        count = 1
    return count <= settings.DOANSO_CREDENTIALS_VERIFY_PER_MINUTE
