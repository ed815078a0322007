"""Number formatting for the member pages: 7000 → "7.000" in Vietnamese, "7,000" in English."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def grouped(value) -> str:
    """Whole numbers with thousands grouped the way the page's language writes them."""
    if value is None or value == "":
        return "—"
    try:
        n = int(value)
    except (TypeError, ValueError):
        return str(value)
    text = f"{n:,}"
    return text if (get_language() or "vi").startswith("en") else text.replace(",", ".")
