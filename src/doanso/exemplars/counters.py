"""Subtree counters of this app (org.counters, dimension "exemplars"): written inside the transaction
that changes the counted row, read by `indicators` in a handful of rows whatever the subtree's size.

Keys: `assessed:YYYY` (members who submitted their self-assessment of the year), `confirmed:YYYY`
(assessments the branch confirmed), `honours:YYYY-MM` (honours by the month of the deciding document,
counted at the honoured person's or group's unit).
"""

from datetime import date

from doanso.org import counters

DIM = "exemplars"


def assessed_key(year: int) -> str:
    return f"assessed:{year}"


def confirmed_key(year: int) -> str:
    return f"confirmed:{year}"


def honours_key(on: date) -> str:
    return f"honours:{on.year:04d}-{on.month:02d}"


def add(path: str, key: str, delta: int = 1) -> None:
    counters.add([(path, DIM, key, delta)])


def read(unit, keys: list[str]) -> dict[str, int]:
    """The counts of `keys` over the unit's subtree (one indexed query, at most len(keys) rows)."""
    return counters.read(unit, DIM, keys)
