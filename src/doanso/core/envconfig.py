"""Reading settings from the environment, strictly: a typo must stop the server, not change it.

`DOANSO_DEBUG=flase` read as "not true" would run production in debug mode or the other way
round; a missing key read as a default would encrypt CCCD with a public value. So every reader
here raises ImproperlyConfigured naming the variable, and `check_production` refuses what a
public deployment must not run with. Pure module: no database, imported by settings.py.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})

# Public development values: any deployment that uses them has no secret at all.
DEV_SECRET_KEY = "dev-only-insecure-secret-key-change-me"
DEV_DATA_KEY = "dev-only-data-key-change-me"
MIN_KEY_LENGTH = 32


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    """`true/false/1/0/yes/no/on/off` (any case); anything else is an error naming the variable."""
    env = os.environ if environ is None else environ
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: write true or false.")


def env_int(name: str, default: int, environ: Mapping[str, str] | None = None, minimum: int = 0) -> int:
    """A whole number ≥ minimum; `abc` or `-3` is an error naming the variable."""
    env = os.environ if environ is None else environ
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}.")
    return value


def env_list(name: str, default: str, environ: Mapping[str, str] | None = None) -> list[str]:
    """Comma-separated values, blanks dropped."""
    env = os.environ if environ is None else environ
    return [part.strip() for part in env.get(name, default).split(",") if part.strip()]


def env_key(name: str, dev_value: str, debug: bool, environ: Mapping[str, str] | None = None) -> str:
    """A secret: the public dev value is allowed only in debug; production needs its own, long one."""
    env = os.environ if environ is None else environ
    value = env.get(name, "").strip()
    if debug:
        return value or dev_value
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set: with DOANSO_DEBUG=false the server needs its own secret "
            f"(generate one with: python3 -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    if value == dev_value or value.startswith("dev-only") or value.startswith("django-insecure"):
        raise ImproperlyConfigured(f"{name} is the public development value: set a secret of your own.")
    if len(value) < MIN_KEY_LENGTH:
        raise ImproperlyConfigured(
            f"{name} is too short ({len(value)} characters, at least {MIN_KEY_LENGTH})."
        )
    return value


def cache_config(url: str) -> dict:
    """`DOANSO_CACHE_URL` → a CACHES["default"] entry.

    `locmem://` (one process, the development default), `db://TABLE` (Django's database cache:
    no extra service; `make prod` creates the table), `redis://HOST:PORT/DB` (shared by every
    process; `rediss://` for TLS), `dummy://` (no cache).
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    timeout = int(options.pop("timeout", "300"))
    # Django culls a third of a local or database cache past 300 entries: the rate limits' counters
    # (one per address and per entrant in a contest minute) would vanish before reaching their limit.
    bounded = {"OPTIONS": {"MAX_ENTRIES": int(options.pop("max_entries", "1000000"))}}
    if scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": parts.netloc or "doanso",
        } | bounded
    if scheme == "db":
        table = (parts.netloc + parts.path).strip("/") or "doanso_cache"
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": table,
            "TIMEOUT": timeout,
        } | bounded
    if scheme in ("redis", "rediss"):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url.split("?", 1)[0],
            "TIMEOUT": timeout,
            "KEY_PREFIX": options.get("prefix", "doanso"),
        }
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"DOANSO_CACHE_URL={url!r}: unknown kind {scheme!r} (use locmem://, db://TABLE, redis://HOST:PORT/DB "
        "or dummy://)."
    )


def proxy_ssl_header(value: str) -> tuple[str, str] | None:
    """`X-Forwarded-Proto` → ("HTTP_X_FORWARDED_PROTO", "https"); empty → None (no TLS proxy)."""
    value = value.strip()
    if not value:
        return None
    return ("HTTP_" + value.upper().replace("-", "_"), "https")
