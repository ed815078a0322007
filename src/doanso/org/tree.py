"""Materialised-path arithmetic (no database): ids encoded as fixed-width base-36 segments.

A unit's path is its ancestors' segments then its own, each followed by ".", so a
subtree is the half-open range [path, path with the final "." replaced by "/") — a
range that both SQLite and PostgreSQL can seek on an ordinary index, which LIKE cannot
do on SQLite.
"""

SEGMENT = 6  # 36**6 ≈ 2.2 billion ids
SEP = "."
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def segment(pk: int) -> str:
    if pk < 0:
        raise ValueError("id must be positive")
    out = []
    while pk:
        pk, r = divmod(pk, 36)
        out.append(_DIGITS[r])
    return "".join(reversed(out)).rjust(SEGMENT, "0")


def child_path(parent_path: str, pk: int) -> str:
    return f"{parent_path}{segment(pk)}{SEP}"


def subtree_range(path: str) -> tuple[str, str]:
    """[lo, hi) covering the unit and all its descendants."""
    return path, path[:-1] + chr(ord(SEP) + 1)


def ancestor_ids(path: str) -> list[int]:
    """Ids of every unit on the path, root first, the unit itself last."""
    return [int(seg, 36) for seg in path.split(SEP) if seg]


def depth(path: str) -> int:
    return path.count(SEP) - 1


def is_within(path: str, ancestor_path: str) -> bool:
    return path.startswith(ancestor_path)
