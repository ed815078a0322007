"""Pure wording and ordering of the todo list: no database, no Django models.

A deadline is said the way a Union office says it ("còn 2 ngày", "hạn hôm nay", "quá hạn 3 ngày");
the list is ordered by urgency: overdue first (oldest first), then by deadline, then items without
a deadline by their weight."""

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class Item:
    """One thing to do: what (`kind`), in words (`title`), by when (`due`), where to do it (`url`)."""

    kind: str
    title: str
    url: str
    due: datetime | None = None
    unit: str = ""  # the unit's code
    count: int = 1
    weight: int = 50  # for items without a deadline: lower comes first
    detail: str = ""
    extra: dict = field(default_factory=dict)


def _day(value: datetime | date) -> date:
    if isinstance(value, datetime):
        return value.astimezone(TZ).date() if value.tzinfo else value.date()
    return value


def deadline_words(due: datetime | date | None, now: datetime) -> str:
    """The deadline in words, counted in calendar days in Vietnam's time zone."""
    if due is None:
        return ""
    days = (_day(due) - _day(now)).days
    if isinstance(due, datetime) and days == 0 and due < now:
        return _("quá hạn hôm nay")
    if days == 0:
        return _("hạn hôm nay")
    if days == 1:
        return _("hạn ngày mai")
    if days > 1:
        return ngettext("còn %(n)d ngày", "còn %(n)d ngày", days) % {"n": days}
    return ngettext("quá hạn %(n)d ngày", "quá hạn %(n)d ngày", -days) % {"n": -days}


def is_overdue(item: Item, now: datetime) -> bool:
    return item.due is not None and item.due < now


def order(items: list[Item], now: datetime) -> list[Item]:
    """Overdue first (the oldest deadline first), then upcoming by deadline, then the rest by weight."""

    def key(i: Item):
        if i.due is not None:
            return (0 if i.due < now else 1, i.due.timestamp(), i.weight, i.title)
        return (2, 0.0, i.weight, i.title)

    return sorted(items, key=key)
