"""The e-member card's QR payload: signed so that editing it is detected (plain module)."""

import hmac

from doanso.core import crypto

PREFIX = "DOANSO-DV"


def payload(member_id: int, card_number: str = "") -> str:
    body = f"{PREFIX}:{member_id}:{card_number}"
    return f"{body}:{crypto.sign(body.encode())[:32]}"


def verify(text: str) -> int | None:
    """The member id a scanned code names, or None if it is not one of ours or was altered."""
    parts = (text or "").strip().split(":")
    if len(parts) != 4 or parts[0] != PREFIX or not parts[1].isdigit():
        return None
    body = ":".join(parts[:3])
    if not hmac.compare_digest(crypto.sign(body.encode())[:32], parts[3]):
        return None
    return int(parts[1])


def qr_svg(text: str) -> str:
    import segno

    return segno.make(text, error="m").svg_inline(scale=4)
