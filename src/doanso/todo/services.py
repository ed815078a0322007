"""The todo list of one person: every provider's items for the units they act for, by urgency."""

from datetime import datetime

from django.utils import timezone

from doanso.accounts.scoping import acting_units, scope_for
from doanso.todo import registry
from doanso.todo.wording import Item, deadline_words, order


def todo_for(user, now: datetime | None = None) -> list[Item]:
    """What the user has to do now, most urgent first. A member who acts for no unit still gets the
    member-facing items (courses, rounds, surveys…): every provider is asked, with `units` empty, and
    the unit-based ones answer nothing for empty `units`. Empty for an account that is neither."""
    now = now or timezone.now()
    units = list(acting_units(user))
    if not units and not scope_for(user).member_id:
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
