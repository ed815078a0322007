"""The activities app's routes of /api/v1/ (api/urls.py calls `register`): thin, services write."""

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from doanso.accounts.scoping import get_unit, scope_for
from doanso.activities import attendance, catalogue, indicators, outputs, selectors, services
from doanso.activities.models import Activity, Output, Participation, Registration
from doanso.core.calendar import periods
from doanso.core.errors import Refused, UserError
from doanso.core.vn_schema import MAX_IDS, VnDate, VnDecimal
from doanso.members.api import Member

types = Router(tags=["activities"])
router = Router(tags=["activities"])
output_router = Router(tags=["activities"])
figures_router = Router(tags=["activities"])
me = Router(tags=["activities"])


class TypeOut(Schema):
    code: str
    name: str
    volunteer: bool
    unit: str | None = None


class TypesOut(Schema):
    items: list[TypeOut]
    count: int


class TypeIn(Schema):
    code: str = Field(..., min_length=2, max_length=40, pattern=r"^[a-z0-9_]+$")
    name: str = Field(..., min_length=1, max_length=120)
    unit: str = Field(..., min_length=1, max_length=40)
    volunteer: bool = False


@types.get("", response=TypesOut)
def list_types(request):
    rows = selectors.types_for(request.user).select_related("unit")
    items = [
        {"code": t.code, "name": t.name, "volunteer": t.volunteer, "unit": t.unit.code if t.unit else None}
        for t in rows
    ]
    return {"items": items, "count": len(items)}


@types.post("", response={201: TypeOut})
def add_type(request, body: TypeIn):
    unit = get_unit(request.user, body.unit)
    t = catalogue.add_type(request.user, unit, code=body.code, name=body.name, volunteer=body.volunteer)
    return Status(201, {"code": t.code, "name": t.name, "volunteer": t.volunteer, "unit": unit.code})


class ActivityIn(Schema):
    unit: str = Field(..., min_length=1, max_length=40)
    title: str = Field(..., min_length=1, max_length=300)
    type: str = Field(..., min_length=1, max_length=40)
    start: datetime
    end: datetime
    indicators: list[str] = Field(default_factory=list, max_length=50)
    audience: list[str] = Field(default_factory=list, max_length=MAX_IDS)
    co_organisers: list[str] = Field(default_factory=list, max_length=50)
    campaign: int | None = Field(None, ge=1, le=2**63 - 1)
    description: str = Field("", max_length=5000)
    place_name: str = Field("", max_length=300)
    lat: VnDecimal | None = Field(None, ge=-90, le=90, decimal_places=6)
    lon: VnDecimal | None = Field(None, ge=-180, le=180, decimal_places=6)
    capacity: int | None = Field(None, ge=1, le=1_000_000)
    hours: VnDecimal = Field(Decimal(0), ge=0, le=999, decimal_places=1)
    open_to_public: bool = False


class OrganiserOut(Schema):
    unit: str
    unit_name: str
    role: str


class ActivityOut(Schema):
    id: int
    unit: str
    unit_name: str
    title: str
    type: str
    type_name: str
    campaign: str | None
    start: datetime
    end: datetime
    place_name: str
    lat: float | None
    lon: float | None
    capacity: int | None
    hours: float
    open_to_public: bool
    status: str
    indicators: list[str]
    audience: list[str]
    organisers: list[OrganiserOut]
    participations: int
    registrations: int
    can_manage: bool
    registered: bool


def activity_out(a: Activity, user, manage: bool | None = None) -> dict:
    manage = selectors.can_manage(user, a) if manage is None else manage
    member_id = getattr(user, "member_id", None)
    return {
        "id": a.pk,
        "unit": a.unit.code,
        "unit_name": a.unit.name,
        "title": a.title,
        "type": a.type.code,
        "type_name": a.type.name,
        "campaign": a.campaign.name if a.campaign_id else None,
        "start": a.start,
        "end": a.end,
        "place_name": a.place_name,
        "lat": float(a.lat) if a.lat is not None else None,
        "lon": float(a.lon) if a.lon is not None else None,
        "capacity": a.capacity,
        "hours": float(a.hours),
        "open_to_public": a.open_to_public,
        "status": a.status,
        "indicators": list(a.indicators.values_list("code", flat=True)),
        "audience": list(a.audience.values_list("code", flat=True)),
        "organisers": [{"unit": a.unit.code, "unit_name": a.unit.name, "role": "chu_tri"}]
        + [
            {"unit": o.unit.code, "unit_name": o.unit.name, "role": o.role}
            for o in a.organisers.select_related("unit")
        ],
        "participations": a.participations_count,
        "registrations": a.registrations.count(),
        "can_manage": manage,
        "registered": bool(member_id) and a.registrations.filter(member_id=member_id).exists(),
    }


class ActivityList(Schema):
    items: list[ActivityOut]
    count: int


class ListFilter(Schema):
    unit: str | None = Field(None, max_length=40)
    type: str | None = Field(None, max_length=40)
    status: str | None = Field(None, max_length=10)
    date_from: VnDate | None = Field(None, alias="from")
    date_to: VnDate | None = Field(None, alias="to")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=100_000)


@router.get("", response=ActivityList)
def list_activities(request, f: Query[ListFilter]):
    qs = selectors.visible(request.user).select_related("unit", "type", "campaign")
    if f.unit:
        unit = get_unit(request.user, f.unit)
        lo, hi = unit.subtree_range
        qs = qs.filter(unit__path__gte=lo, unit__path__lt=hi)
    if f.type:
        qs = qs.filter(type__code=f.type)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.date_from:
        qs = qs.filter(end__date__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(start__date__lte=f.date_to)
    count = qs.count()
    managed = set(selectors.managed(request.user).values_list("pk", flat=True))
    items = [activity_out(a, request.user, a.pk in managed) for a in qs[f.offset : f.offset + f.limit]]
    return {"items": items, "count": count}


@router.post("", response={201: ActivityOut})
def create_activity(request, body: ActivityIn):
    unit = get_unit(request.user, body.unit)
    fields = services.ActivityFields(
        title=body.title,
        type_code=body.type,
        start=body.start,
        end=body.end,
        indicators=body.indicators,
        audience=body.audience,
        co_organisers=body.co_organisers,
        campaign_id=body.campaign,
        place_name=body.place_name,
        lat=body.lat,
        lon=body.lon,
        capacity=body.capacity,
        hours=body.hours,
        open_to_public=body.open_to_public,
        description=body.description,
    )
    a = services.create_activity(request.user, unit=unit, fields=fields)
    return Status(201, activity_out(a, request.user, True))


@router.get("/{activity_id}", response=ActivityOut)
def get_activity(request, activity_id: int):
    return activity_out(selectors.get_visible(request.user, activity_id), request.user)


class ActivityStatusIn(Schema):
    status: str = Field(..., max_length=10)


@router.post("/{activity_id}/status", response=ActivityOut)
def set_status(request, activity_id: int, body: ActivityStatusIn):
    a = services.set_status(request.user, selectors.get_managed(request.user, activity_id), body.status)
    return activity_out(a, request.user, True)


class QrOut(Schema):
    token: str
    valid_seconds: int


@router.get("/{activity_id}/qr", response=QrOut)
def qr_token(request, activity_id: int):
    """The current check-in token the organiser's screen shows as a QR (refreshed by the page)."""
    from django.conf import settings

    a = selectors.get_managed(request.user, activity_id)
    return {"token": services.qr_token(a), "valid_seconds": settings.DOANSO_ACTIVITY_QR_SECONDS}


class RegistrationIn(Schema):
    member: int | None = Field(None, ge=1, le=2**63 - 1)


class RegistrationOut(Schema):
    id: int
    member: int
    member_name: str
    confirmed: bool
    created_at: datetime


def _registration_out(r: Registration) -> dict:
    return {
        "id": r.pk,
        "member": r.member_id,
        "member_name": r.member.full_name,
        "confirmed": r.confirmed,
        "created_at": r.created_at,
    }


@router.post("/{activity_id}/registrations", response={200: RegistrationOut, 201: RegistrationOut})
def register_member(request, activity_id: int, body: RegistrationIn):
    """A member registers themself; the organiser's staff may register a member by id."""
    user = request.user
    if body.member is None or body.member == getattr(user, "member_id", None):
        activity = selectors.get_visible(user, activity_id)
        member = getattr(user, "member", None) if getattr(user, "member_id", None) else None
        if member is None:
            raise Refused(gettext("Tài khoản này không gắn với hồ sơ đoàn viên nào."), field="member")
    else:
        activity = selectors.get_managed(user, activity_id)
        member = Member.objects.filter(pk=body.member).filter(scope_for(user).q("branch__path")).first()
        if member is None:
            raise UserError(
                gettext("Không tìm thấy đoàn viên mã %(id)s.") % {"id": body.member}, field="member"
            )
    reg, created = services.register(user, activity, member)
    return Status(201 if created else 200, _registration_out(reg))


class RegistrationList(Schema):
    items: list[RegistrationOut]
    count: int


@router.get("/{activity_id}/registrations", response=RegistrationList)
def list_registrations(request, activity_id: int):
    a = selectors.get_managed(request.user, activity_id)
    rows = a.registrations.select_related("member").order_by("created_at")[:5000]
    items = [_registration_out(r) for r in rows]
    return {"items": items, "count": a.registrations.count()}


@router.post("/{activity_id}/registrations/{registration_id}/confirm", response=RegistrationOut)
def confirm_registration(request, activity_id: int, registration_id: int):
    a = selectors.get_managed(request.user, activity_id)
    return _registration_out(services.confirm_registration(request.user, a, registration_id))


class CheckinIn(Schema):
    member: int | None = Field(None, ge=1, le=2**63 - 1)
    card: str | None = Field(None, max_length=200, description="Nội dung QR thẻ đoàn viên điện tử")
    token: str | None = Field(None, max_length=200, description="Mã QR của hoạt động (đoàn viên tự quét)")
    guest_name: str = Field("", max_length=120)
    guest_phone: str = Field("", max_length=20)
    nonce: str | None = Field(None, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    at: datetime | None = Field(None, description="Thời điểm quét (hàng đợi ngoại tuyến gửi lại)")


class CheckinOut(Schema):
    id: int
    activity: int
    member: int | None
    name: str
    method: str
    hours: float
    at: datetime
    nonce: str | None
    participations: int


def _checkin_out(p: Participation) -> dict:
    return {
        "id": p.pk,
        "activity": p.activity_id,
        "member": p.member_id,
        "name": p.member.full_name if p.member_id else p.guest_name,
        "method": p.method,
        "hours": float(p.hours),
        "at": p.at,
        "nonce": p.nonce,
        # the count the check-in's own UPDATE returned; a replayed scan loads the activity afresh
        "participations": p.activity.participations_count,
    }


@router.post("/{activity_id}/checkins", response={200: CheckinOut, 201: CheckinOut})
def check_in(request, activity_id: int, body: CheckinIn):
    """201 a new lượt; 200 the same nonce sent again (counted once); 409 the same person twice."""
    if body.token is not None and (body.member or body.card or body.guest_name):
        raise UserError(
            gettext("Chỉ gửi mã QR hoạt động, hoặc đoàn viên/khách, không gửi cả hai."), field="token"
        )
    if body.token is None and not (body.member or body.card or body.guest_name or body.guest_phone):
        raise UserError(gettext("Cần gửi “member”, “card”, “token” hoặc thông tin khách."), field="member")
    p, created = services.check_in(
        request.user,
        activity_id,
        member_id=body.member,
        card=body.card,
        token=body.token,
        guest_name=body.guest_name,
        guest_phone=body.guest_phone,
        nonce=body.nonce,
        at=body.at,
    )
    return Status(201 if created else 200, _checkin_out(p))


class CheckinList(Schema):
    items: list[CheckinOut]
    count: int


@router.get("/{activity_id}/checkins", response=CheckinList)
def list_checkins(request, activity_id: int):
    a = selectors.get_managed(request.user, activity_id)
    rows = a.participations.select_related("member").order_by("-at")[:5000]
    return {"items": [_checkin_out(p) for p in rows], "count": a.participations_count}


class ImportOut(Schema):
    added: int
    skipped: int
    participations: int


@router.post("/{activity_id}/attendance", response={201: ImportOut})
def attendance_file(request, activity_id: int, file: File[UploadedFile]):
    """An attendance file (CSV/XLSX, field "file") for an event held offline: all rows or none."""
    a = selectors.get_managed(request.user, activity_id)
    f = file
    added, skipped = attendance.load(request.user, a, f)
    a.refresh_from_db(fields=["participations_count"])
    return Status(201, {"added": added, "skipped": skipped, "participations": a.participations_count})


class OutputIn(Schema):
    indicator: str = Field(..., min_length=1, max_length=40)
    value: VnDecimal
    note: str = Field("", max_length=500)


class OutputOut(Schema):
    id: int
    activity: int
    indicator: str
    indicator_name: str
    value: float
    note: str
    status: str
    reason: str
    photos: int
    can_decide: bool


def _output_out(o: Output, user) -> dict:
    return {
        "id": o.pk,
        "activity": o.activity_id,
        "indicator": o.indicator.code,
        "indicator_name": o.indicator.name,
        "value": float(o.value),
        "note": o.note,
        "status": o.status,
        "reason": o.reason,
        "photos": o.photos.count(),
        "can_decide": outputs.can_decide(user, o),
    }


@router.post("/{activity_id}/outputs", response={201: OutputOut})
def record_output(request, activity_id: int, body: OutputIn):
    a = selectors.get_managed(request.user, activity_id)
    o = outputs.record_output(request.user, a, indicator=body.indicator, value=body.value, note=body.note)
    return Status(201, _output_out(o, request.user))


class OutputList(Schema):
    items: list[OutputOut]
    count: int


@router.get("/{activity_id}/outputs", response=OutputList)
def list_outputs(request, activity_id: int):
    a = selectors.get_visible(request.user, activity_id)
    if not selectors.can_manage(request.user, a) and not scope_for(request.user).covers(a.unit.path):
        raise Http404
    rows = a.outputs.select_related("indicator", "activity__unit").order_by("id")
    return {"items": [_output_out(o, request.user) for o in rows], "count": rows.count()}


class ReasonIn(Schema):
    reason: str = Field(..., min_length=1, max_length=500)


@output_router.post("/{output_id}/verify", response=OutputOut)
def verify_output(request, output_id: int):
    o = outputs.verify(request.user, outputs.visible_output(request.user, output_id))
    return _output_out(o, request.user)


@output_router.post("/{output_id}/return", response=OutputOut)
def return_output(request, output_id: int, body: ReasonIn):
    o = outputs.give_back(request.user, outputs.visible_output(request.user, output_id), body.reason)
    return _output_out(o, request.user)


class FigureOut(Schema):
    code: str
    records: float
    added: float
    total: float


class FiguresOut(Schema):
    unit: str
    period: str
    items: list[FigureOut]


@figures_router.get("", response=FiguresOut)
def figures(request, unit: str = Query(..., max_length=40), period: str = Query(..., max_length=10)):
    """The app's indicators for a unit's subtree: from records and added from outside, apart."""
    u = get_unit(request.user, unit)
    p = periods.parse(period)
    data = indicators.figures(u, p)
    return {"unit": u.code, "period": p.id, "items": [{"code": c, **v} for c, v in data.items()]}


class ExtraIn(Schema):
    unit: str = Field(..., min_length=1, max_length=40)
    indicator: str = Field(..., min_length=1, max_length=40)
    on: VnDate
    value: VnDecimal
    note: str = Field(..., min_length=1, max_length=500)


class ExtraOut(Schema):
    id: int
    unit: str
    indicator: str
    on: date
    value: float
    note: str


@figures_router.post("", response={201: ExtraOut})
def add_extra(request, body: ExtraIn):
    u = get_unit(request.user, body.unit)
    x = outputs.add_extra(
        request.user, u, indicator=body.indicator, on=body.on, value=body.value, note=body.note
    )
    return Status(
        201,
        {
            "id": x.pk,
            "unit": u.code,
            "indicator": body.indicator,
            "on": x.on,
            "value": float(x.value),
            "note": x.note,
        },
    )


class MyActivity(Schema):
    id: int
    title: str
    unit_name: str
    type: str
    start: datetime
    end: datetime
    registered: bool
    checked_in_at: datetime | None
    hours: float


class MyActivities(Schema):
    items: list[MyActivity]
    count: int
    participations: int
    hours: float


@me.get("", response=MyActivities)
def my_activities(request):
    """The member's registrations and check-ins, with their volunteer hours."""
    member_id = getattr(request.user, "member_id", None)
    if not member_id:
        return {"items": [], "count": 0, "participations": 0, "hours": 0}
    parts = {p.activity_id: p for p in Participation.objects.filter(member_id=member_id)}
    regs = set(Registration.objects.filter(member_id=member_id).values_list("activity_id", flat=True))
    rows = (
        Activity.objects.filter(pk__in=set(parts) | regs)
        .select_related("unit", "type")
        .order_by("-start")[:500]
    )
    items = [
        {
            "id": a.pk,
            "title": a.title,
            "unit_name": a.unit.name,
            "type": a.type.code,
            "start": a.start,
            "end": a.end,
            "registered": a.pk in regs,
            "checked_in_at": parts[a.pk].at if a.pk in parts else None,
            "hours": float(parts[a.pk].hours) if a.pk in parts else 0.0,
        }
        for a in rows
    ]
    return {
        "items": items,
        "count": len(items),
        "participations": len(parts),
        "hours": float(sum((p.hours for p in parts.values()), Decimal(0))),
    }


campaigns = Router(tags=["activities"])


class CampaignIn(Schema):
    unit: str = Field(..., min_length=1, max_length=40)
    name: str = Field(..., min_length=1, max_length=catalogue.MAX_NAME)
    starts_on: VnDate | None = None
    ends_on: VnDate | None = None


class CampaignOut(Schema):
    id: int
    name: str
    unit: str
    unit_name: str
    starts_on: date | None
    ends_on: date | None


class CampaignList(Schema):
    items: list[CampaignOut]
    count: int


def _campaign_out(c) -> dict:
    return {
        "id": c.pk,
        "name": c.name,
        "unit": c.unit.code,
        "unit_name": c.unit.name,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
    }


@campaigns.get("", response=CampaignList)
def list_campaigns(request):
    """Campaigns of the caller's units and of the units above them."""
    rows = [
        _campaign_out(c) for c in catalogue.campaigns_for(request.user).order_by("-starts_on", "name")[:500]
    ]
    return {"items": rows, "count": len(rows)}


@campaigns.post("", response={201: CampaignOut})
def add_campaign(request, body: CampaignIn):
    unit = get_unit(request.user, body.unit)
    c = catalogue.add_campaign(
        request.user, unit, name=body.name, starts_on=body.starts_on, ends_on=body.ends_on
    )
    return Status(201, _campaign_out(c))


def register(api) -> None:
    """Add this app's routers to the API."""
    api.add_router("/activity-types", types)
    api.add_router("/activity-campaigns", campaigns)
    api.add_router("/activities", router)
    api.add_router("/activity-outputs", output_router)
    api.add_router("/activity-figures", figures_router)
    api.add_router("/me/activities", me)
    from doanso.activities import meetings_api  # branch meetings (issue 14 item 8)

    meetings_api.register(api)
