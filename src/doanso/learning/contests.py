"""Writes and reads of online contests: contests, rounds, attempts, answers, closing a round and the
leaderboard. Fairness rules are in `fairness` (pure); this module binds them to rows.

When things count: an entrant counts for participation (per unit, subtree and year) when they hand in
their answers, not when they open the round. The prediction tiebreak needs the number of entrants
with every answer right, known only at the end: `close_round` (run by the organiser or by
`doanso learning close-rounds` after the round's end) stores that number and each attempt's gap with
one UPDATE; until then the leaderboard ranks by correct answers and time only (all gaps are 0).
Closing also freezes the ranking (each handed-in attempt's `rank`, one UPDATE with a window
function) and awards the round's prizes (`Contest.prizes`, in order) to the first places with at
least one right answer. The scheduler runs `doanso learning close-rounds` every minute, so a round
closes at its end (plus the answers' grace) without anyone pressing a button; answers that arrive
after the close are refused.
"""

import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from random import SystemRandom

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, Count, F, Func, IntegerField, Max, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext

from doanso.core import audit, bulk, crypto
from doanso.core.errors import ConflictError, UserError
from doanso.learning import credits, fairness, ratelimit
from doanso.learning.models import Attempt, Contest, Entrant, Flag, FlagKind, Prize, Question, Round
from doanso.learning.rows import hand_in_at_once

GRACE = timedelta(seconds=2)  # network latency between the client's last tap and the server
NO_PREDICTION_GAP = 2**31 - 1
MAX_OPTIONS = 8


def _key() -> bytes:
    return crypto.sign(b"learning.attempt").encode()


def check_question(text: str, options: list[str], answer: int, where: str) -> None:
    """Refuse a malformed question, naming it (`where` is "Câu 3" or "Dòng 7")."""
    if not (text or "").strip():
        raise UserError(gettext("%(where)s: chưa nhập câu hỏi.") % {"where": where}, field="text")
    if len(options) < 2 or len(options) > MAX_OPTIONS:
        raise UserError(
            gettext("%(where)s: cần từ 2 đến %(max)s phương án.") % {"where": where, "max": MAX_OPTIONS},
            field="options",
        )
    if any(not (o or "").strip() for o in options):
        raise UserError(gettext("%(where)s: có phương án để trống.") % {"where": where}, field="options")
    if not 0 <= answer < len(options):
        raise UserError(
            gettext("%(where)s: đáp án %(answer)s không nằm trong các phương án.")
            % {"where": where, "answer": answer},
            field="answer",
        )


@transaction.atomic
def create_contest(
    *,
    unit,
    title: str,
    questions_per_round: int,
    questions: list[dict],
    seconds_per_attempt: int = 600,
    allow_public: bool = False,
    actor=None,
) -> Contest:
    """A contest with its inline questions ({"text","options","answer"[, "topic","difficulty"]})."""
    for i, q in enumerate(questions, start=1):
        check_question(q["text"], q["options"], q["answer"], gettext("Câu %(n)s") % {"n": i})
    contest = Contest.objects.create(
        unit=unit,
        title=title.strip(),
        questions_per_round=questions_per_round,
        seconds_per_attempt=seconds_per_attempt,
        allow_public=allow_public,
    )
    add_questions(contest, questions)
    audit.record(actor, "contest.create", contest, unit=unit, title=contest.title, questions=len(questions))
    return contest


POOL_SECONDS = 30.0
_pools: dict[tuple[int, str], tuple[float, dict[int, tuple[str, list[str], int]]]] = {}


def question_pool(contest: Contest) -> dict[int, tuple[str, list[str], int]]:
    """The contest's questions, id → (text, options, answer), kept in this process for POOL_SECONDS:
    a round's rush draws from it without reading the bank each time. A contest's questions are only
    ever added (never edited or deleted), so the worst a stale copy does is to leave a question added
    in another worker out of this worker's draws for up to POOL_SECONDS; this worker's own additions
    drop the copy at once (`forget_pool`). Keyed by the contest's creation time too, so a contest id
    reused (a rolled-back test database) never finds another contest's questions."""
    key = (contest.pk, contest.created_at.isoformat())
    now = time.monotonic()
    hit = _pools.get(key)
    if hit is not None and now - hit[0] < POOL_SECONDS:
        return hit[1]
    rows = {
        qid: (text, options, answer)
        for qid, text, options, answer in Question.objects.filter(contest=contest).values_list(
            "id", "text", "options", "answer"
        )
    }
    if len(_pools) > 1000:
        _pools.clear()
    _pools[key] = (now, rows)
    return rows


def forget_pool(contest: Contest) -> None:
    _pools.pop((contest.pk, contest.created_at.isoformat()), None)


def add_questions(contest: Contest, questions: list[dict]) -> int:
    forget_pool(contest)
    Question.objects.bulk_create(
        Question(
            unit=contest.unit,
            contest=contest,
            text=q["text"].strip(),
            options=[o.strip() for o in q["options"]],
            answer=q["answer"],
            topic=q.get("topic", ""),
            difficulty=q.get("difficulty", 1),
        )
        for q in questions
    )
    return len(questions)


@transaction.atomic
def add_round(contest: Contest, start: datetime, end: datetime, actor=None) -> Round:
    if end <= start:
        raise UserError(gettext("Thời điểm kết thúc phải sau thời điểm bắt đầu."), field="end")
    Contest.objects.select_for_update().filter(pk=contest.pk).first()  # numbers are handed out in turn
    last = contest.rounds.aggregate(n=Max("number"))["n"] or 0
    rnd = Round.objects.create(contest=contest, number=last + 1, start=start, end=end)
    audit.record(actor, "contest.round.add", rnd, unit=contest.unit, number=rnd.number)
    return rnd


def member_entrant(member) -> Entrant:
    """The member's entrant row, created on their first round. `access` loads members with the id of
    their entrant row (`entrant_pk`), so a returning entrant costs no query and a new one one INSERT."""
    pk = getattr(member, "entrant_pk", None)
    if pk is not None:
        entrant = Entrant(pk=pk, member=member)
        entrant._state.adding = False
        return entrant
    entrant = Entrant(member=member)
    if bulk.insert_unless_conflict(entrant, ("member",)):
        return entrant
    return Entrant.objects.get(member=member)


@transaction.atomic
def guest_entrant(contest: Contest, *, name: str, phone: str, school: str, province: str) -> Entrant:
    """A non-member of a public contest, one per phone number (kept encrypted, looked up by keyed hash)."""
    if not contest.allow_public:
        raise UserError(gettext("Cuộc thi này chỉ dành cho đoàn viên."), field="contest")
    digits = "".join(ch for ch in phone if ch.isdigit())
    if not 9 <= len(digits) <= 11:
        raise UserError(gettext("Số điện thoại không hợp lệ."), field="phone")
    if not name.strip():
        raise UserError(gettext("Chưa nhập họ và tên."), field="name")
    h = crypto.lookup_hash(f"learning-phone:{digits}")
    found = Entrant.objects.filter(contest=contest, phone_hash=h, member__isnull=True).first()
    if found:
        return found
    return Entrant.objects.create(
        contest=contest,
        name=name.strip(),
        phone_enc=crypto.encrypt(digits),
        phone_hash=h,
        school=school.strip(),
        province=province.strip(),
    )


def _window(rnd: Round, now: datetime) -> None:
    if now < rnd.start:
        raise UserError(gettext("Lượt thi %(n)s chưa mở.") % {"n": rnd.number}, field="round")
    if now >= rnd.end or rnd.closed_at is not None:
        raise UserError(gettext("Lượt thi %(n)s đã kết thúc.") % {"n": rnd.number}, field="round")


@dataclass
class Started:
    attempt: Attempt
    questions: list[dict]  # {"id","text","options"} in the shown order, options shuffled


def start_attempt(
    rnd: Round, entrant: Entrant, *, unit, ip: str | None, device: str, now: datetime | None = None
) -> Started:
    """Draw the questions, shuffle each one's options, store and sign the draw. A second attempt by
    the same entrant in the round fails on the unique constraint: ConflictError (409)."""
    now = now or timezone.now()
    _window(rnd, now)
    contest = rnd.contest
    pool = question_pool(contest)
    if not pool:
        raise UserError(gettext("Cuộc thi chưa có câu hỏi."), field="questions")
    rng = SystemRandom()
    qids = fairness.draw(sorted(pool), contest.questions_per_round, rng)
    perms = [fairness.permutation(len(pool[q][1]), rng) for q in qids]
    deadline = min(now + timedelta(seconds=contest.seconds_per_attempt), rnd.end)
    attempt = Attempt(
        round=rnd,
        entrant=entrant,
        unit=unit,
        unit_path=unit.path,
        started_at=now,
        deadline=deadline,
        questions=qids,
        permutations=perms,
        total=len(qids),
        ip=ip or None,
        device=device[:64],
    )
    # signed before the INSERT (the round and the entrant name the attempt: one per pair), so the
    # row is written once, by one statement that skips instead of failing on the second attempt
    attempt.signature = fairness.sign(_key(), _payload(attempt))
    if not bulk.insert_unless_conflict(attempt, ("round", "entrant")):
        raise ConflictError(
            gettext("Bạn đã dự thi lượt %(n)s; mỗi người chỉ được thi một lần mỗi lượt.") % {"n": rnd.number},
            field="round",
        )
    _flag_crowds(attempt)
    shown = [
        {"id": q, "text": pool[q][0], "options": [pool[q][1][i] for i in perm]}
        for q, perm in zip(qids, perms, strict=True)
    ]
    return Started(attempt, shown)


def _payload(a: Attempt, *, legacy: bool = False) -> bytes:
    """What the signature covers. The attempt is named by its round and entrant (unique together);
    attempts signed before 12/2026 also carry their id (`legacy`), and still verify."""
    return fairness.payload(
        a.pk if legacy else None,
        a.round_id,
        a.entrant_id,
        a.questions,
        a.permutations,
        a.deadline.isoformat(),
    )


def _signed(a: Attempt) -> bool:
    return fairness.verify(_key(), _payload(a), a.signature) or fairness.verify(
        _key(), _payload(a, legacy=True), a.signature
    )


def _flag_crowds(attempt: Attempt) -> None:
    """Many entrants of one round from one address or one device: a flag for the organisers. Both
    counts in one statement (indexes `learning_attempt_ip` and `learning_attempt_device`)."""
    limit = settings.DOANSO_CONTEST_SAME_SOURCE_LIMIT
    ip, device = attempt.ip, attempt.device
    if not ip and not device:
        return
    sources = {}
    if ip:
        sources["ip"] = Q(ip=ip)
    if device:
        sources["device"] = Q(device=device)
    same = Q()
    for q in sources.values():
        same |= q
    got = {"ip": 0, "device": 0}
    got.update(
        Attempt.objects.filter(same, round_id=attempt.round_id).aggregate(
            **{name: Count("pk", filter=q) for name, q in sources.items()}
        )
    )
    flags = []
    if got["ip"] > limit:
        flags.append(
            Flag(
                attempt=attempt,
                kind=FlagKind.SHARED_IP,
                detail=gettext("%(n)s bài thi của lượt này từ địa chỉ %(ip)s") % {"n": got["ip"], "ip": ip},
            )
        )
    if got["device"] > 1:
        flags.append(
            Flag(
                attempt=attempt,
                kind=FlagKind.SHARED_DEVICE,
                detail=gettext("%(n)s người dự thi lượt này từ cùng một thiết bị") % {"n": got["device"]},
            )
        )
    if flags:
        Flag.objects.bulk_create(flags)


def _refused(attempt: Attempt, now: datetime) -> UserError | None:
    rnd = attempt.round
    if attempt.submitted_at is not None:
        return ConflictError(gettext("Bài thi này đã được nộp."), field="attempt")
    if now > attempt.deadline + GRACE or now >= rnd.end + GRACE or rnd.closed_at is not None:
        return UserError(gettext("Đã hết giờ làm bài; câu trả lời không được nhận."), field="answers")
    return None


def _rights(attempt: Attempt) -> list[int]:
    """The right option of each drawn question, from the contest's pool (the bank for any not in it)."""
    pool = question_pool(attempt.round.contest)
    missing = [q for q in attempt.questions if q not in pool]
    extra = dict(Question.objects.filter(pk__in=missing).values_list("id", "answer")) if missing else {}
    return [pool[q][2] if q in pool else extra[q] for q in attempt.questions]


def _hand_in_sql(attempt: Attempt) -> tuple[str, list]:
    """The UPDATE that writes the graded answers if the attempt is still open and its round not
    closed. On PostgreSQL the round row is share-locked by it, so `close_round` (which locks that row
    for update) waits for hand-ins in flight and they wait for it: none lands after the ranking is
    frozen, and hand-ins never queue behind each other on the round."""
    table = connection.ops.quote_name(Attempt._meta.db_table)
    rounds = connection.ops.quote_name(Round._meta.db_table)
    share = " FOR SHARE" if connection.vendor == "postgresql" else ""
    f = Attempt._meta.get_field
    return (
        f"UPDATE {table} SET correct = %s, answers = %s, millis = %s, prediction = %s, submitted_at = %s"  # noqa: S608
        f" WHERE id = %s AND submitted_at IS NULL AND EXISTS"
        f" (SELECT 1 FROM {rounds} WHERE id = %s AND closed_at IS NULL{share}) RETURNING id",
        [
            attempt.correct,
            f("answers").get_db_prep_save(attempt.answers, connection),
            attempt.millis,
            attempt.prediction,
            f("submitted_at").get_db_prep_save(attempt.submitted_at, connection),
            attempt.pk,
            attempt.round_id,
        ],
    )


def _hand_in(attempt: Attempt, flag: Flag | None, now: datetime) -> bool:
    """Write the hand-in (answers, flag, the entrant's counts) unless the attempt was handed in or its
    round closed since it was read: True when written. PostgreSQL: one statement in its own
    transaction (`rows.hand_in_at_once`); SQLite: statement by statement in one transaction."""
    sql, params = _hand_in_sql(attempt)
    if connection.vendor == "postgresql":
        entrants, credit, credit_deltas = credits.entry(attempt, now)
        return hand_in_at_once(sql, params, flag, entrants, credit, credit_deltas, credits.CREDIT_ONCE)
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, params)
        if cur.fetchone() is None:
            return False
        if flag is not None:
            flag.save()
        credits.count_entry(attempt, now)
        return True


def submit_answers(
    attempt: Attempt, chosen: dict[int, int], prediction: int | None, now: datetime | None = None
) -> Attempt:
    """Grade the answers (shown positions) if the attempt is still open; count the entrant.

    The drawn set, its signature, the deadline and the round's end never change after the start, so
    they are checked on the row as the caller read it; what can change (handed in already, round
    closed) is re-checked by the UPDATE itself (`_hand_in`), so a double submit or a close in between
    still refuses."""
    now = now or timezone.now()
    refused = _refused(attempt, now)
    if refused is not None:
        raise refused
    unknown = set(chosen) - set(attempt.questions)
    if unknown:
        raise UserError(
            gettext("Câu hỏi %(id)s không thuộc bài thi này.") % {"id": min(unknown)}, field="answers"
        )
    if not _signed(attempt):
        Flag.objects.create(
            attempt=attempt, kind=FlagKind.TAMPERED, detail=gettext("Chữ ký bộ câu hỏi không khớp.")
        )
        raise UserError(
            gettext("Bộ câu hỏi của bài thi không hợp lệ; ban tổ chức đã được báo."), field="attempt"
        )
    correct, picked = fairness.grade(attempt.questions, attempt.permutations, _rights(attempt), chosen)
    attempt.correct = correct
    attempt.answers = picked
    attempt.millis = max(0, int((now - attempt.started_at).total_seconds() * 1000))
    attempt.prediction = prediction
    attempt.submitted_at = now
    flag = None
    if fairness.too_fast(attempt.millis / 1000, attempt.total):
        flag = Flag(
            attempt=attempt,
            kind=FlagKind.TOO_FAST,
            detail=gettext("%(s)s giây cho %(n)s câu") % {"s": attempt.millis / 1000, "n": attempt.total},
        )
    if not _hand_in(attempt, flag, now):
        fresh = Attempt.objects.select_related("round").get(pk=attempt.pk)
        raise _refused(fresh, now) or ConflictError(gettext("Bài thi này đã được nộp."), field="attempt")
    return attempt


@transaction.atomic
def close_round(rnd: Round, now: datetime | None = None, actor=None) -> Round:
    """Fix N (entrants with every answer right) and each attempt's |prediction − N| in one UPDATE."""
    now = now or timezone.now()
    rnd = Round.objects.select_for_update().get(pk=rnd.pk)
    if rnd.closed_at is not None:
        return rnd
    if now < rnd.end:
        raise UserError(gettext("Lượt thi %(n)s chưa kết thúc.") % {"n": rnd.number}, field="round")
    done = Attempt.objects.filter(round=rnd, correct__gte=0)
    n = done.filter(correct=F("total")).count()
    done.update(
        gap=Case(
            When(prediction__isnull=True, then=Value(NO_PREDICTION_GAP)),
            default=Func(F("prediction") - Value(n), function="ABS"),
            output_field=IntegerField(),
        )
    )
    _freeze_ranks(rnd)
    prizes = _award(rnd)
    rnd.all_correct, rnd.closed_at = n, now
    rnd.save(update_fields=["all_correct", "closed_at"])
    audit.record(
        actor,
        "contest.round.close",
        rnd,
        unit=rnd.contest.unit,
        number=rnd.number,
        all_correct=n,
        prizes=prizes,
    )
    return rnd


def _freeze_ranks(rnd: Round) -> None:
    """Each handed-in attempt's final place by the rules (right answers, time, prediction gap), in one
    statement. Django cannot UPDATE from a window function; UPDATE … FROM works on PostgreSQL and on
    SQLite ≥ 3.33 alike."""
    table = connection.ops.quote_name(Attempt._meta.db_table)
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {table} SET rank = ranked.place FROM ("  # noqa: S608 - the table name is ours
            " SELECT id, ROW_NUMBER() OVER (ORDER BY correct DESC, millis, gap, id) AS place"
            f" FROM {table} WHERE round_id = %s AND correct >= 0"
            f") AS ranked WHERE {table}.id = ranked.id",
            [rnd.pk],
        )


def prize_slots(prizes: list[dict]) -> list[str]:
    """[{"name": "Giải Nhất", "count": 1}, {"name": "Giải Nhì", "count": 2}] → one name per place."""
    return [p["name"] for p in prizes for _ in range(int(p["count"]))]


def _award(rnd: Round) -> int:
    slots = prize_slots(rnd.contest.prizes or [])
    if not slots:
        return 0
    winners = Attempt.objects.filter(round=rnd, correct__gt=0, rank__lte=len(slots)).order_by("rank")
    made = Prize.objects.bulk_create(
        Prize(round=rnd, attempt=a, rank=a.rank, name=slots[a.rank - 1]) for a in winners
    )
    return len(made)


def close_due_rounds(now: datetime | None = None) -> int:
    """Close every round whose end (and the answers' grace) has passed; the scheduler's job."""
    now = now or timezone.now()
    due = list(
        Round.objects.filter(closed_at__isnull=True, end__lte=now - GRACE).select_related("contest__unit")
    )
    for rnd in due:
        close_round(rnd, now)
    ratelimit.purge()
    return len(due)


def winners(rnd: Round) -> list[Prize]:
    return list(Prize.objects.filter(round=rnd).select_related("attempt__entrant__member", "attempt__unit"))


def leaderboard(rnd: Round, unit=None, offset: int = 0, limit: int = 20) -> tuple[list[dict], int]:
    """A page of the ranking and the number of entrants (one subtree-counter row), for the whole
    contest or a unit's subtree. Two reads, neither of which sorts the round's entrants:

    - the page's attempt ids from an index alone: the whole contest walks `learning_rank` (round,
      correct desc, millis, gap, id) in order and stops after `offset + limit` entries; a unit walks
      the same index while its entrants are dense (a province), or reads its own path range of
      `learning_rank_unit` (round, unit_path, the same key) and keeps the top `offset + limit` when
      they are few (a branch) — PostgreSQL picks by the path range's share of the round;
    - then those few attempts with their entrant, member, unit and prize, by primary key."""
    qs = Attempt.objects.filter(round=rnd, correct__gte=0)
    where = unit or rnd.contest.unit
    if unit is not None:
        lo, hi = unit.subtree_range
        qs = qs.filter(unit_path__gte=lo, unit_path__lt=hi)
    # after the close these columns no longer change, so this order IS the frozen `rank`
    ids = list(
        qs.order_by("-correct", "millis", "gap", "id").values_list("id", flat=True)[offset : offset + limit]
    )
    found = Attempt.objects.filter(pk__in=ids).select_related("entrant__member", "unit", "prize").in_bulk()
    rows = [found[i] for i in ids if i in found]
    items = [
        {
            "rank": offset + i + 1,
            "place": a.rank,  # the frozen place in the whole contest once the round is closed
            "prize": a.prize.name if hasattr(a, "prize") else None,
            "attempt": a.pk,
            "name": a.entrant.member.full_name if a.entrant.member_id else a.entrant.name,
            "unit": a.unit.code,
            "unit_name": a.unit.name,
            "correct": a.correct,
            "total": a.total,
            "seconds": a.millis / 1000,
            "prediction": a.prediction,
            "gap": a.gap if rnd.closed_at is not None else None,
        }
        for i, a in enumerate(rows)
    ]
    return items, credits.round_entrants(rnd, where)


def new_device_id() -> str:
    return secrets.token_urlsafe(16)
