"""Writes and reads of surveys: create one with its questions, answer it once, count results.

One answer per person is a database constraint on (survey, respondent): "u:<id>" for named
answers, an HMAC (keyed by SECRET_KEY) of the user for anonymous ones, or of a signed device
token for public links. Limits: a public link stops a second answer from the same browser only
(clearing cookies or another device answers again); an anonymous answer keeps the respondent's
branch for per-unit results, so a very small branch can narrow down who answered.
"""

import hashlib
import hmac
import secrets
from collections import Counter
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doanso.accounts.scoping import scope_for
from doanso.core import audit
from doanso.core.errors import ConflictError, UserError
from doanso.org.tree import is_within
from doanso.surveys import answers
from doanso.surveys.models import Answer, Audience, Kind, Question, Response, Survey

CHOICE_KINDS = ("one", "many")


def _check(title: str, questions: list[dict], opens_on: date, closes_on: date, audience: str) -> None:
    if not title.strip():
        raise UserError(_("“Tên khảo sát”: chưa nhập."), field="title")
    if closes_on < opens_on:
        raise UserError(_("“Ngày đóng” phải sau hoặc bằng “ngày mở”."), field="closes_on")
    if audience not in Audience.values:
        raise UserError(_("“Đối tượng”: không hợp lệ."), field="audience")
    if not questions:
        raise UserError(_("Khảo sát cần ít nhất một câu hỏi."), field="questions")
    for n, q in enumerate(questions, 1):
        if q.get("kind") not in Kind.values:
            raise UserError(
                _("Câu %(n)s: loại câu hỏi không hợp lệ.") % {"n": n}, field=f"questions.{n}.kind"
            )
        if not str(q.get("text", "")).strip():
            raise UserError(
                _("Câu %(n)s: chưa nhập nội dung câu hỏi.") % {"n": n}, field=f"questions.{n}.text"
            )
        opts = q.get("choices") or []
        if q["kind"] in CHOICE_KINDS and (len(opts) < 2 or len(set(opts)) != len(opts)):
            raise UserError(
                _("Câu %(n)s: cần ít nhất hai phương án, không trùng nhau.") % {"n": n},
                field=f"questions.{n}.choices",
            )


def _add_questions(survey: Survey, questions: list[dict]) -> None:
    Question.objects.bulk_create(
        Question(
            survey=survey,
            order=n,
            kind=q["kind"],
            text=q["text"].strip(),
            required=bool(q.get("required")),
            choices=list(q.get("choices") or []) if q["kind"] in CHOICE_KINDS else [],
        )
        for n, q in enumerate(questions, 1)
    )


def create(
    user,
    unit,
    *,
    title: str,
    questions: list[dict],
    opens_on: date,
    closes_on: date,
    audience: str = "units",
    anonymous: bool = False,
    occupations: list[str] | None = None,
    description: str = "",
) -> Survey:
    _check(title, questions, opens_on, closes_on, audience)
    with transaction.atomic():
        survey = Survey.objects.create(
            unit=unit,
            title=title.strip(),
            description=description,
            audience=audience,
            anonymous=anonymous,
            occupations=occupations or [],
            slug=secrets.token_urlsafe(16),
            opens_on=opens_on,
            closes_on=closes_on,
            created_by=user,
        )
        _add_questions(survey, questions)
        audit.record(user, "survey.create", survey, unit=unit, title=survey.title)
    return survey


def is_open(survey: Survey, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return survey.opens_on <= today <= survey.closes_on


def in_audience(user, survey: Survey) -> bool:
    """May this logged-in user answer? Staff of the unit (or above) and the unit's members (of the
    listed occupations when the audience is a group); anyone for a public link."""
    if survey.audience == Audience.PUBLIC:
        return True
    scope = scope_for(user)
    if scope.covers(survey.unit.path):
        return True
    member = getattr(user, "member", None) if scope.member_id else None
    if member is None or not is_within(member.branch.path, survey.unit.path):
        return False
    return survey.audience == Audience.UNITS or member.occupation in survey.occupations


def _keyed(text: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def respondent(survey: Survey, user=None, device: str = "") -> str:
    if user is not None and getattr(user, "is_authenticated", False):
        return _keyed(f"{survey.pk}:u:{user.pk}") if survey.anonymous else f"u:{user.pk}"
    if not device:
        raise UserError(_("Không nhận ra thiết bị; bật cookie rồi thử lại."), field="device")
    return _keyed(f"{survey.pk}:d:{device}")


def answer(survey: Survey, raw: dict, *, user=None, device: str = "") -> Response:
    """Record one person's answers (all or nothing); a second answer is a 409."""
    if not is_open(survey):
        raise ConflictError(_("Khảo sát không trong thời gian nhận trả lời."), field="survey")
    qs = list(survey.questions.all())
    cleaned = [
        (q, answers.clean(q.order, q.kind, q.required, q.choices, raw.get(str(q.pk), raw.get(q.pk))))
        for q in qs
    ]
    key = respondent(survey, user, device)
    member = getattr(user, "member", None) if user is not None and getattr(user, "member_id", None) else None
    branch = member.branch if member is not None else None
    try:
        with transaction.atomic():
            r = Response.objects.create(
                survey=survey,
                respondent=key,
                user=None if survey.anonymous else user,
                unit=branch,
                unit_path=branch.path if branch else "",
            )
            Answer.objects.bulk_create(
                Answer(response=r, question=q, value=v) for q, v in cleaned if v is not None
            )
    except IntegrityError:
        raise ConflictError(
            _("Bạn đã trả lời khảo sát này rồi; mỗi người chỉ trả lời một lần."), field="survey"
        ) from None
    return r


def results(survey: Survey, unit=None) -> dict:
    """Counts per question (choices, scale levels, numbers' count and mean; texts listed), over the
    answers from `unit`'s subtree when given."""
    responses = survey.responses.all()
    if unit is not None:
        lo, hi = unit.subtree_range
        responses = responses.filter(unit_path__gte=lo, unit_path__lt=hi)
    rows = Answer.objects.filter(response__in=responses).values_list("question_id", "value")
    by_q: dict[int, list] = {}
    for qid, v in rows:
        by_q.setdefault(qid, []).append(v)
    out = []
    for q in survey.questions.all():
        values = by_q.get(q.pk, [])
        item = {"id": q.pk, "order": q.order, "kind": q.kind, "text": q.text, "answered": len(values)}
        if q.kind in CHOICE_KINDS:
            c = Counter(x for v in values for x in (v if isinstance(v, list) else [v]))
            item["counts"] = [{"label": o, "n": c.get(o, 0)} for o in q.choices]
        elif q.kind == "scale":
            c = Counter(values)
            item["counts"] = [{"label": str(i), "n": c.get(i, 0)} for i in range(1, 6)]
            item["mean"] = round(sum(values) / len(values), 2) if values else None
        elif q.kind == "number":
            item["mean"] = round(sum(values) / len(values), 2) if values else None
        else:
            item["texts"] = [str(v) for v in values[:200]]
        out.append(item)
    return {"responses": responses.count(), "questions": out}


def update(
    user,
    survey: Survey,
    *,
    title: str,
    questions: list[dict],
    opens_on: date,
    closes_on: date,
    audience: str = "units",
    anonymous: bool = False,
    occupations: list[str] | None = None,
    description: str = "",
) -> Survey:
    """Change a survey. Once someone answered, its questions and anonymity stay as they were (the
    answers given must keep meaning what they meant): changing them is refused, nothing written."""
    _check(title, questions, opens_on, closes_on, audience)
    answered = survey.responses.exists()
    if answered and (_shape(questions) != _shape(_questions_of(survey)) or anonymous != survey.anonymous):
        raise ConflictError(
            _("Khảo sát đã có người trả lời: không đổi câu hỏi hay chế độ ẩn danh được nữa."),
            field="questions",
        )
    with transaction.atomic():
        survey.title, survey.description = title.strip(), description
        survey.audience, survey.anonymous = audience, anonymous
        survey.occupations = occupations or []
        survey.opens_on, survey.closes_on = opens_on, closes_on
        survey.save()
        if not answered:
            survey.questions.all().delete()
            _add_questions(survey, questions)
        audit.record(user, "survey.update", survey, unit=survey.unit, title=survey.title)
    return survey


def _questions_of(survey: Survey) -> list[dict]:
    return [
        {"kind": q.kind, "text": q.text, "required": q.required, "choices": q.choices}
        for q in survey.questions.all()
    ]


def _shape(questions: list[dict]) -> list[tuple]:
    return [
        (
            q.get("kind"),
            str(q.get("text", "")).strip(),
            bool(q.get("required")),
            tuple(q.get("choices") or []) if q.get("kind") in CHOICE_KINDS else (),
        )
        for q in questions
    ]


def questions_of(survey: Survey) -> list[dict]:
    """The survey's questions as the create/edit form takes them."""
    return _questions_of(survey)


def by_child_unit(survey: Survey, unit) -> list[dict]:
    """How many answered from each direct sub-unit of `unit` (each with its subtree), one query."""
    from django.db.models import Count, Q

    from doanso.org.models import Unit

    children = list(Unit.objects.filter(parent=unit, active=True).order_by("path"))
    if not children:
        return []
    counts = survey.responses.aggregate(
        **{
            f"u{c.pk}": Count(
                "pk", filter=Q(unit_path__gte=c.subtree_range[0], unit_path__lt=c.subtree_range[1])
            )
            for c in children
        }
    )
    return [{"unit": c, "label": c.name, "n": counts[f"u{c.pk}"]} for c in children]


def rows(survey: Survey):
    """Every response with its answers (for the export): (response, {question id: value})."""
    for r in survey.responses.select_related("user", "unit").prefetch_related("answers").order_by("at", "id"):
        yield r, {a.question_id: a.value for a in r.answers.all()}
