"""Reads that may be a little stale go to a PostgreSQL replica; everything else stays on the primary.

Why: past one machine the primary's CPU goes to writes (report submissions, imports) while most
requests only read dashboards and lists. Those reads may lag the primary by a fraction of a second,
so they are opted in explicitly, never guessed:

- `stale_reads_ok()` (a context manager and decorator) for eager code such as the dashboard
  services: every ORM read inside it may use the replica;
- `stale_ok(queryset)` for the lazy querysets list selectors return: the queryset carries a hint,
  so wherever it is evaluated later (a view, a template, a paginator) it reads from the replica.
  The hint does not force a database, so the queryset stays usable as a subquery of a query
  on the primary.

Read-your-writes: a request with an unsafe method (POST, PATCH…) or that wrote anything through
the ORM (`db_for_write` was asked) reads from the primary for the rest of the request, and
`ReplicaPinMiddleware` sets a short-lived cookie so that the next requests of the same browser (the
redirect after a POST) do too.

Without `DATABASE_REPLICA_URL` there is no `replica` alias and every read goes to `default`.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.db.models import Manager, QuerySet
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PRIMARY = "default"
HINT = "stale_reads_ok"
PIN_COOKIE = "doanso_primary"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

# Per request (reset by the middleware) or per thread/task outside requests.
_stale_ok: contextvars.ContextVar[bool] = contextvars.ContextVar("doanso_stale_ok", default=False)
_pinned: contextvars.ContextVar[bool] = contextvars.ContextVar("doanso_pinned", default=False)


def replica_alias() -> str | None:
    """The replica's alias when one is configured, else None."""
    return REPLICA if REPLICA in settings.DATABASES else None


def pinned() -> bool:
    """True once this request (or its browser, recently) wrote: reads must see the primary."""
    return _pinned.get()


def pin() -> None:
    """Send this request's remaining reads to the primary (called on every ORM write)."""
    _pinned.set(True)


@contextlib.contextmanager
def stale_reads_ok() -> Iterator[None]:
    """Reads inside may come from a replica (dashboards, lists); writes still go to the primary."""
    token = _stale_ok.set(True)
    try:
        yield
    finally:
        _stale_ok.reset(token)


def stale_ok(qs: QuerySet | Manager) -> QuerySet:
    """Mark a lazy queryset as allowed to read from a replica wherever it is evaluated."""
    qs = qs.all()
    qs._hints = {**qs._hints, HINT: True}
    return qs


def read_alias(hints: dict[str, Any] | None = None) -> str:
    """Where a read with these hints goes now (what the router decides; handy in tests and logs)."""
    alias = DoansoRouter().db_for_read(None, **(hints or {}))
    return alias or PRIMARY


class DoansoRouter:
    """Stale-tolerant reads to the replica, writes and migrations to the primary only."""

    def db_for_read(self, model, **hints: Any) -> str | None:
        replica = replica_alias()
        if replica is None or _pinned.get():
            return None
        if _stale_ok.get() or hints.get(HINT):
            return replica
        # None: Django keeps a related read on the database its instance came from.
        return None

    def db_for_write(self, model, **hints: Any) -> str:
        # Also an instance read from the replica is saved to the primary.
        pin()
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints: Any) -> bool | None:
        dbs = {PRIMARY, REPLICA}
        if obj1._state.db in dbs and obj2._state.db in dbs:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        # The replica receives the schema through streaming replication.
        return db != REPLICA


class ReplicaPinMiddleware:
    """Resets the per-request state and keeps a browser that just wrote on the primary a few seconds.

    Without it a POST that saves a report redirects to a page read from a replica that has not
    replayed the write yet, and the person sees their report missing.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        stale_token = _stale_ok.set(False)
        # A request that may write (POST…) reads the primary throughout: what it validates against
        # (the member chosen in a form) must be what it writes against.
        pin_token = _pinned.set(PIN_COOKIE in request.COOKIES or request.method not in SAFE_METHODS)
        try:
            response = self.get_response(request)
            if _pinned.get() and replica_alias() is not None:
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=settings.DOANSO_REPLICA_PIN_SECONDS,
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
            return response
        finally:
            _pinned.reset(pin_token)
            _stale_ok.reset(stale_token)
