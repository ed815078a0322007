"""The providers of the todo list: each app that gives people work registers one function.

A provider is `provider(user, units, now) -> list[Item]`: `units` are the units the user acts for
(the roots of their scope), already loaded — EMPTY for a member who acts for no unit, who is asked
too so that member-facing items (courses, rounds, surveys) reach them: a unit-based provider answers
`[]` for empty `units`. It must read in a bounded number of queries whatever
the number of units, and only inside the user's scope. Later apps (activities…) add theirs with
`register` from their own AppConfig.ready()."""

from collections.abc import Callable
from datetime import datetime

from doanso.todo.wording import Item

Provider = Callable[..., list[Item]]
_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> Provider:
    """Add (or replace, by name) a provider."""
    _providers[name] = provider
    return provider


def providers() -> dict[str, Provider]:
    return dict(_providers)


def unregister(name: str) -> None:
    _providers.pop(name, None)


def collect(user, units: list, now: datetime) -> list[Item]:
    out: list[Item] = []
    for provider in _providers.values():
        out.extend(provider(user, units, now))
    return out
