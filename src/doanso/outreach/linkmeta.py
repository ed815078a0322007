"""Title and preview image of a web page, read from its HTML (pure: Open Graph first, then <title>)."""

import html
from html.parser import HTMLParser
from urllib.parse import urljoin


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.og: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            name = (a.get("property") or a.get("name") or "").lower()
            if name in ("og:title", "og:image", "twitter:title", "twitter:image") and name not in self.og:
                self.og[name] = a.get("content", "").strip()
        elif tag == "title" and not self.title:
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse(page: bytes, base_url: str, charset: str = "utf-8") -> tuple[str, str]:
    """(title, absolute image URL) of an HTML page; empty strings for what it does not say."""
    try:
        text = page.decode(charset or "utf-8", errors="replace")
    except LookupError:
        text = page.decode("utf-8", errors="replace")
    p = _Meta()
    try:
        p.feed(text)
        p.close()
    except Exception:  # noqa: BLE001 - broken markup still yields what was read
        pass
    title = p.og.get("og:title") or p.og.get("twitter:title") or p.title
    image = p.og.get("og:image") or p.og.get("twitter:image") or ""
    title = " ".join(html.unescape(title).split())[:300]
    image = urljoin(base_url, image) if image else ""
    if image and not image.lower().startswith(("http://", "https://")):
        image = ""
    return title, image[:2000]


def charset_of(content_type: str) -> str:
    for part in content_type.split(";"):
        k, _, v = part.strip().partition("=")
        if k == "charset" and v:
            return v.strip('"')
    return "utf-8"
