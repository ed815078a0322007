"""How sure the reader is of each item it found, from 0 to 1 (issue 13: review still wins).

The review screen shows the least certain items first and lets a secretary accept every item
at or above `HIGH` in one action. The scores are simple and explainable on purpose: they start
from what kind of document the item came from and move with the cues the reader saw.
"""

from __future__ import annotations

from .targets import PLAN_KINDS, TargetContext

__all__ = ["HIGH", "target_confidence", "deadline_confidence", "recurring_confidence"]

#: at or above this an item is "high confidence" (accepted in bulk on the review screen)
HIGH = 0.8


def _clamp(value: float) -> float:
    return round(max(0.05, min(0.99, value)), 2)


def target_confidence(hit: dict, ctx: TargetContext, kind: str) -> float:
    """A target in a plan's target section is near certain; one read from news text is not."""
    score = 0.85 if kind in PLAN_KINDS else 0.6
    if ctx.target_block:
        score += 0.1
    if hit.get("percent") or hit.get("unit"):
        score += 0.05
    if len(hit.get("subject") or "") < 8:
        score -= 0.2  # no clear subject: the reviewer must say what is counted
    if hit.get("direction") == "range":
        score -= 0.05
    return _clamp(score)


def deadline_confidence(item: dict, kind: str) -> float:
    """An explicit date after "trước"/"chậm nhất" in a plan or notice is near certain."""
    score = 0.55 if kind in ("other", "quyet_dinh", "nghi_quyet") else 0.75
    if item.get("strength") in ("before", "during"):
        score += 0.15
    if item.get("strength") == "conditional":
        score -= 0.1
    if item.get("year_inferred"):
        score -= 0.15
    if len(item.get("what") or "") < 8:
        score -= 0.2
    return _clamp(score)


def recurring_confidence(rule, kind: str) -> float:
    """Weekday and day-of-month rules are precise; a bare "hằng năm" may describe a habit."""
    score = 0.6 if kind in ("other", "quyet_dinh", "nghi_quyet") else 0.8
    if rule.byday or rule.bymonthday or rule.bymonth:
        score += 0.1
    if rule.per_period:
        score -= 0.1
    return _clamp(score)
