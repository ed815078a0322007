"""The exemplars API under /api/v1/exemplars (thin: schemas validate, services decide and write).

Everything is scoped through `accounts.scoping` in the services: out of scope is 404, in scope but not
the caller's level is 403. Lists are paginated (`core.pagination.Page`)."""

from datetime import date

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from doanso.accounts.scoping import get_unit
from doanso.core.pagination import Page, mapped
from doanso.core.vn_schema import YEAR_MAX, YEAR_MIN, VnDate
from doanso.exemplars import selectors
from doanso.exemplars.models import Value
from doanso.exemplars.services import assessments, criteria, honours, nominations

router = Router(tags=["exemplars"])


def _year():
    return Field(..., ge=YEAR_MIN, le=YEAR_MAX)


class ValueOut(Schema):
    code: str
    number: int
    name: str
    description: str


class CriterionIn(Schema):
    value: str = Field(..., max_length=40)
    year: int = _year()
    text: str = Field(..., max_length=500)


class CriterionChange(Schema):
    text: str = Field(..., max_length=500)


class CriterionOut(Schema):
    id: int
    value: str
    value_name: str
    unit: str
    unit_name: str
    year: int
    text: str


class AnswerSchema(Schema):
    criterion: int = Field(..., ge=1, le=2**63 - 1)
    met: bool
    note: str = Field("", max_length=300)
    link: str = Field("", max_length=500)


class AnswersIn(Schema):
    year: int = _year()
    answers: list[AnswerSchema] = Field(..., max_length=200)


class YearIn(Schema):
    year: int = _year()


class AssessmentOut(Schema):
    id: int
    member_id: int
    member_name: str
    branch: str
    year: int
    status: str
    decision_note: str
    answers: list[AnswerSchema]


class MyAssessmentOut(AssessmentOut):
    criteria: list[CriterionOut]


class ReasonIn(Schema):
    reason: str = Field("", max_length=500)


class NominationIn(Schema):
    year: int = _year()
    achievements: str = Field(..., max_length=5000)
    member_id: int | None = Field(None, ge=1, le=2**63 - 1)
    group: str | None = Field(None, max_length=40, description="mã đơn vị (tập thể)")
    team: str | None = Field(None, max_length=200, description="tên đội, nhóm")
    links: list[str] = Field([], max_length=10)


class StepOut(Schema):
    unit: str
    action: str
    reason: str
    at: str


class NominationOut(Schema):
    id: int
    year: int
    kind: str
    nominee: str
    origin: str
    current: str
    current_name: str
    status: str
    achievements: str
    links: list[str]
    steps: list[StepOut]
    files: list[str]


class HonourIn(Schema):
    kind: str = Field(..., max_length=12, description="tuyen_duong | khen_thuong")
    title: str = Field(..., max_length=200)
    doc_number: str = Field(..., max_length=60, description="ví dụ 15/QĐ-ĐTN")
    doc_date: VnDate
    nomination: int | None = Field(None, ge=1, le=2**63 - 1)
    member_id: int | None = Field(None, ge=1, le=2**63 - 1)
    group: str | None = Field(None, max_length=40)
    team: str | None = Field(None, max_length=200)
    public: bool = False
    public_name: str = Field("", max_length=120)
    public_summary: str = Field("", max_length=500)


class HonourOut(Schema):
    id: int
    kind: str
    title: str
    nominee: str
    home: str
    issuer: str
    doc_number: str
    doc_date: str
    nomination: int | None
    public: bool
    story: str | None


class StoryIn(Schema):
    title: str = Field(..., max_length=200)
    text: str = Field(..., max_length=10000)
    url: str = Field("", max_length=500)
    published: VnDate | None = None


class StoryOut(Schema):
    id: int
    honour: int
    title: str
    url: str
    published: date
    post_id: int | None


class PublicOut(Schema):
    name: str
    title: str
    kind: str
    unit: str
    issuer: str
    doc_date: str
    summary: str
    story_title: str
    story_url: str


# ------------------------------------------------------------------ values and criteria


@router.get("/values", response=list[ValueOut])
def values(request):
    """The 12 values of the campaign, in order."""
    return list(Value.objects.values("code", "number", "name", "description"))


@router.get("/units/{code}/criteria", response=list[CriterionOut])
def unit_criteria(request, code: str, year: int = Query(..., ge=YEAR_MIN, le=YEAR_MAX)):
    """The criteria that apply to the unit in the year: its own and its ancestors'."""
    unit = get_unit(request.user, code)
    return [selectors.criterion_dict(c) for c in criteria.applying(unit, year)]


@router.post("/units/{code}/criteria", response={201: CriterionOut})
def add_criterion(request, code: str, body: CriterionIn):
    unit = get_unit(request.user, code)
    c = criteria.add_criterion(request.user, unit, body.value, body.year, body.text)
    return Status(201, selectors.criterion_dict(c))


@router.patch("/criteria/{criterion_id}", response=CriterionOut)
def change_criterion(request, criterion_id: int, body: CriterionChange):
    c = criteria.visible(request.user, criterion_id)
    return selectors.criterion_dict(criteria.change_criterion(request.user, c, body.text))


@router.delete("/criteria/{criterion_id}", response={204: None})
def delete_criterion(request, criterion_id: int):
    criteria.delete_criterion(request.user, criteria.visible(request.user, criterion_id))
    return Status(204, None)


# ------------------------------------------------------------------ self-assessment


@router.get("/me", response=MyAssessmentOut)
def my_assessment(request, year: int = Query(..., ge=YEAR_MIN, le=YEAR_MAX)):
    """The caller's own self-assessment of the year (a draft on first look) and its criteria."""
    a = assessments.mine(request.user, year)
    return selectors.my_assessment_dict(a)


@router.put("/me", response=MyAssessmentOut)
def save_my_answers(request, body: AnswersIn):
    rows = [assessments.AnswerIn(a.criterion, a.met, a.note, a.link) for a in body.answers]
    return selectors.my_assessment_dict(assessments.save_answers(request.user, body.year, rows))


@router.post("/me/submit", response=MyAssessmentOut)
def submit_mine(request, body: YearIn):
    return selectors.my_assessment_dict(assessments.submit(request.user, body.year))


@router.get("/units/{code}/assessments", response=list[AssessmentOut])
@paginate(Page)
def unit_assessments(request, code: str, year: int = Query(..., ge=YEAR_MIN, le=YEAR_MAX), status: str = ""):
    unit = get_unit(request.user, code)
    return mapped(selectors.assessments_in(unit, year, status), selectors.assessment_dict)


@router.post("/assessments/{assessment_id}/confirm", response=AssessmentOut)
def confirm(request, assessment_id: int):
    a = assessments.visible(request.user, assessment_id)
    return selectors.assessment_dict(assessments.confirm(request.user, a))


@router.post("/assessments/{assessment_id}/return", response=AssessmentOut)
def send_back(request, assessment_id: int, body: ReasonIn):
    a = assessments.visible(request.user, assessment_id)
    return selectors.assessment_dict(assessments.send_back(request.user, a, body.reason))


# ------------------------------------------------------------------ nominations


@router.post("/units/{code}/nominations", response={201: NominationOut})
def propose(request, code: str, body: NominationIn):
    """The unit proposes an exemplar of its subtree; the nomination reaches the unit's parent."""
    unit = get_unit(request.user, code)
    n = nominations.propose(
        request.user,
        unit,
        year=body.year,
        achievements=body.achievements,
        member_id=body.member_id,
        group=body.group,
        team=body.team,
        links=body.links,
    )
    return Status(201, selectors.nomination_dict(n))


@router.get("/units/{code}/nominations", response=list[NominationOut])
@paginate(Page)
def unit_nominations(
    request, code: str, year: int = Query(..., ge=YEAR_MIN, le=YEAR_MAX), waiting: bool = False
):
    """The level's board: nominations that reached it (`waiting=true`: only those still to decide) or
    passed through it in the year."""
    unit = get_unit(request.user, code)
    qs = nominations.reached(unit, year) if waiting else nominations.board(unit, year)
    return mapped(qs.select_related("current", "origin", "member", "group"), selectors.nomination_dict)


@router.get("/nominations/{exemplar_nomination_id}", response=NominationOut)
def nomination(request, exemplar_nomination_id: int):
    return selectors.nomination_dict(nominations.visible(request.user, exemplar_nomination_id))


@router.post("/nominations/{exemplar_nomination_id}/forward", response=NominationOut)
def forward(request, exemplar_nomination_id: int, body: ReasonIn):
    n = nominations.visible(request.user, exemplar_nomination_id)
    return selectors.nomination_dict(nominations.forward(request.user, n, body.reason))


@router.post("/nominations/{exemplar_nomination_id}/decline", response=NominationOut)
def decline(request, exemplar_nomination_id: int, body: ReasonIn):
    n = nominations.visible(request.user, exemplar_nomination_id)
    return selectors.nomination_dict(nominations.decline(request.user, n, body.reason))


# ------------------------------------------------------------------ honours and stories


@router.post("/units/{code}/honours", response={201: HonourOut})
def register_honour(request, code: str, body: HonourIn):
    """An honour decided by the unit; with `nomination`, the nomination (which must have reached the
    unit) ends honoured."""
    unit = get_unit(request.user, code)
    n = nominations.visible(request.user, body.nomination) if body.nomination else None
    h = honours.register_honour(
        request.user,
        unit,
        kind=body.kind,
        title=body.title,
        doc_number=body.doc_number,
        doc_date=body.doc_date,
        nomination=n,
        member_id=body.member_id,
        group=body.group,
        team=body.team,
        public=body.public,
        public_name=body.public_name,
        public_summary=body.public_summary,
    )
    return Status(201, selectors.honour_dict(h))


@router.get("/units/{code}/honours", response=list[HonourOut])
@paginate(Page)
def unit_honours(request, code: str, year: int = Query(..., ge=YEAR_MIN, le=YEAR_MAX)):
    """Honours of the unit's subtree (the honoured people and groups) in the year, newest first."""
    unit = get_unit(request.user, code)
    return mapped(selectors.honours_in(unit, year), selectors.honour_dict)


@router.post("/honours/{honour_id}/story", response={201: StoryOut})
def tell_story(request, honour_id: int, body: StoryIn):
    """The exemplar's story; it goes to the good-news calendar as "câu chuyện đẹp"."""
    h = honours.visible(request.user, honour_id)
    s = honours.tell_story(
        request.user, h, title=body.title, text=body.text, url=body.url, published=body.published
    )
    return Status(
        201,
        {
            "id": s.pk,
            "honour": h.pk,
            "title": s.title,
            "url": s.url,
            "published": s.published,
            "post_id": s.post_id,
        },
    )


@router.get("/public", auth=None, response=list[PublicOut])
@paginate(Page)
def public(request):
    """Honoured exemplars who agreed to be shown: only the fields they consented to."""
    return mapped(selectors.public_honours(), selectors.public_dict)


def register(api) -> None:
    """Mount /api/v1/exemplars."""
    api.add_router("/exemplars", router)
