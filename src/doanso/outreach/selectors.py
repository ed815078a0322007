"""Reads of the good-news calendar: compliance of a unit and its children, a unit's posts."""

from datetime import date, datetime, time, timedelta

from django.conf import settings

from doanso.core.calendar.periods import TZ, Period
from doanso.org.api import Unit, ancestor_ids
from doanso.outreach import counting
from doanso.outreach.compliance import DEFAULT_RULE, TIN_TOT, Rule, check, share_ok
from doanso.outreach.models import Channel, ComplianceRule


def rules_for(units: list[Unit]) -> dict[int, Rule]:
    """Each unit's effective rule (own, else nearest ancestor's, else the default), in one query."""
    paths = {u.pk: ancestor_ids(u.path) for u in units}
    ids = {i for chain in paths.values() for i in chain}
    rows = {
        r.unit_id: Rule(r.good_news_per_day, r.stories_per_week, r.posts_per_week)
        for r in ComplianceRule.objects.filter(unit_id__in=ids)
    }
    out = {}
    for uid, chain in paths.items():
        out[uid] = next((rows[i] for i in reversed(chain) if i in rows), DEFAULT_RULE)
    return out


def band(share: float | None) -> str:
    """The dashboard's colour bands (DOANSO_BAND_*) on the share of days that met the rule."""
    if share is None:
        return "chua_bat_dau"
    if share >= settings.DOANSO_BAND_DAT:
        return "dat"
    return "gan_dat" if share >= settings.DOANSO_BAND_GAN_DAT else "chua_dat"


def compliance(unit: Unit, period: Period, today: date) -> list[dict]:
    """The unit itself, then its active children (by name): the rule checked on each subtree."""
    units = [unit, *Unit.objects.filter(parent=unit, active=True).order_by("name", "pk")]
    counts = counting.daily([u.pk for u in units], period.start, period.end)
    rules = rules_for(units)
    items = []
    for u in units:
        result = check(rules[u.pk], period, counts[u.pk], today)
        items.append(
            {
                "unit": u.code,
                "name": u.name,
                **result,
                "band": band(share_ok(result)),
            }
        )
    return items


def due_today(units: list[Unit], now: datetime) -> list[tuple[Unit, int, int]]:
    """(unit, tin tốt logged today, tin tốt asked per day) for the units with a channel (those in the
    campaign) still short today."""
    with_channels = set(Channel.objects.filter(unit__in=units, active=True).values_list("unit_id", flat=True))
    units = [u for u in units if u.pk in with_channels]
    if not units:
        return []
    today = now.astimezone(TZ).date()
    counts = counting.daily([u.pk for u in units], today, today)
    rules = rules_for(units)
    out = []
    for u in units:
        have = counts[u.pk].get(today, {}).get(TIN_TOT, 0)
        need = rules[u.pk].good_news_per_day
        if have < need:
            out.append((u, have, need))
    return out


def end_of_day(now: datetime) -> datetime:
    return datetime.combine(now.astimezone(TZ).date() + timedelta(days=1), time.min, TZ)
