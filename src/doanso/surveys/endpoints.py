"""/api/v1/surveys: create a survey, list, read, answer once, results per unit subtree."""

from datetime import date
from typing import Literal

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from doanso.accounts.scoping import get_unit, scope_for
from doanso.core.pagination import Page, mapped
from doanso.core.vn_schema import VnDate
from doanso.surveys import services
from doanso.surveys.models import Survey

router = Router(tags=["surveys"])


class QuestionIn(Schema):
    kind: Literal["one", "many", "scale", "short", "long", "number", "date"]
    text: str = Field(..., min_length=1, max_length=500)
    required: bool = False
    choices: list[str] = Field([], max_length=50)


class SurveyIn(Schema):
    unit: str = Field(..., min_length=1, max_length=40)
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    audience: Literal["units", "occupations", "public"] = "units"
    occupations: list[str] = Field([], max_length=20)
    anonymous: bool = False
    opens_on: VnDate
    closes_on: VnDate
    questions: list[QuestionIn] = Field(..., min_length=1, max_length=100)


class SurveyAnswerIn(Schema):
    answers: dict[str, str | int | list[str] | None] = Field(..., description="{id câu hỏi: trả lời}")


def survey_out(s: Survey) -> dict:
    return {
        "id": s.pk,
        "unit": s.unit.code,
        "title": s.title,
        "audience": s.audience,
        "anonymous": s.anonymous,
        "opens_on": s.opens_on,
        "closes_on": s.closes_on,
        "open": services.is_open(s),
    }


class SurveyOut(Schema):
    id: int
    unit: str
    title: str
    audience: str
    anonymous: bool
    opens_on: date
    closes_on: date
    open: bool


def _managed(user, survey_id: int) -> Survey:
    s = Survey.objects.filter(scope_for(user).q("unit__path"), pk=survey_id).select_related("unit").first()
    if s is None:
        raise Http404
    return s


def _answerable(user, survey_id: int) -> Survey:
    s = Survey.objects.filter(pk=survey_id).select_related("unit").first()
    if (
        s is None
        or s.audience == "public"
        and not scope_for(user).covers(s.unit.path)
        or not services.in_audience(user, s)
    ):
        raise Http404
    return s


@router.post("", response={201: dict})
def create_survey(request, body: SurveyIn):
    """A survey of a unit the caller acts for, with its questions."""
    unit = get_unit(request.user, body.unit)
    s = services.create(
        request.user,
        unit,
        title=body.title,
        description=body.description,
        audience=body.audience,
        occupations=body.occupations,
        anonymous=body.anonymous,
        opens_on=body.opens_on,
        closes_on=body.closes_on,
        questions=[q.dict() for q in body.questions],
    )
    return Status(201, {"id": s.pk, "slug": s.slug})


@router.get("", response=list[SurveyOut])
@paginate(Page)
def list_surveys(request, unit: str = ""):
    """Surveys of the units the caller acts for."""
    qs = Survey.objects.filter(scope_for(request.user).q("unit__path")).select_related("unit")
    if unit:
        lo, hi = get_unit(request.user, unit).subtree_range
        qs = qs.filter(unit__path__gte=lo, unit__path__lt=hi)
    return mapped(qs, survey_out)


@router.get("/{survey_id}")
def get_survey(request, survey_id: int):
    """A survey with its questions (for whoever may answer it or manages it)."""
    s = _answerable(request.user, survey_id)
    return {
        **survey_out(s),
        "questions": list(s.questions.values("id", "order", "kind", "text", "required", "choices")),
    }


@router.post("/{survey_id}/responses", response={201: dict})
def answer_survey(request, survey_id: int, body: SurveyAnswerIn):
    """Answer once; a second answer is 409."""
    s = _answerable(request.user, survey_id)
    r = services.answer(s, body.answers, user=request.user)
    return Status(201, {"id": r.pk})


@router.get("/{survey_id}/results")
def survey_results(request, survey_id: int, unit: str = ""):
    """Counts per question, for the whole survey or one unit's subtree."""
    s = _managed(request.user, survey_id)
    return services.results(s, get_unit(request.user, unit) if unit else None)


def register(api) -> None:
    api.add_router("/surveys", router)
