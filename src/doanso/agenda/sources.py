"""The registry of calendar sources: each app that has dated things adds one.

    from doanso.agenda import sources
    sources.register("activities", source)

A source is `source(subject, start, end) -> list[Event]`:

- `subject` is a `Subject`: `kind` "unit" (a unit's calendar: `unit` is set; `user` is the
  subscriber, who acts for it) or "member" (a person's calendar: `user` and `member_id` are set,
  `unit` is their branch or None). A source returns only what that subject may see — for a unit,
  its own things (and what it owes), never another unit's; for a member, what concerns them.
- `start`, `end` are aware datetimes; only events overlapping [start, end) count.
- It reads in a bounded number of queries and returns at most `LIMIT` events.

An `Event` is plain data: `uid` (stable across requests and rotations, globally unique: e.g.
"report-12-345-2026Q1@doanso"), `summary` (Vietnamese), `start` and `end` (aware datetimes, or
`datetime.date` for all-day events: `end` is then the day after), `description`, `url`,
`location`. `agenda` itself registers "reports" (report deadlines) in its AppConfig.ready()."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

LIMIT = 1000


@dataclass(frozen=True)
class Subject:
    kind: str  # "unit" or "member"
    user: object
    unit: object | None = None
    member_id: int | None = None


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    description: str = ""
    url: str = ""
    location: str = ""


Source = Callable[[Subject, dt.datetime, dt.datetime], list[Event]]
_sources: dict[str, Source] = {}


def register(name: str, source: Source) -> Source:
    """Add (or replace, by name) a source."""
    _sources[name] = source
    return source


def unregister(name: str) -> None:
    _sources.pop(name, None)


def names() -> list[str]:
    return list(_sources)


def events(subject: Subject, start: dt.datetime, end: dt.datetime) -> list[Event]:
    """Every source's events for the subject, by start (all-day events at their day's start)."""
    out: list[Event] = []
    for source in _sources.values():
        out.extend(source(subject, start, end)[:LIMIT])

    def key(e: Event):
        s = e.start if isinstance(e.start, dt.datetime) else dt.datetime.combine(e.start, dt.time(), dt.UTC)
        return (s.astimezone(dt.UTC), e.uid)

    return sorted(out, key=key)
