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
from dataclasses import dataclass
from datetime import datetime, timedelta
from random import SystemRandom

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, Func, IntegerField, Max, Value, When
from django.utils import timezone
from django.utils.translation import gettext

from doanso.core import audit, crypto
from doanso.core.errors import ConflictError, UserError
from doanso.learning import credits, fairness
from doanso.learning.models import Attempt, Contest, Entrant, Flag, FlagKind, Prize, Question, Round

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


def add_questions(contest: Contest, questions: list[dict]) -> int:
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
    entrant, _ = Entrant.objects.get_or_create(member=member)
    return entrant


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
    pool = list(Question.objects.filter(contest=contest).values_list("id", flat=True))
    if not pool:
        raise UserError(gettext("Cuộc thi chưa có câu hỏi."), field="questions")
    rng = SystemRandom()
    qids = fairness.draw(pool, contest.questions_per_round, rng)
    rows = {q.pk: q for q in Question.objects.filter(pk__in=qids)}
    perms = [fairness.permutation(len(rows[q].options), rng) for q in qids]
    deadline = min(now + timedelta(seconds=contest.seconds_per_attempt), rnd.end)
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                round=rnd,
                entrant=entrant,
                unit=unit,
                unit_path=unit.path,
                started_at=now,
                deadline=deadline,
                questions=qids,
                permutations=perms,
                total=len(qids),
                signature="",
                ip=ip or None,
                device=device[:64],
            )
            attempt.signature = fairness.sign(_key(), _payload(attempt))
            attempt.save(update_fields=["signature"])
            _flag_crowds(attempt)
    except IntegrityError:
        raise ConflictError(
            gettext("Bạn đã dự thi lượt %(n)s; mỗi người chỉ được thi một lần mỗi lượt.") % {"n": rnd.number},
            field="round",
        ) from None
    shown = [
        {"id": q, "text": rows[q].text, "options": [rows[q].options[i] for i in perm]}
        for q, perm in zip(qids, perms, strict=True)
    ]
    return Started(attempt, shown)


def _payload(a: Attempt) -> bytes:
    return fairness.payload(
        a.pk, a.round_id, a.entrant_id, a.questions, a.permutations, a.deadline.isoformat()
    )


def _flag_crowds(attempt: Attempt) -> None:
    """Many entrants of one round from one address or one device: a flag for the organisers."""
    limit = settings.DOANSO_CONTEST_SAME_SOURCE_LIMIT
    if attempt.ip:
        n = Attempt.objects.filter(round_id=attempt.round_id, ip=attempt.ip).count()
        if n > limit:
            Flag.objects.create(
                attempt=attempt,
                kind=FlagKind.SHARED_IP,
                detail=gettext("%(n)s bài thi của lượt này từ địa chỉ %(ip)s") % {"n": n, "ip": attempt.ip},
            )
    if attempt.device:
        n = Attempt.objects.filter(round_id=attempt.round_id, device=attempt.device).count()
        if n > 1:
            Flag.objects.create(
                attempt=attempt,
                kind=FlagKind.SHARED_DEVICE,
                detail=gettext("%(n)s người dự thi lượt này từ cùng một thiết bị") % {"n": n},
            )


def submit_answers(
    attempt: Attempt, chosen: dict[int, int], prediction: int | None, now: datetime | None = None
) -> Attempt:
    """Grade the answers (shown positions) if the attempt is still open; count the entrant."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update().select_related("round", "entrant", "unit").get(pk=attempt.pk)
        )
        if attempt.submitted_at is not None:
            raise ConflictError(gettext("Bài thi này đã được nộp."), field="attempt")
        rnd = attempt.round
        if now > attempt.deadline + GRACE or now >= rnd.end + GRACE or rnd.closed_at is not None:
            raise UserError(gettext("Đã hết giờ làm bài; câu trả lời không được nhận."), field="answers")
        unknown = set(chosen) - set(attempt.questions)
        if unknown:
            raise UserError(
                gettext("Câu hỏi %(id)s không thuộc bài thi này.") % {"id": min(unknown)}, field="answers"
            )
    if not fairness.verify(_key(), _payload(attempt), attempt.signature):
        Flag.objects.create(
            attempt=attempt, kind=FlagKind.TAMPERED, detail=gettext("Chữ ký bộ câu hỏi không khớp.")
        )
        raise UserError(
            gettext("Bộ câu hỏi của bài thi không hợp lệ; ban tổ chức đã được báo."), field="attempt"
        )
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update().select_related("round", "entrant", "unit").get(pk=attempt.pk)
        )
        if attempt.submitted_at is not None:
            raise ConflictError(gettext("Bài thi này đã được nộp."), field="attempt")
        rights = dict(Question.objects.filter(pk__in=attempt.questions).values_list("id", "answer"))
        correct, picked = fairness.grade(
            attempt.questions, attempt.permutations, [rights[q] for q in attempt.questions], chosen
        )
        attempt.correct = correct
        attempt.answers = picked
        attempt.millis = max(0, int((now - attempt.started_at).total_seconds() * 1000))
        attempt.prediction = prediction
        attempt.submitted_at = now
        attempt.save(update_fields=["correct", "answers", "millis", "prediction", "submitted_at"])
        if fairness.too_fast(attempt.millis / 1000, attempt.total):
            Flag.objects.create(
                attempt=attempt,
                kind=FlagKind.TOO_FAST,
                detail=gettext("%(s)s giây cho %(n)s câu") % {"s": attempt.millis / 1000, "n": attempt.total},
            )
        credits.count_entry(attempt, now)
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
    return len(due)


def winners(rnd: Round) -> list[Prize]:
    return list(Prize.objects.filter(round=rnd).select_related("attempt__entrant__member", "attempt__unit"))


def leaderboard(rnd: Round, unit=None, offset: int = 0, limit: int = 20) -> tuple[list[dict], int]:
    """A page of the ranking (index range scan on `learning_rank`) and the number of entrants, read
    from the subtree counter of the round (one row), for the whole contest or a unit's subtree."""
    qs = Attempt.objects.filter(round=rnd, correct__gte=0)
    where = unit or rnd.contest.unit
    if unit is not None:
        lo, hi = unit.subtree_range
        qs = qs.filter(unit_path__gte=lo, unit_path__lt=hi)
    # after the close these columns no longer change, so this order IS the frozen `rank` (and the
    # `learning_rank` index serves it either way)
    rows = qs.order_by("-correct", "millis", "gap", "id").select_related("entrant__member", "unit", "prize")[
        offset : offset + limit
    ]
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
