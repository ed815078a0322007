"""The todo list of one person: every provider's items for the units they act for, by urgency."""

from datetime import datetime

from django.utils import timezone

from doanso.accounts.scoping import acting_units
from doanso.todo import registry
from doanso.todo.wording import Item, deadline_words, order


def todo_for(user, now: datetime | None = None) -> list[Item]:
    """What the user has to do now, most urgent first; empty for someone who acts for no unit."""
    now = now or timezone.now()
    units = list(acting_units(user))
    if not units:
        return []
    return order(registry.collect(user, units, now), now)


def as_dicts(items: list[Item], now: datetime | None = None) -> list[dict]:
    now = now or timezone.now()
    return [
        {
            "kind": i.kind,
            "title": i.title,
            "due": i.due,
            "due_words": deadline_words(i.due, now),
            "overdue": i.due is not None and i.due < now,
            "url": i.url,
            "unit": i.unit,
            "count": i.count,
            "detail": i.detail,
        }
        for i in items
    ]
