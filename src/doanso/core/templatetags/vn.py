"""Template filters that print numbers, dates and periods the Vietnamese way, through core.vn.

{% load vn %} … {{ stats.members|vn_number }} → "38.240", {{ share|vn_percent }} → "97,8%",
{{ member.birth_date|vn_date }} → "15/03/2024", {{ report.period|vn_period }} → "Quý I/2026",
{{ upload.size|vn_size }} → "20,0 MB". Whatever the UI language: the data is Vietnamese.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django import template

from doanso.core import vn

register = template.Library()

EMPTY = "—"


def _decimal(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


@register.filter
def vn_number(value, decimals=None) -> str:
    """38240 → "38.240", 12.5 → "12,5"; `|vn_number:1` fixes the places; None → "—"."""
    d = _decimal(value)
    if d is None:
        return EMPTY if value is None or value == "" else str(value)
    return vn.format_number(d, None if decimals in (None, "") else int(decimals))


@register.filter
def vn_percent(value, decimals=1) -> str:
    """A percentage: 97.8 → "97,8%"."""
    d = _decimal(value)
    return EMPTY if d is None else vn.format_percent(d, int(decimals))


@register.filter
def vn_fraction(value) -> str:
    """A fraction as a percentage: 0.978 → "97,8%"."""
    d = _decimal(value)
    return EMPTY if d is None else vn.format_percent(d * 100, 1)


@register.filter
def vn_date(value) -> str:
    """A date as dd/mm/yyyy; "—" for none."""
    if not isinstance(value, date):
        return EMPTY if value in (None, "") else str(value)
    return vn.format_date(value)


@register.filter
def vn_period(value) -> str:
    """A period id as read: "2026-12" → "tháng 12/2026"; "2026Q1/2026Q2" → "Quý I/2026 – Quý II/2026"."""
    if not value:
        return EMPTY
    return " – ".join(vn.format_period(part) for part in str(value).split("/"))


@register.filter
def vn_size(value) -> str:
    """Bytes: 20971520 → "20,0 MB"."""
    d = _decimal(value)
    return EMPTY if d is None else vn.format_size(int(d))


@register.filter
def vn_month(value) -> str:
    """A month id without the word "tháng" (for text that already says it): "2026-03" → "3/2026"."""
    m = re.fullmatch(r"(\d{4})-?(\d{2})", str(value or ""))
    return f"{int(m[2])}/{m[1]}" if m else (str(value) if value else EMPTY)
