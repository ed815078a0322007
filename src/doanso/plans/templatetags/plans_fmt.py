"""Vietnamese number formatting for the plans, reports and dashboard pages."""

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django import template

from doanso.core import vn
from doanso.core.calendar.periods import TZ

register = template.Library()


@register.filter
def vnum(value) -> str:
    """85000 → "85.000"; 12.5 → "12,5"; None → "—" (core.vn, two decimals at most)."""
    if value is None or value == "":
        return "—"
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not d.is_finite():
        return str(value)
    return vn.format_number(d if d == d.to_integral_value() else d.quantize(Decimal("0.01")).normalize())


@register.filter
def pct(value) -> str:
    """A progress fraction as a percentage: 0.873 → "87,3%"."""
    if value is None:
        return "—"
    return vn.format_percent(Decimal(str(value)) * 100, 1)


@register.filter
def bar(value) -> int:
    """Width of a progress bar in percent, clamped to 0–100."""
    if value is None:
        return 0
    return max(0, min(100, round(float(value) * 100)))


@register.filter
def vntime(value) -> str:
    """A datetime in Vietnam's time: "12:00 15/11/2024"."""
    if not isinstance(value, datetime):
        return "—" if value is None else str(value)
    local = value.astimezone(TZ)
    return f"{local:%H:%M} {vn.format_date(local)}"


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (None when absent or no mapping)."""
    if not mapping:
        return None
    return mapping.get(key)
