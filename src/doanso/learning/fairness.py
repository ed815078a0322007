"""Pure contest rules, no database: the draw, the shuffled options, the HMAC over a drawn set, grading
and the anomaly thresholds. The ranking rule is (correct desc, time asc, |prediction − N| asc) where
N, the number of entrants with every answer right, is known only when the round closes.
"""

import hashlib
import hmac
import json
import random
from collections.abc import Sequence

MIN_SECONDS_PER_QUESTION = 1.0  # faster than this is not a person reading the question


def draw(question_ids: Sequence[int], n: int, rng: random.Random) -> list[int]:
    """n distinct question ids at random (all of them, shuffled, when the pool is smaller)."""
    pool = list(question_ids)
    return rng.sample(pool, min(n, len(pool)))


def permutation(n_options: int, rng: random.Random) -> list[int]:
    """Shown position -> original option index."""
    order = list(range(n_options))
    rng.shuffle(order)
    return order


def payload(
    attempt_id: int | None,
    round_id: int,
    entrant_id: int,
    questions: list[int],
    perms: list[list[int]],
    deadline_iso: str,
) -> bytes:
    """The bytes the attempt's signature covers: who, which round, which questions in which order."""
    return json.dumps(
        [attempt_id, round_id, entrant_id, questions, perms, deadline_iso], separators=(",", ":")
    ).encode()


def sign(key: bytes, data: bytes) -> str:
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def verify(key: bytes, data: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(key, data), signature)


def grade(
    questions: list[int], perms: list[list[int]], answers: list[int], chosen: dict[int, int]
) -> tuple[int, list]:
    """Count right answers. `chosen` maps question id -> shown position; `answers` are the original
    right indexes in drawn order. Returns (correct, original index chosen per question or None)."""
    picked: list[int | None] = []
    correct = 0
    for qid, perm, right in zip(questions, perms, answers, strict=True):
        shown = chosen.get(qid)
        original = perm[shown] if shown is not None and 0 <= shown < len(perm) else None
        picked.append(original)
        correct += original == right
    return correct, picked


def too_fast(seconds: float, n_questions: int) -> bool:
    return n_questions > 0 and seconds < MIN_SECONDS_PER_QUESTION * n_questions


def rank_key(correct: int, millis: int, prediction: int | None, all_correct: int | None) -> tuple:
    """The Vietnamese rule as a sort key (smaller ranks first)."""
    gap = abs(prediction - all_correct) if prediction is not None and all_correct is not None else None
    return (-correct, millis, gap if gap is not None else 2**31)
