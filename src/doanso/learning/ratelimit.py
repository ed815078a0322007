"""A fixed-window limit per account (or per address for guests) on contest writes, in the shared
cache (`DOANSO_CACHE_URL`): a script hammering attempt starts gets 429, a person never does."""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext

from doanso.core.errors import UserError


class TooMany(UserError):
    status = 429


def hit(scope: str, who: str) -> None:
    """Count one request of `who` for `scope`; raise TooMany past the per-minute limit."""
    window = int(time.time() // 60)
    key = f"learning:rl:{scope}:{who}:{window}"
    if cache.add(key, 1, timeout=90):
        n = 1
    else:
        try:
            n = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=90)
            n = 1
    if n > settings.DOANSO_CONTEST_RATE_PER_MINUTE:
        raise TooMany(gettext("Quá nhiều yêu cầu; vui lòng thử lại sau một phút."), field="rate")
