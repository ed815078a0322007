"""Server-side HTTP GET that cannot be aimed at the Union's own network (SSRF guard).

A logged post's URL is typed by a user; fetching it blindly would let anyone make the server read
`http://10.0.0.5/admin` or a cloud metadata address (169.254.169.254). So every hop:

- resolves the host and refuses it when any address is not global (private, loopback, link-local,
  reserved, CGNAT…) unless `allow_private` (the DOANSO_FETCH_ALLOW_PRIVATE setting, for tests);
- connects to the address it checked (no second DNS lookup that could answer differently);
- follows at most `max_redirects` redirects, each re-checked;
- stops after `timeout` seconds per socket operation and refuses bodies over `max_bytes`.
"""

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.utils.translation import gettext

REDIRECTS = {301, 302, 303, 307, 308}


class FetchRefused(Exception):
    """The fetch was not made or was cut short; the message is Vietnamese, fit to show."""


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int
    content_type: str
    body: bytes


def _is_public(ip: str) -> bool:
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return addr.is_global and not addr.is_multicast


def resolve(host: str, port: int, *, allow_private: bool) -> str:
    """One address of `host` to connect to; FetchRefused when any of its addresses is internal."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchRefused(gettext("Không tìm thấy máy chủ “%(host)s”.") % {"host": host}) from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchRefused(gettext("Không tìm thấy máy chủ “%(host)s”.") % {"host": host})
    if not allow_private and not all(_is_public(a) for a in addresses):
        raise FetchRefused(
            gettext("Không truy cập địa chỉ nội bộ (mạng riêng, loopback, link-local): “%(host)s”.")
            % {"host": host}
        )
    return addresses[0]


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to a checked address, with the certificate checked against the host name."""

    def __init__(self, host: str, ip: str, port: int, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip

    def connect(self) -> None:
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, ip: str, port: int, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    allow_private: bool = False,
    max_redirects: int = 3,
) -> Fetched:
    """GET `url` under the guards above; FetchRefused with a Vietnamese reason otherwise."""
    for _hop in range(max_redirects + 1):
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            raise FetchRefused(gettext("Chỉ đọc được liên kết http:// hoặc https://."))
        port = parts.port or (443 if scheme == "https" else 80)
        ip = resolve(parts.hostname, port, allow_private=allow_private)
        conn_class = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
        conn = conn_class(parts.hostname, ip, port, timeout)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            conn.request("GET", target, headers={"User-Agent": "DoanSo-LinkPreview/1", "Accept": "*/*"})
            resp = conn.getresponse()
            if resp.status in REDIRECTS:
                location = resp.getheader("Location")
                if not location:
                    raise FetchRefused(gettext("Máy chủ chuyển hướng mà không cho địa chỉ mới."))
                url = urljoin(url, location)
                continue
            declared = resp.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchRefused(_too_big(max_bytes))
            body = resp.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise FetchRefused(_too_big(max_bytes))
            return Fetched(url, resp.status, (resp.getheader("Content-Type") or "").lower(), body)
        except (OSError, http.client.HTTPException) as exc:
            if isinstance(exc, TimeoutError | socket.timeout):
                raise FetchRefused(gettext("Máy chủ không trả lời kịp thời gian cho phép.")) from None
            raise FetchRefused(gettext("Không đọc được trang: lỗi kết nối.")) from None
        finally:
            conn.close()
    raise FetchRefused(gettext("Trang chuyển hướng quá %(n)s lần.") % {"n": max_redirects})


def _too_big(max_bytes: int) -> str:
    from doanso.core import vn

    return gettext("Nội dung lớn quá giới hạn %(size)s.") % {"size": vn.format_size(max_bytes)}
