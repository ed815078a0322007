"""Dashboard figures in words a reader takes in at a glance (numbers through core.vn)."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from doanso.core import vn

register = template.Library()


@register.filter
def completeness(reports: dict | None) -> str:
    """{"received": 53, "expected": 53} → "53/53 báo cáo (100%)"; nothing owed → "Không phải nộp báo cáo"."""
    if not reports or not reports.get("expected"):
        return _("Không phải nộp báo cáo")
    got, owed = reports.get("received") or 0, reports["expected"]
    share = Decimal(got) * 100 / Decimal(owed)
    pct = vn.format_percent(share, 0 if share == share.to_integral_value() else 1)
    return _("%(got)s/%(owed)s báo cáo (%(pct)s)") % {
        "got": vn.format_number(got),
        "owed": vn.format_number(owed),
        "pct": pct,
    }
