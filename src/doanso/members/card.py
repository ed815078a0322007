"""The e-member card's QR payload: signed so that editing it is detected (plain module).

Cards carry an Ed25519 signature (`DOANSO-DV2:<id>:<card number>:<signature>`), so a check-in page
can verify them offline with the public key (activities/offline.py); codes issued before, signed
with the server's HMAC (`DOANSO-DV:…`), are still accepted here.
"""

import hmac

from doanso.core import crypto

PREFIX = "DOANSO-DV"
PREFIX_V2 = "DOANSO-DV2"


def payload(member_id: int, card_number: str = "") -> str:
    body = f"{PREFIX_V2}:{member_id}:{card_number}"
    return f"{body}:{crypto.public_sign(body.encode())}"


def verify(text: str) -> int | None:
    """The member id a scanned code names, or None if it is not one of ours or was altered."""
    parts = (text or "").strip().split(":")
    if len(parts) != 4 or parts[0] not in (PREFIX, PREFIX_V2) or not parts[1].isdigit():
        return None
    body = ":".join(parts[:3])
    if parts[0] == PREFIX_V2:
        return int(parts[1]) if crypto.public_verify(body.encode(), parts[3]) else None
    if not hmac.compare_digest(crypto.sign(body.encode())[:32], parts[3]):
        return None
    return int(parts[1])


def qr_svg(text: str) -> str:
    import segno

    return segno.make(text, error="m").svg_inline(scale=4)
