"""Writes of the agenda app: issuing, rotating and revoking a subscriber's secret feed URL."""

from django.db import transaction
from django.utils import timezone

from doanso.accounts.models import User
from doanso.agenda import tokens
from doanso.agenda.models import Feed, FeedKind
from doanso.core import audit


@transaction.atomic
def rotate(user, kind: str, unit=None) -> tuple[Feed, str]:
    """A new secret URL for the user's calendar (the old one, if any, stops at once).

    Returns the feed and its token: the token is shown once and never stored."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # one live feed per calendar
    now = timezone.now()
    old = Feed.objects.filter(user=user, kind=kind, unit=unit, revoked_at__isnull=True)
    revoked = old.update(revoked_at=now)
    token = tokens.new()
    feed = Feed.objects.create(user=user, kind=kind, unit=unit, token_hash=tokens.digest(token))
    audit.record(user, "agenda.feed.rotate" if revoked else "agenda.feed.create", feed, unit=unit, kind=kind)
    return feed, token


@transaction.atomic
def revoke(user, kind: str, unit=None) -> int:
    """Stop the user's calendar URL; returns how many were live (0 or 1)."""
    n = Feed.objects.filter(user=user, kind=kind, unit=unit, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if n:
        audit.record(user, "agenda.feed.revoke", None, unit=unit, object_type="Feed", kind=kind)
    return n


def live(user, kind: str, unit=None) -> Feed | None:
    return Feed.objects.filter(user=user, kind=kind, unit=unit, revoked_at__isnull=True).first()


def find(token: str) -> Feed | None:
    """The live feed of a presented token, or None (unknown, forged, revoked, or its user inactive)."""
    if not token or len(token) > 100:
        return None
    feed = (
        Feed.objects.filter(token_hash=tokens.digest(token), revoked_at__isnull=True)
        .select_related("user", "unit")
        .first()
    )
    if feed is None or not tokens.matches(token, feed.token_hash) or not feed.user.is_active:
        return None
    return feed


def touch(feed: Feed) -> None:
    """Record the last fetch, at most once an hour (calendar apps poll often)."""
    now = timezone.now()
    if feed.last_used_at is None or (now - feed.last_used_at).total_seconds() > 3600:
        Feed.objects.filter(pk=feed.pk).update(last_used_at=now)


__all__ = ["FeedKind", "find", "live", "revoke", "rotate", "touch"]
