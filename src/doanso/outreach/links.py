"""Post URLs as one key per article (pure: no database, no network).

The same article is shared with different spellings — `HTTPS://Example.VN/bai/`, `…/bai?utm_source=zalo`,
`…/bai?fbclid=…` — and must be logged once, so URLs are compared in a normal form: lower-case scheme
and host, no default port, no fragment, no trailing slash, no tracking parameters, the other query
parameters sorted.
"""

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext

from doanso.core.errors import UserError

MAX_LENGTH = 2000
TRACKING = {"fbclid", "gclid", "dclid", "msclkid", "igshid", "mc_cid", "mc_eid", "zarsrc", "_hsenc", "_hsmi"}
DEFAULT_PORTS = {"http": 80, "https": 443}


def _tracking(name: str) -> bool:
    n = name.lower()
    return n.startswith("utm_") or n in TRACKING


def normalise(raw: str, *, field: str = "url") -> str:
    """The URL's normal form; a UserError in Vietnamese for anything that is not an http(s) link."""
    text = (raw or "").strip()
    if not text:
        raise UserError(gettext("Địa chỉ bài viết (url): chưa nhập."), field=field)
    if len(text) > MAX_LENGTH:
        raise UserError(gettext("Địa chỉ (url) dài quá %(n)s ký tự.") % {"n": MAX_LENGTH}, field=field)
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise _not_http(text, field) from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in DEFAULT_PORTS or not host or parts.username or parts.password:
        raise _not_http(text, field)
    if any(c.isspace() for c in text):
        raise _not_http(text, field)
    netloc = host if ":" not in host else f"[{host}]"
    if port and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    path = parts.path.rstrip("/")
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k))
    )
    return urlunsplit((scheme, netloc, path, query, ""))


def _not_http(text: str, field: str) -> UserError:
    return UserError(
        gettext("Địa chỉ (url) “%(url)s” không phải là liên kết http:// hoặc https:// hợp lệ.")
        % {"url": text[:200]},
        field=field,
    )


def key(normal_url: str) -> str:
    """The unique key of a normalised URL (fixed length, so the unique index stays small)."""
    return hashlib.sha256(normal_url.encode()).hexdigest()
