"""The QR code of a place's plaque (segno): its payload is the public page's absolute URL."""

import segno


def qr_svg(url: str) -> str:
    """Inline SVG (no style attribute: the CSP allows none), error correction Q for outdoor wear."""
    return segno.make(url, error="q").svg_inline(scale=6, border=2)
