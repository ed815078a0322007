"""The learning app's routes of /api/v1/ (api/urls.py calls `register`): contests, rounds, attempts,
answers, leaderboards, flags, question import, guest sign-up, courses. Thin: `access` decides who,
`contests`/`courses`/`bank` do the work."""

import tempfile
from datetime import datetime

from django.http import Http404
from django.utils.translation import gettext
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from doanso.accounts.lockout import client_ip
from doanso.accounts.scoping import get_unit, scope_for
from doanso.core.calendar.periods import TZ
from doanso.core.errors import ImportFailed, UserError
from doanso.learning import access, bank, certificates, contests, courses, ratelimit
from doanso.learning.models import Audience, CourseKind, Flag, Round
from doanso.org.api import Unit

router = Router(tags=["learning"])
PLAYER_AUTH = [access.player, access.EntrantToken()]  # the second documents the guest header


class QuestionIn(Schema):
    text: str = Field(..., min_length=1, max_length=2000)
    options: list[str] = Field(..., min_length=2, max_length=contests.MAX_OPTIONS)
    answer: int = Field(..., ge=0, le=contests.MAX_OPTIONS - 1)
    topic: str = Field("", max_length=100)
    difficulty: int = Field(1, ge=1, le=3)


class ContestIn(Schema):
    unit: str = Field(..., min_length=1, max_length=40)
    title: str = Field(..., min_length=1, max_length=200)
    questions_per_round: int = Field(..., ge=1, le=100)
    seconds_per_attempt: int = Field(600, ge=10, le=24 * 3600)
    allow_public: bool = False
    questions: list[QuestionIn] = Field([], max_length=2000)


class RoundIn(Schema):
    start: datetime
    end: datetime


class AnswerIn(Schema):
    question: int = Field(..., ge=0, le=2**31 - 1)
    option: int = Field(..., ge=0, le=contests.MAX_OPTIONS - 1)


class AnswersIn(Schema):
    answers: list[AnswerIn] = Field(..., max_length=100)
    prediction: int | None = Field(None, ge=0, le=10**9)


class GuestIn(Schema):
    name: str = Field(..., min_length=1, max_length=120)
    phone: str = Field(..., min_length=9, max_length=20)
    school: str = Field("", max_length=200)
    province: str = Field("", max_length=100)


class CourseIn(Schema):
    unit: str = Field(..., min_length=1, max_length=40)
    title: str = Field(..., min_length=1, max_length=200)
    kind: CourseKind = CourseKind.OTHER
    audience: Audience = Audience.ALL
    occupation: str = Field("", max_length=16)
    lessons: list[dict] = Field([], max_length=100)
    questions: list[QuestionIn] = Field([], max_length=200)


class QuizIn(Schema):
    answers: list[AnswerIn] = Field(..., max_length=200)


class MembersIn(Schema):
    members: list[int] = Field(..., min_length=1, max_length=500)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=TZ)


def _round(contest, number: int) -> Round:
    rnd = Round.objects.filter(contest=contest, number=number).first()
    if rnd is None:
        raise Http404
    return rnd


def contest_out(contest) -> dict:
    return {
        "id": contest.pk,
        "unit": contest.unit.code,
        "title": contest.title,
        "questions_per_round": contest.questions_per_round,
        "seconds_per_attempt": contest.seconds_per_attempt,
        "allow_public": contest.allow_public,
        "questions": contest.questions.count(),
        "rounds": [round_out(r) for r in contest.rounds.all()],
    }


def round_out(rnd: Round) -> dict:
    return {
        "number": rnd.number,
        "start": rnd.start.isoformat(),
        "end": rnd.end.isoformat(),
        "closed": rnd.closed_at is not None,
        "all_correct": rnd.all_correct,
    }


def _admin_unit(user, code: str) -> Unit:
    unit = get_unit(user, code)
    if not scope_for(user).administers(unit.path):
        raise UserError(gettext("Chỉ quản trị viên của đơn vị mới được tạo."), field="unit")
    return unit


@router.post("/contests", response={201: dict})
def create_contest(request, payload: ContestIn):
    unit = _admin_unit(request.user, payload.unit)
    contest = contests.create_contest(
        unit=unit,
        title=payload.title,
        questions_per_round=payload.questions_per_round,
        questions=[q.dict() for q in payload.questions],
        seconds_per_attempt=payload.seconds_per_attempt,
        allow_public=payload.allow_public,
        actor=request.user,
    )
    return Status(201, contest_out(contest))


@router.get("/contests/{contest_id}", response=dict, auth=PLAYER_AUTH)
def get_contest(request, contest_id: int):
    return contest_out(access.visible_contest(request, contest_id))


@router.post("/contests/{contest_id}/rounds", response={201: dict})
def add_round(request, contest_id: int, payload: RoundIn):
    contest = access.admin_contest(request.user, contest_id)
    return Status(
        201,
        round_out(
            contests.add_round(contest, _aware(payload.start), _aware(payload.end), actor=request.user)
        ),
    )


@router.post("/contests/{contest_id}/rounds/{number}/close", response=dict)
def close_round(request, contest_id: int, number: int):
    contest = access.admin_contest(request.user, contest_id)
    return round_out(contests.close_round(_round(contest, number), actor=request.user))


@router.post("/contests/{contest_id}/questions/import", response={201: dict})
def import_questions(request, contest_id: int, file: File[UploadedFile]):
    contest = access.admin_contest(request.user, contest_id)
    with tempfile.NamedTemporaryFile(suffix=".upload") as tmp:
        for chunk in file.chunks():
            tmp.write(chunk)
        tmp.flush()
        try:
            n = bank.import_questions(contest, tmp.name, actor=request.user)
        except ImportFailed as exc:
            raise UserError(str(exc), field="file") from None
    return Status(201, {"imported": n, "questions": contest.questions.count()})


@router.post("/contests/{contest_id}/entrants", response={201: dict}, auth=None)
def sign_up_guest(request, contest_id: int, payload: GuestIn):
    """A non-member signs up for a public contest; the answer's token identifies this device."""
    ratelimit.hit("guest", client_ip(request))
    contest = access.Contest.objects.filter(pk=contest_id, allow_public=True).select_related("unit").first()
    if contest is None:
        raise Http404
    entrant = contests.guest_entrant(
        contest, name=payload.name, phone=payload.phone, school=payload.school, province=payload.province
    )
    return Status(201, {"entrant": entrant.pk, "token": access.entrant_token(entrant)})


def _device(request) -> str:
    return (request.headers.get("X-Device-Id") or request.COOKIES.get("doanso_device") or "")[:64]


@router.post("/contests/{contest_id}/rounds/{number}/attempts", response={201: dict}, auth=PLAYER_AUTH)
def start_attempt(request, contest_id: int, number: int):
    # the round with its contest and unit in one read; the caller's member row (branch, entrant id)
    # in another; the two rate limits in one upsert
    rnd = Round.objects.select_related("contest__unit").filter(contest_id=contest_id, number=number).first()
    contest = access.visible_contest(request, contest_id, rnd.contest if rnd is not None else None)
    if not access.can_enter(request, contest):
        raise UserError(
            gettext("Chỉ đoàn viên hoặc người đã đăng ký dự thi mới được làm bài."), field="entrant"
        )
    if rnd is None:
        raise Http404
    guest = access.guest(request)
    ip = client_ip(request)
    ratelimit.hit_many([("start", f"g{guest.pk}" if guest else f"u{request.user.pk}"), ("start-ip", ip)])
    if guest is not None:
        entrant, unit = guest, contest.unit
    else:
        member = access.member_of(request)
        entrant, unit = contests.member_entrant(member), member.branch
    started = contests.start_attempt(rnd, entrant, unit=unit, ip=ip, device=_device(request))
    a = started.attempt
    return Status(
        201,
        {
            "attempt": a.pk,
            "round": rnd.number,
            "questions": started.questions,
            "deadline": a.deadline.isoformat(),
            "signature": a.signature,
        },
    )


@router.post("/attempts/{attempt_id}/answers", response=dict, auth=PLAYER_AUTH)
def submit_answers(request, attempt_id: int, payload: AnswersIn):
    attempt = access.own_attempt(request, attempt_id)
    ratelimit.hit("answer", f"e{attempt.entrant_id}")
    chosen: dict[int, int] = {}
    for i, a in enumerate(payload.answers, start=1):
        if a.question in chosen:
            raise UserError(
                gettext("Câu trả lời %(i)s: câu hỏi %(q)s trả lời hai lần.") % {"i": i, "q": a.question},
                field="answers",
            )
        chosen[a.question] = a.option
    done = contests.submit_answers(attempt, chosen, payload.prediction)
    return {
        "attempt": done.pk,
        "correct": done.correct,
        "total": done.total,
        "seconds": done.millis / 1000,
        "prediction": done.prediction,
    }


@router.get("/contests/{contest_id}/rounds/{number}/leaderboard", response=dict, auth=PLAYER_AUTH)
def leaderboard(
    request,
    contest_id: int,
    number: int,
    unit: str = "",
    offset: int = Query(0, ge=0, le=10**7),
    limit: int = Query(20, ge=1, le=100),
):
    contest = access.visible_contest(request, contest_id)
    rnd = _round(contest, number)
    where = None
    if unit:
        where = Unit.objects.filter(code=unit).first()
        lo, hi = contest.unit.subtree_range
        if where is None or not lo <= where.path < hi:
            raise Http404
    items, count = contests.leaderboard(rnd, where, offset, limit)
    return {"items": items, "count": count, "round": rnd.number, "closed": rnd.closed_at is not None}


@router.get("/contests/{contest_id}/flags", response=dict)
def flags(
    request, contest_id: int, offset: int = Query(0, ge=0, le=10**7), limit: int = Query(50, ge=1, le=200)
):
    contest = access.managed_contest(request.user, contest_id)
    qs = Flag.objects.filter(attempt__round__contest=contest).select_related(
        "attempt__round", "attempt__entrant__member"
    )
    rows = qs.order_by("-id")[offset : offset + limit]
    return {
        "count": qs.count(),
        "items": [
            {
                "id": f.pk,
                "kind": f.kind,
                "label": f.get_kind_display(),
                "detail": f.detail,
                "round": f.attempt.round.number,
                "attempt": f.attempt_id,
                "name": f.attempt.entrant.member.full_name
                if f.attempt.entrant.member_id
                else f.attempt.entrant.name,
                "at": f.created_at.isoformat(),
            }
            for f in rows
        ],
    }


@router.post("/courses", response={201: dict})
def create_course(request, payload: CourseIn):
    unit = _admin_unit(request.user, payload.unit)
    course = courses.create_course(
        unit=unit,
        title=payload.title,
        kind=payload.kind,
        audience=payload.audience,
        occupation=payload.occupation,
        lessons=[
            {k: str(v)[:2000] for k, v in lesson.items() if k in ("title", "body", "video_url")}
            for lesson in payload.lessons
        ],
        questions=[q.dict() for q in payload.questions],
        actor=request.user,
    )
    return Status(201, course_out(course))


def course_out(course) -> dict:
    return {
        "id": course.pk,
        "unit": course.unit.code,
        "title": course.title,
        "kind": course.kind,
        "audience": course.audience,
        "lessons": [
            {
                "title": lesson.title,
                "body": lesson.body,
                "video_url": lesson.video_url,
                "pdf": bool(lesson.pdf),
            }
            for lesson in course.lessons.all()
        ],
        "questions": [{"id": q.pk, "text": q.text, "options": q.options} for q in course.questions.all()],
    }


@router.get("/courses/mine", response=dict)
def my_courses(request):
    member = getattr(request.user, "member", None)
    if member is None:
        return {"items": [], "count": 0}
    items = [
        {"id": c.pk, "title": c.title, "unit": c.unit.code, "kind": c.kind}
        for c in courses.courses_for(member)
    ]
    return {"items": items, "count": len(items)}


@router.get("/courses/{course_id}", response=dict)
def get_course(request, course_id: int):
    return course_out(access.visible_course(request.user, course_id))


@router.post("/courses/{course_id}/quiz", response=dict)
def take_quiz(request, course_id: int, payload: QuizIn):
    course = access.visible_course(request.user, course_id)
    member = getattr(request.user, "member", None)
    if member is None:
        raise UserError(gettext("Chỉ đoàn viên mới làm bài kiểm tra."), field="member")
    return courses.take_quiz(course, member, {a.question: a.option for a in payload.answers})


@router.post("/contests/{contest_id}/certificates", response=dict)
def issue_certificates(request, contest_id: int, payload: MembersIn):
    """Verifiable certificates for entrants of the contest, issued by the credentials app."""
    contest = access.admin_contest(request.user, contest_id)
    issued = certificates.issue_for_contest(contest, payload.members)
    return {"items": [{"id": c.pk, "url": c.public_url} for c in issued]}


def register(api) -> None:
    """Add this app's routes to the API."""
    api.add_router("/", router)
