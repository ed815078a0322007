"""What other apps (the web and API edges) use of the todo app."""

from datetime import datetime

from django.utils import timezone

from doanso.todo.registry import register
from doanso.todo.services import as_dicts, todo_for
from doanso.todo.wording import Item, deadline_words


def todo_list(user, now: datetime | None = None) -> list[dict]:
    now = now or timezone.now()
    return as_dicts(todo_for(user, now), now)


__all__ = ["Item", "deadline_words", "register", "todo_list"]
