"""/api/v1/plans/extract and /api/v1/plans/drafts: read a plan document, review it, accept it.

The API edge of planimport (was `planimport/endpoints.py`): it calls `planimport/api.py` only."""

from datetime import datetime

from django.utils.translation import gettext
from ninja import Field, File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from doanso.accounts.scoping import get_unit, scope_for
from doanso.core.pagination import Page, mapped
from doanso.planimport import api as planimport

router = Router(tags=["plan import"])


class DraftOut(Schema):
    id: int
    unit: str
    file_name: str
    title: str
    status: str
    plan_id: int | None = None
    created_at: datetime


class ResultOut(Schema):
    """A number the document reports as already achieved; `id` is what accept's `report_results` names."""

    id: str
    line: int | None = None
    value: float
    percent: bool = False
    text: str = ""


class DraftDetail(DraftOut):
    reviewed: dict
    extracted: dict
    problems: list[str]
    results: list[ResultOut]


class AcceptOut(Schema):
    draft: int
    status: str
    plan_id: int | None = None


def _out(d) -> dict:
    return {
        "id": d.pk,
        "unit": d.unit.code,
        "file_name": d.file_name,
        "title": d.title,
        "status": d.status,
        "plan_id": d.plan_id,
        "created_at": d.created_at,
    }


def _detail(d) -> dict:
    return {
        **_out(d),
        "reviewed": d.reviewed,
        "extracted": d.extracted,
        "problems": planimport.check_ready(d),
        "results": [
            {
                "id": planimport.result_id(i),
                "line": x.get("line"),
                "value": x["value"],
                "percent": bool(x.get("percent")),
                "text": x.get("text") or "",
            }
            for i, x in enumerate(d.reviewed.get("results") or [])
        ],
    }


def _staff(request) -> None:
    if not scope_for(request.user).paths:
        raise HttpError(403, gettext("Chỉ cán bộ của một đơn vị mới được dùng chức năng đọc kế hoạch."))


@router.post("/extract", response=dict)
def extract(request, file: File[UploadedFile]):
    """Read a .docx/.pdf/.txt/.md plan and return exactly what `doanso plans extract --json` prints.
    Nothing is stored."""
    _staff(request)
    return planimport.extract_upload(file)


@router.get("/drafts", response=list[DraftOut])
@paginate(Page)
def list_drafts(request, unit: str = ""):
    """Drafts of the units in the caller's scope (of one unit's subtree with `unit`)."""
    qs = planimport.drafts_for(request.user)
    if unit:
        u = get_unit(request.user, unit)
        lo, hi = u.subtree_range
        qs = qs.filter(unit__path__gte=lo, unit__path__lt=hi)
    return mapped(qs, _out)  # newest first (the model's ordering)


@router.post("/drafts", response={201: DraftDetail})
def create_draft(request, unit: str, file: File[UploadedFile]):
    """Upload a plan document for a unit in the caller's scope: it is read and stored as a draft."""
    u = get_unit(request.user, unit)
    return Status(201, _detail(planimport.create_draft(request.user, u, file)))


@router.get("/drafts/{draft_id}", response=DraftDetail)
def get_draft(request, draft_id: int):
    return _detail(planimport.get_draft(request.user, draft_id))


class ReviewIn(Schema):
    """Lengths as the plan's columns the accepted draft writes (plans.models.Plan)."""

    title: str = Field(..., max_length=500)
    kind: str = Field("ke_hoach", max_length=20)
    origin: str = Field("parent", max_length=20)
    number: str | None = Field(None, max_length=60)
    date: str | None = Field(None, max_length=40)
    place: str | None = Field(None, max_length=80)
    issuer: str | None = Field(None, max_length=300)
    period: dict | None = None
    targets: list[dict] | None = Field(None, max_length=1000)
    deadlines: list[dict] | None = Field(None, max_length=1000)
    recurring: list[dict] | None = Field(None, max_length=1000)


@router.put("/drafts/{draft_id}", response=DraftDetail)
def review_draft(request, draft_id: int, payload: ReviewIn):
    """Replace the reviewed version: metadata and (when given) the lists of targets, deadlines and
    recurring duties; each target may carry `indicator` (a catalogue code)."""
    d = planimport.get_draft(request.user, draft_id)
    planimport.replace_reviewed(request.user, d, payload.dict())
    d.refresh_from_db()
    return _detail(d)


class ResultPick(Schema):
    id: str = Field(..., max_length=12, description="a result's id from the draft (x1, x2, …)")
    indicator: str = Field(..., max_length=40, description="the catalogue code the value is reported as")


class AcceptIn(Schema):
    """Both optional: a body-less POST accepts a plan with targets and writes no result."""

    without_targets: bool = Field(False, description="accept a plan with deadlines or duties but no target")
    report_results: list[ResultPick] = Field(default_factory=list, max_length=1000)


@router.post("/drafts/{draft_id}/accept", response=AcceptOut)
def accept_draft(request, draft_id: int, payload: AcceptIn | None = None):
    """Create the plan (targets, obligations) from the reviewed draft; 400 with the reasons if not ready.

    `without_targets` accepts a plan without targets (as the review screen's checkbox does);
    `report_results` writes the named results into the reports the draft's unit owes (drafts)."""
    payload = payload or AcceptIn()
    d = planimport.get_draft(request.user, draft_id)
    picks = {p.id: p.indicator for p in payload.report_results}
    plan = planimport.accept(request.user, d, without_targets=payload.without_targets, report_results=picks)
    d.refresh_from_db()
    return {"draft": d.pk, "status": d.status, "plan_id": plan.pk if plan else None}


@router.delete("/drafts/{draft_id}", response={204: None})
def delete_draft(request, draft_id: int):
    d = planimport.get_draft(request.user, draft_id)
    planimport.discard(request.user, d)
    return Status(204, None)


def register(api) -> None:
    api.add_router("/plans", router)
    # The plans router, registered earlier, has `/plans/{plan_id}` with a str converter, which
    # would swallow `/plans/extract` and `/plans/drafts` (405). Mount ours before it; once the
    # plans routes use `{int:plan_id}` this is unnecessary (and harmless).
    regs = getattr(api, "_router_registrations", None)
    if isinstance(regs, list) and regs and regs[-1][1] is router:
        mine = regs.pop()
        first = next((i for i, reg in enumerate(regs) if reg[0] == "/plans"), len(regs))
        regs.insert(first, mine)
