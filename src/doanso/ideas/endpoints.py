"""/api/v1/ideas: submit, review, support, report and moderate ideas; the public gallery.

Thin: schemas validate, `access` scopes (404 outside the caller's units), `services` write."""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from doanso.core.pagination import Page, mapped
from doanso.core.vn_schema import VnDecimal
from doanso.ideas import access, services, workflow
from doanso.ideas.models import Field as IdeaField
from doanso.ideas.models import Idea

router = Router(tags=["ideas"])

StatusName = Literal["tiep_nhan", "danh_gia", "ho_tro", "trien_khai", "hoan_thanh", "tu_choi"]


class IdeaIn(Schema):
    unit: str = Field(..., min_length=1, max_length=40, description="Mã đơn vị nhận ý tưởng")
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field(..., min_length=1, max_length=10000)
    field: Literal[tuple(IdeaField.values)] = Field(..., description="Lĩnh vực")  # type: ignore[valid-type]
    team: str = Field("", max_length=500, description="Thành viên nhóm (nếu có)")


class IdeaCreated(Schema):
    id: int
    status: str


class IdeaOut(Schema):
    id: int
    unit: str
    unit_name: str
    title: str
    field: str
    field_label: str
    status: str
    status_label: str
    author_name: str
    version: int
    hidden: bool
    created_at: datetime


class TransitionOut(Schema):
    from_status: str
    to_status: str
    note: str
    by: str
    at: datetime


class SupportOut(Schema):
    id: int
    kind: str
    amount: int
    provider: str
    note: str
    at: datetime


class IdeaDetail(IdeaOut):
    description: str
    team: str
    next: list[str]
    endorsements: int
    report_count: int
    transitions: list[TransitionOut]
    supports: list[SupportOut]


class GalleryOut(Schema):
    id: int
    title: str
    field: str
    field_label: str
    status: str
    status_label: str
    author_name: str
    description: str


class TransitionIn(Schema):
    to: StatusName
    note: str = Field("", max_length=1000)
    version: int | None = Field(None, ge=0, le=2**31 - 1, description="Phiên bản đã tải (khoá lạc quan)")


class SupportIn(Schema):
    kind: Literal["kinh_phi", "co_van", "dia_diem", "thiet_bi"]
    provider: str = Field(..., min_length=1, max_length=200, description="Đơn vị hoặc đối tác hỗ trợ")
    amount: VnDecimal = Field(Decimal(0), description="Số tiền (đồng), ví dụ 15.000.000")
    note: str = Field("", max_length=1000)


class ReportIn(Schema):
    reason: Literal["spam", "offensive", "off_topic", "personal_data"]
    details: str = Field("", max_length=1000)


class ModerationIn(Schema):
    decision: Literal["restored", "kept_hidden"]
    note: str = Field("", max_length=1000)


class Created(Schema):
    id: int


def idea_out(i: Idea) -> dict:
    return {
        "id": i.pk,
        "unit": i.unit.code,
        "unit_name": i.unit.name,
        "title": i.title,
        "field": i.field,
        "field_label": str(i.get_field_display()),
        "status": i.status,
        "status_label": str(i.get_status_display()),
        "author_name": i.author_name,
        "version": i.version,
        "hidden": i.hidden,
        "created_at": i.created_at,
    }


def detail_out(i: Idea) -> dict:
    return {
        **idea_out(i),
        "description": i.description,
        "team": i.team,
        "next": workflow.allowed(i.status),
        "endorsements": i.endorsements.count(),
        "report_count": i.report_count,
        "transitions": [
            {
                "from_status": t.from_status,
                "to_status": t.to_status,
                "note": t.note,
                "by": (t.by.get_full_name() or t.by.username) if t.by else "",
                "at": t.at,
            }
            for t in i.transitions.select_related("by")
        ],
        "supports": list(i.supports.values("id", "kind", "amount", "provider", "note", "at")),
    }


@router.post("", response={201: IdeaCreated})
def submit_idea(request, body: IdeaIn):
    """Submit an idea to a unit (one the caller acts for, or the member's own branch or above)."""
    unit = access.submit_unit(request.user, body.unit)
    idea = services.submit(
        request.user, unit, title=body.title, description=body.description, field=body.field, team=body.team
    )
    return Status(201, {"id": idea.pk, "status": idea.status})


@router.get("", response=list[IdeaOut])
@paginate(Page)
def list_ideas(request, unit: str = "", status: str = "", mine: bool = False):
    """Ideas the caller may read (their units' subtrees and their own), newest first."""
    qs = access.visible(request.user)
    if unit:
        from doanso.accounts.scoping import get_unit

        lo, hi = get_unit(request.user, unit).subtree_range
        qs = qs.filter(unit__path__gte=lo, unit__path__lt=hi)
    if status:
        qs = qs.filter(status=status)
    if mine:
        qs = qs.filter(author=request.user)
    return mapped(qs, idea_out)


@router.get("/gallery", response=list[GalleryOut], auth=None)
@paginate(Page)
def gallery(request, field: str = ""):
    """The public gallery (no login): ideas in triển khai or hoàn thành that moderation has not
    hidden, with the author's display name and nothing else personal."""
    qs = access.public()
    if field:
        qs = qs.filter(field=field)
    return mapped(qs, gallery_out)


def gallery_out(i: Idea) -> dict:
    return {
        "id": i.pk,
        "title": i.title,
        "field": i.field,
        "field_label": str(i.get_field_display()),
        "status": i.status,
        "status_label": str(i.get_status_display()),
        "author_name": i.author_name,
        "description": i.description,
    }


@router.get("/moderation", response=list[IdeaOut])
@paginate(Page)
def moderation_queue(request):
    """Reported ideas awaiting a decision, in the units the caller administers."""
    return mapped(access.moderation_queue(request.user), idea_out)


@router.get("/{idea_id}", response=IdeaDetail)
def get_idea(request, idea_id: int):
    """One idea with its review history, supports and counts."""
    return detail_out(access.get_visible(request.user, idea_id))


@router.post("/{idea_id}/transitions", response=IdeaDetail)
def move_idea(request, idea_id: int, body: TransitionIn):
    """Move an idea one step: tiep_nhan→danh_gia→ho_tro→trien_khai→hoan_thanh, or any non-final
    step→tu_choi (with a reason in `note`); anything else is 409."""
    access.get_reviewable(request.user, idea_id)
    idea = services.transition(request.user, idea_id, body.to, body.note, body.version)
    return detail_out(idea)


@router.post("/{idea_id}/supports", response={201: Created})
def support_idea(request, idea_id: int, body: SupportIn):
    """Record support (money in VND, mentoring, venue, equipment) from a unit or partner."""
    idea = access.get_reviewable(request.user, idea_id)
    s = services.add_support(
        request.user, idea, kind=body.kind, provider=body.provider, amount=body.amount, note=body.note
    )
    return Status(201, {"id": s.pk})


@router.post("/{idea_id}/endorsements", response={201: Created})
def endorse_idea(request, idea_id: int):
    """The caller supports the idea (once)."""
    idea = access.get_reportable(request.user, idea_id)
    return Status(201, {"id": services.endorse(request.user, idea).pk})


@router.post("/{idea_id}/reports", response={201: IdeaOut})
def report_idea(request, idea_id: int, body: ReportIn):
    """Report an idea; after DOANSO_MODERATION_HIDE_AFTER reports it leaves the public gallery."""
    idea = access.get_reportable(request.user, idea_id)
    return Status(
        201, idea_out(services.report(request.user, idea, reason=body.reason, details=body.details))
    )


@router.post("/{idea_id}/moderation", response=IdeaOut)
def moderate_idea(request, idea_id: int, body: ModerationIn):
    """A moderator (admin of the idea's unit or above) restores the idea or keeps it hidden."""
    idea = access.get_moderatable(request.user, idea_id)
    return idea_out(services.moderate(request.user, idea, body.decision, body.note))


def register(api) -> None:
    api.add_router("/ideas", router)
