"""Numbers on the member pages: 7000 → "7.000" (core.vn; Vietnamese in every UI language)."""

from django import template

from doanso.core import vn

register = template.Library()


@register.filter
def grouped(value) -> str:
    """Whole numbers with thousands grouped the Vietnamese way."""
    if value is None or value == "":
        return "—"
    try:
        n = int(value)
    except (TypeError, ValueError):
        return str(value)
    return vn.format_number(n)
