"""A fixed-window limit per account (or per address for guests) on contest writes: a script hammering
attempt starts gets 429, a person never does. The counters are rows of `RateCount`, every window of a
request bumped by one upsert (one statement, whatever the number of scopes); `purge` drops the
windows that have passed (the scheduler's minute job)."""

import time

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext

from doanso.core.errors import UserError
from doanso.learning.models import RateCount


class TooMany(UserError):
    status = 429


def _window() -> int:
    return int(time.time() // 60)


def hit(scope: str, who: str) -> None:
    """Count one request of `who` for `scope`; raise TooMany past the per-minute limit."""
    hit_many([(scope, who)])


def hit_many(pairs: list[tuple[str, str]]) -> None:
    """Count one request for each (scope, who) in one statement; TooMany if any is past the limit."""
    window = _window()
    keys = list(dict.fromkeys(f"{scope}:{who}:{window}"[:200] for scope, who in pairs))
    qn = connection.ops.quote_name
    table = qn(RateCount._meta.db_table)
    values = ", ".join(["(%s, %s, 1)"] * len(keys))
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {table} ({qn('key')}, {qn('window')}, n) VALUES {values} "  # noqa: S608 - ours
            f"ON CONFLICT ({qn('key')}) DO UPDATE SET n = {table}.n + 1 RETURNING n",
            [x for k in keys for x in (k, window)],
        )
        top = max(n for (n,) in cur.fetchall())
    if top > settings.DOANSO_CONTEST_RATE_PER_MINUTE:
        raise TooMany(gettext("Quá nhiều yêu cầu; vui lòng thử lại sau một phút."), field="rate")


def purge() -> int:
    """Drop the windows before the previous minute's (they can no longer refuse anything)."""
    deleted, _ = RateCount.objects.filter(window__lt=_window() - 1).delete()
    return deleted
