"""The printable certificate: an A4 landscape PDF (weasyprint) with a QR code of the public
verification page (segno), in DejaVu fonts so every Vietnamese diacritic renders."""

import base64
import io

from django.template.loader import render_to_string
from django.utils import timezone

from doanso.core import vn
from doanso.credentials.models import Credential


def qr_data_uri(url: str) -> str:
    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="svg", scale=4, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


def render(cred: Credential) -> bytes:
    """The certificate of `cred` as PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(
        "credentials/certificate_pdf.html",
        {
            "cred": cred,
            "issued_on": vn.format_date(timezone.localtime(cred.issued_at).date()),
            "qr": qr_data_uri(cred.public_url),
        },
    )
    return HTML(string=html).write_pdf()
