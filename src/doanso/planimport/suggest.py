"""Fuzzy indicator suggestions for extracted targets (rapidfuzz over the indicator catalogue).

A target read from a plan ("85.000 lượt đoàn viên, thanh niên tham gia hoạt động tình
nguyện") is compared with every indicator's name, diacritics folded. The text score is
nudged by what the numbers say: a percentage fits a ratio indicator, an absolute number
a sum; the same unit of measure ("lượt", "cây", "đồng") fits better.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from doanso.core.text import fold

__all__ = ["Candidate", "Suggestion", "suggest", "catalogue"]


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    unit_of_measure: str
    is_ratio: bool
    computed: bool = False


@dataclass(frozen=True)
class Suggestion:
    code: str
    name: str
    score: int  # 0–100


def catalogue() -> list[Candidate]:
    """The plans module's indicator catalogue (one small query)."""
    from doanso.plans.models import Aggregation, Indicator

    return [
        Candidate(code, name, uom or "", agg == Aggregation.RATIO, source == "computed")
        for code, name, uom, agg, source in Indicator.objects.order_by("code").values_list(
            "code", "name", "unit_of_measure", "aggregation", "source"
        )
    ]


def _query(target: dict) -> str:
    parts = [target.get("subject") or "", target.get("unit") or ""]
    if not parts[0]:
        parts.append(target.get("text") or "")
    return fold(" ".join(p for p in parts if p))


def suggest(target: dict, candidates: list[Candidate], limit: int = 3, cutoff: int = 40) -> list[Suggestion]:
    """Best indicators for one target, best first (at most `limit`, none below `cutoff`)."""
    query = _query(target)
    if not query or not candidates:
        return []
    names = [fold(c.name) for c in candidates]
    context = fold(target.get("text") or "")
    # token_set_ratio copes with the plan's longer wording around the indicator's words;
    # partial_ratio rewards a name that appears nearly whole inside the subject; the
    # whole sentence breaks ties between names that share the subject's few words.
    proc = utils.default_process
    by_subject = {
        i: sc
        for _n, sc, i in process.extract(
            query, names, scorer=fuzz.token_set_ratio, processor=proc, limit=None
        )
    }
    by_sentence = {
        i: sc
        for _n, sc, i in process.extract(
            context or query, names, scorer=fuzz.token_set_ratio, processor=proc, limit=None
        )
    }
    percent = bool(target.get("percent"))
    unit = fold(target.get("unit") or "")
    out = []
    for i, c in enumerate(candidates):
        s = (
            0.55 * by_subject[i]
            + 0.2 * fuzz.partial_ratio(names[i], query, processor=proc)
            + 0.1 * fuzz.ratio(names[i], query, processor=proc)
            + 0.15 * by_sentence[i]
        )
        if percent == c.is_ratio:
            s += 8
        else:
            s -= 15
        if unit and fold(c.unit_of_measure) == unit:
            s += 8
        out.append((s, c))
    out.sort(key=lambda x: (-x[0], x[1].code))
    return [Suggestion(c.code, c.name, max(0, min(100, round(s)))) for s, c in out[:limit] if s >= cutoff]
