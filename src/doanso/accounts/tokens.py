"""API tokens: issue, check, rotate and revoke (issue 12, finding 6).

A token dies at its lifetime (DOANSO_TOKEN_TTL_DAYS), after DOANSO_TOKEN_IDLE_DAYS without use,
when revoked (by its holder, an admin of the holder's unit, the console) and when the holder's
password changes. `last_used_at` is written at most every DOANSO_TOKEN_TOUCH_MINUTES so reads do
not write on every call.
"""

import functools
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from doanso.accounts.models import ApiToken, Role, User, UserSession
from doanso.accounts.scoping import MANAGING, keep_scope
from doanso.core import audit, bulk, prepared


def _ttl() -> timedelta:
    return timedelta(days=settings.DOANSO_TOKEN_TTL_DAYS)


def _idle() -> timedelta:
    return timedelta(days=settings.DOANSO_TOKEN_IDLE_DAYS)


def _touch_every() -> timedelta:
    return timedelta(minutes=settings.DOANSO_TOKEN_TOUCH_MINUTES)


def issue(user: User, *, now: datetime | None = None) -> str:
    """Create a token for `user` and return its key (only the hash is kept)."""
    now = now or timezone.now()
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        key_hash=ApiToken.hash(key),
        prefix=key[:8],
        expires_at=now + _ttl(),
        password_hash=user.get_session_auth_hash(),
    )
    return key


def dead_reason(row: ApiToken, now: datetime) -> str | None:
    """Why a token no longer works, or None while it does."""
    if row.revoked_at is not None:
        return "revoked"
    expires = row.expires_at or (row.created_at + _ttl())
    if now >= expires:
        return "expired"
    idle_since = row.last_used_at or row.created_at
    if now - idle_since >= _idle():
        return "idle"
    if not row.password_hash or not constant_time_compare(
        row.password_hash, row.user.get_session_auth_hash()
    ):
        return "password"
    if not row.user.is_active:
        return "inactive"
    return None


@functools.cache
def _read_sql(vendor: str) -> str:
    """The token, its user and the user's managing roles. On PostgreSQL the same statement also
    stamps `last_used_at` when it is older than DOANSO_TOKEN_TOUCH_MINUTES and the token is alive
    by `dead_reason`'s clock rules and its user active (the password rule needs the secret key, so
    a token dead by it alone may be stamped: it stays dead). SQLite (no UPDATE in WITH) stamps
    with a statement of its own."""
    q = connection.ops.quote_name
    token_t, user_t, role_t = (q(m._meta.db_table) for m in (ApiToken, User, Role))
    unit_t = q(Role._meta.get_field("unit").related_model._meta.db_table)
    read = (
        f"SELECT {bulk.columns(ApiToken, 't')}, {bulk.columns(User, 'u')}, r.role, un.path "
        f"FROM {token_t} t JOIN {user_t} u ON u.id = t.user_id "
        f"LEFT JOIN {role_t} r ON r.user_id = u.id AND r.role IN ({', '.join(['%s'] * len(MANAGING))}) "
        f"LEFT JOIN {unit_t} un ON un.id = r.unit_id WHERE t.key_hash = %s"
    )
    if vendor != "postgresql":
        return read
    # parameters after the read's: now, ttl, now, idle, now, touch, now
    return (
        f"WITH touched AS (UPDATE {token_t} k SET last_used_at = %s FROM {user_t} u "
        "WHERE k.key_hash = %s AND u.id = k.user_id AND u.is_active AND k.revoked_at IS NULL "
        "AND %s < coalesce(k.expires_at, k.created_at + %s) "
        "AND %s - coalesce(k.last_used_at, k.created_at) < %s "
        "AND (k.last_used_at IS NULL OR %s - k.last_used_at > %s) RETURNING 1) "
        f"{read.replace('SELECT ', 'SELECT EXISTS (SELECT 1 FROM touched), ', 1)}"
    )


def _read(key_hash: str, now: datetime) -> tuple[ApiToken | None, bool]:
    """The token with its user, and the user's scope from their managing roles, in one hand-written
    statement, prepared (core.prepared): every API call reads this first, and the ORM took as long
    to build the token's and the roles' queries as PostgreSQL took to run them (docs/benchmarks.md,
    check-in peak). Also whether that statement stamped the token's use (PostgreSQL)."""
    n_token, n_user = len(ApiToken._meta.concrete_fields), len(User._meta.concrete_fields)
    params = [*(str(m) for m in MANAGING), key_hash]
    pg = connection.vendor == "postgresql"
    if pg:
        params = [now, key_hash, now, _ttl(), now, _idle(), now, _touch_every(), *params]
    with prepared.cursor() as cur:
        cur.execute(_read_sql(connection.vendor), params)
        rows = cur.fetchall()
    if not rows:
        return None, False
    touched, rows = (rows[0][0], [r[1:] for r in rows]) if pg else (False, rows)
    row = bulk.from_row(ApiToken, rows[0][:n_token])
    row.user = bulk.from_row(User, rows[0][n_token : n_token + n_user])
    keep_scope(row.user, [(path, role) for *_, role, path in rows if role is not None])
    return row, touched


def authenticate(key: str, *, now: datetime) -> ApiToken | None:
    """The live token row for `key` (its user, and the user's scope, read with it), or None."""
    row, touched = _read(ApiToken.hash(key), now)
    if row is None or dead_reason(row, now) is not None:
        return None
    if touched:
        row.last_used_at = now
    elif row.last_used_at is None or now - row.last_used_at > _touch_every():
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
    return row


def live(user: User, *, now: datetime | None = None) -> list[ApiToken]:
    """The tokens of `user` that still work, newest first."""
    now = now or timezone.now()
    rows = ApiToken.objects.filter(user=user, revoked_at__isnull=True).select_related("user")
    return [r for r in rows.order_by("-created_at", "-id") if dead_reason(r, now) is None]


@transaction.atomic
def revoke(actor, row: ApiToken, reason: str = "revoked") -> None:
    """End one token (idempotent)."""
    updated = ApiToken.objects.filter(pk=row.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason[:64]
    )
    if updated:
        audit.record(actor, "token.revoke", row, username=row.user.username, prefix=row.prefix, reason=reason)


@transaction.atomic
def revoke_all(actor, user: User, reason: str, *, keep: ApiToken | None = None) -> int:
    """End every token of `user` (but `keep`); returns how many were live."""
    qs = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if keep is not None:
        qs = qs.exclude(pk=keep.pk)
    n = qs.update(revoked_at=timezone.now(), revoked_reason=reason[:64])
    if n:
        audit.record(actor, "token.revoke_all", user, username=user.username, count=n, reason=reason)
    return n


@transaction.atomic
def rotate(row: ApiToken) -> str:
    """Replace a live token by a new one with a fresh lifetime; the old one stops at once."""
    revoke(row.user, row, "rotated")
    return issue(row.user)


def remember_session(request, user: User) -> None:
    """Called on user_logged_in: note the session key for `user` (web logins only)."""
    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        session.save()
    UserSession.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "user": user,
            "ip_address": getattr(request, "axes_ip_address", None)
            or request.META.get("REMOTE_ADDR")
            or None,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:255],
        },
    )


def user_sessions(user: User) -> list[UserSession]:
    """The user's live web sessions, newest first."""
    live_keys = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return list(
        UserSession.objects.filter(user=user, session_key__in=live_keys).order_by("-created_at", "-id")
    )


@transaction.atomic
def end_sessions(actor, user: User, *, keep_session_key: str | None = None, pk: int | None = None) -> int:
    """Log the user out everywhere (but `keep_session_key`), or of the one session `pk`."""
    rows = UserSession.objects.filter(user=user)
    if pk is not None:
        rows = rows.filter(pk=pk)
    if keep_session_key:
        rows = rows.exclude(session_key=keep_session_key)
    keys = list(rows.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    rows.delete()
    if keys:
        audit.record(actor, "session.end", user, username=user.username, count=len(keys))
    return len(keys)


def prune_sessions() -> int:
    """Delete the UserSession rows whose web session has expired or is gone (issue 12).

    `clearsessions` deletes expired Session rows but knows nothing of ours, so without this they
    would pile up forever, each with an IP address and a browser (personal data). Returns the count.
    """
    live_keys = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    deleted, _ = UserSession.objects.exclude(session_key__in=live_keys).delete()
    return deleted


@transaction.atomic
def password_changed(actor, user: User, *, keep_session_key: str | None = None) -> None:
    """After a password change: every token and every other session of the user ends.

    Tokens also die by themselves (their password_hash no longer matches) and Django drops the
    sessions on their next request; this makes it explicit, visible and audited.
    """
    revoke_all(actor, user, "password_changed")
    end_sessions(actor, user, keep_session_key=keep_session_key)
