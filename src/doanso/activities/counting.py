"""The subtree counters this app keeps (plain functions; callers hold the transaction).

Every change is written at the organising unit (chủ trì) and rolled up to its ancestors by
`org.counters`, per month and per day, so reading a province's year is twelve dimensions of a
few keys whatever the number of participation rows:

- ``act_m_YYYY-MM`` / ``act_d_YYYY-MM-DD`` dimensions, keys ``l|<type>`` (lượt), ``h|<type>``
  (volunteer hours in tenths), ``o|<indicator>`` (verified outputs), ``x|<indicator>`` (figures
  added from outside the system);
- ``act_p`` keyed by period id (``2026``, ``2026Q4``, ``2026-11``): distinct participants, fed by
  `Seen` rows inserted once per (unit, period, person).
"""

from collections import Counter
from datetime import date

from django.db import connection

from doanso.activities.models import Seen
from doanso.core.calendar.periods import DAY, MONTH, QUARTER, YEAR, Period, month_starts
from doanso.org import counters
from doanso.org.tree import ancestor_ids

PERSONS = "act_p"
MET = "s|met"  # branch meetings held: +1 per branch and month (CD_SINH_HOAT)


def month_dim(d: date) -> str:
    return f"act_m_{d:%Y-%m}"


def day_dim(d: date) -> str:
    return f"act_d_{d:%Y-%m-%d}"


def add(path: str, on: date, key: str, n: int) -> None:
    """Add n to one key on the month and the day of `on`, at the unit and its ancestors."""
    if n:
        counters.add([(path, month_dim(on), key, n), (path, day_dim(on), key, n)])


def participation(
    path: str, on: date, type_code: str, tenths: int, who: str, sign: int = 1, seen: Counter | None = None
) -> None:
    """A check-in (+1) at an activity organised at `path`: lượt, hours, and distinct persons
    (`seen`: what `first_seen` returned, when the caller called it earlier in the transaction)."""
    deltas = participation_deltas(path, on, type_code, tenths, sign)
    if sign > 0:
        deltas.update(first_seen(path, on, who) if seen is None else seen)
    counters.apply(deltas)


def participation_deltas(path: str, on: date, type_code: str, tenths: int, sign: int = 1) -> Counter:
    """What one check-in adds at the organising unit and its ancestors: lượt and hours, per month
    and day (distinct persons come from `first_seen`)."""
    items = [
        (path, month_dim(on), f"l|{type_code}", sign),
        (path, day_dim(on), f"l|{type_code}", sign),
    ]
    if tenths:
        items += [
            (path, month_dim(on), f"h|{type_code}", sign * tenths),
            (path, day_dim(on), f"h|{type_code}", sign * tenths),
        ]
    return counters.expand(items)


def seen_pairs(path: str, on: date) -> list[tuple[int, str]]:
    """(unit, period) for every ancestor and every period a person is counted once in."""
    q = (on.month - 1) // 3 + 1
    periods = (f"{on:%Y}", f"{on:%Y}Q{q}", f"{on:%Y-%m}")
    return [(uid, p) for uid in ancestor_ids(path) for p in periods]


def first_seen(path: str, on: date, who: str) -> Counter:
    """+1 on `act_p` for each ancestor and period where this person had not been counted yet
    (one statement for every ancestor and period)."""
    pairs = seen_pairs(path, on)
    table = Seen._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {table} (unit_id, period, who) VALUES "
            + ", ".join(["(%s, %s, %s)"] * len(pairs))
            + " ON CONFLICT (unit_id, period, who) DO NOTHING RETURNING unit_id, period",
            [x for uid, p in pairs for x in (uid, p, who)],
        )
        return Counter((uid, PERSONS, p) for uid, p in cur.fetchall())


def meeting_held(path: str, branch_id: int, on: date) -> None:
    """A branch's meeting of `on`'s month was held: +1 on MET once per branch and month."""
    table = Seen._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {table} (unit_id, period, who) VALUES (%s, %s, %s) "
            "ON CONFLICT (unit_id, period, who) DO NOTHING",
            [branch_id, f"{on:%Y-%m}", "meeting"],
        )
        first = cur.rowcount == 1
    if first:
        add(path, on, MET, 1)


def month_dims(period: Period) -> list[str]:
    return [d for d in _dims(period) if d.startswith("act_m_")]


def _dims(period: Period) -> list[str]:
    """The counter dimensions that together cover the period exactly."""
    if period.grain in (YEAR, QUARTER, MONTH):
        return [month_dim(d) for d in month_starts(period.start, period.end)]
    from datetime import timedelta

    return [day_dim(period.start + timedelta(days=i)) for i in range((period.end - period.start).days + 1)]


def read(unit, period: Period, keys: list[str]) -> dict[str, int]:
    """Sum of each key over the period for the unit's subtree (one query)."""
    return counters.read(unit, _dims(period), keys)


def persons(unit, period: Period) -> int | None:
    """Distinct participants over the period (None for weeks and days, not kept)."""
    if period.grain not in (YEAR, QUARTER, MONTH):
        return None
    return counters.read(unit, PERSONS, [period.id])[period.id]


__all__ = ["DAY", "add", "participation", "persons", "read"]
