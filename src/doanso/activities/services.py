"""Writes of activities: creating them, registering, and checking people in.

Each check-in is one transaction: the participation row, the activity's count (a conditional
UPDATE that also enforces capacity without locking) and the subtree counters move together, so a
refused or failed check-in leaves nothing behind and nothing is ever counted twice.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from doanso.accounts.scoping import scope_for
from doanso.activities import catalogue, counting, crowd, qr, selectors
from doanso.activities.models import (
    Activity,
    ActivityType,
    Campaign,
    Method,
    Organiser,
    Participation,
    Registration,
    Role,
    Status,
)
from doanso.core import audit, bulk, crypto
from doanso.core.errors import ConflictError, Refused, UserError
from doanso.members.api import Member, card_member_id
from doanso.org.models import Unit
from doanso.plans.models import Indicator


def _indicators(codes: list[str]) -> list[Indicator]:
    found = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    for c in codes:
        if c not in found:
            raise UserError(
                gettext("Chỉ số “%(code)s” không có trong danh mục.") % {"code": c}, field="indicators"
            )
    return [found[c] for c in dict.fromkeys(codes)]


def _type(user, code: str) -> ActivityType:
    t = selectors.types_for(user).filter(code=code).first()
    if t is None:
        raise UserError(
            gettext("Loại hoạt động “%(code)s” không có trong danh mục.") % {"code": code}, field="type"
        )
    return t


def _check_times(start: datetime, end: datetime) -> None:
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise UserError(
            gettext("Thời gian phải có múi giờ (ví dụ 2026-11-30T07:00:00+07:00)."), field="start"
        )
    if end <= start:
        raise UserError(gettext("Thời gian kết thúc phải sau thời gian bắt đầu."), field="end")
    if end - start > timedelta(days=366):
        raise UserError(gettext("Một hoạt động không kéo dài quá một năm."), field="end")


def _units_in_scope(user, codes: list[str], field: str) -> list[Unit]:
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    scope = scope_for(user)
    for c in codes:
        if c not in units or not scope.covers(units[c].path):
            raise UserError(gettext("Không tìm thấy đơn vị “%(code)s”.") % {"code": c}, field=field)
    return [units[c] for c in dict.fromkeys(codes)]


@dataclass(frozen=True)
class ActivityFields:
    """What is written about an activity, the same whether it is being created or edited (the form,
    the API and branch meetings fill one in); the organising unit is not among them: it is chosen
    once, at creation."""

    title: str
    type_code: str
    start: datetime
    end: datetime
    indicators: Sequence[str] = ()
    audience: Sequence[str] = ()
    co_organisers: Sequence[str] = ()
    campaign_id: int | None = None
    place_name: str = ""
    lat: Decimal | None = None
    lon: Decimal | None = None
    capacity: int | None = None
    hours: Decimal = Decimal(0)
    open_to_public: bool = False
    description: str = ""


def check_fields(user, fields: ActivityFields) -> tuple[ActivityType, Campaign | None]:
    """The rules creating and editing share (a title, sensible times, a whole place, the catalogue
    type, a campaign of the user's units or the units above them); returns the type and campaign."""
    if not fields.title.strip():
        raise UserError(gettext("Chưa nhập tên hoạt động."), field="title")
    _check_times(fields.start, fields.end)
    if (fields.lat is None) != (fields.lon is None):
        raise UserError(gettext("Cần nhập cả vĩ độ và kinh độ."), field="lat")
    campaign = None if fields.campaign_id is None else catalogue.usable_campaign(user, fields.campaign_id)
    return _type(user, fields.type_code), campaign


@transaction.atomic
def create_activity(user, *, unit: Unit, fields: ActivityFields) -> Activity:
    """Create an activity of a unit in the user's scope (`unit` already scoped by the caller)."""
    if not scope_for(user).covers(unit.path):
        raise Http404
    type_, campaign = check_fields(user, fields)
    a = Activity.objects.create(
        unit=unit,
        title=fields.title.strip(),
        type=type_,
        campaign=campaign,
        start=fields.start,
        end=fields.end,
        place_name=fields.place_name,
        lat=fields.lat,
        lon=fields.lon,
        capacity=fields.capacity,
        hours=fields.hours,
        open_to_public=fields.open_to_public,
        description=fields.description,
        created_by=user if getattr(user, "pk", None) else None,
    )
    a.indicators.set(_indicators(list(fields.indicators)))
    audit.record(user, "activity.create", a, unit=unit, title=a.title)
    # the audience stays inside the user's scope (else staff could check in, and so learn about,
    # members they may not see); co-organisers too: the form picks them among the units the user
    # sees, and a code outside reads as unknown (no existence leak)
    a.audience.set(_units_in_scope(user, list(fields.audience), "audience"))
    for u in _units_in_scope(user, list(fields.co_organisers), "co_organisers"):
        if u.pk != unit.pk:
            Organiser.objects.create(activity=a, unit=u, role=Role.SUPPORT)
    return a


def _window_check(activity: Activity, at: datetime) -> None:
    early = timedelta(minutes=settings.DOANSO_CHECKIN_EARLY_MINUTES)
    if activity.status == Status.CANCELLED:
        raise ConflictError(gettext("Hoạt động đã bị huỷ, không thể điểm danh."), field="activity")
    if at < activity.start - early:
        raise ConflictError(
            gettext("Chưa đến giờ điểm danh: hoạt động bắt đầu lúc %(when)s.")
            % {"when": _when(activity.start)},
            field="at",
        )
    if at > activity.end:
        raise ConflictError(
            gettext("Đã hết giờ điểm danh: hoạt động kết thúc lúc %(when)s.") % {"when": _when(activity.end)},
            field="at",
        )


def _when(dt: datetime) -> str:
    from doanso.core import vn

    local = timezone.localtime(dt)
    return f"{local:%H:%M} {vn.format_date(local.date())}"


@transaction.atomic
def register(user, activity: Activity, member: Member) -> tuple[Registration, bool]:
    """Register a member (themself, or by the organiser's staff); a second time returns the first."""
    if activity.status != Status.PLANNED or activity.end < timezone.now():
        raise ConflictError(
            gettext("Hoạt động đã kết thúc hoặc bị huỷ, không nhận đăng ký."), field="activity"
        )
    _audience_check(activity, member)
    reg, created = Registration.objects.get_or_create(activity=activity, member=member)
    return reg, created


def _audience_check(activity: Activity, member: Member) -> None:
    if member.status != "active":
        raise Refused(gettext("Đoàn viên không còn sinh hoạt, không thể tham gia."), field="member")
    if not selectors.member_eligible(activity, member.branch.path):
        raise Refused(
            gettext("Đoàn viên mã %(id)s không thuộc đối tượng tham gia hoạt động này.") % {"id": member.pk},
            field="member",
        )


def _member_found(member: Member | None, member_id: int | None, card: str | None) -> None:
    """The staff's scan named a member who exists (a card that is ours and unaltered)."""
    if card and member_id is None:
        raise UserError(
            gettext("Mã thẻ đoàn viên không hợp lệ (không do hệ thống cấp hoặc đã bị sửa)."), field="card"
        )
    if member is None:
        raise UserError(gettext("Không tìm thấy đoàn viên mã %(id)s.") % {"id": member_id}, field="member")


def check_in(
    user,
    activity_id: int,
    *,
    member_id: int | None = None,
    card: str | None = None,
    token: str | None = None,
    guest_name: str = "",
    guest_phone: str = "",
    nonce: str | None = None,
    at: datetime | None = None,
    method: str | None = None,
) -> tuple[Participation, bool]:
    """Record one participation; returns (row, created). A nonce seen before returns the first row
    (created False) so a retried or replayed upload is counted once."""
    nonce = (nonce or "").strip() or None
    if nonce:
        prior = Participation.objects.filter(nonce=nonce).first()
        if prior is not None:
            if prior.activity_id != activity_id:
                raise ConflictError(gettext("Mã lần quét (nonce) đã dùng cho hoạt động khác."), field="nonce")
            selectors.get_visible(user, activity_id)  # no peeking at others' check-ins by nonce
            return prior, False
    now = timezone.now()
    if token is not None:  # a member scans the activity's QR
        activity, member = selectors.for_check_in(activity_id, getattr(user, "member_id", None))
        if activity is None:
            raise Http404
        if member is None:
            raise Refused(gettext("Tài khoản này không gắn với hồ sơ đoàn viên nào."), field="token")
        qr.read(token, activity.pk, activity.qr_version)
        at, method = now, Method.SELF_SCAN
    else:
        guest = bool(guest_name or guest_phone)
        wanted = None if guest else (card_member_id(card) if card else member_id)
        activity, member = selectors.get_managed_for_check_in(user, activity_id, wanted)
        if at is None:
            at = now
        elif at > now + timedelta(minutes=5):
            raise UserError(gettext("Thời điểm quét ở tương lai."), field="at")
        if not guest:
            _member_found(member, wanted, card)
        method = method or (Method.WALK_IN if member is None else Method.STAFF_SCAN)
    _window_check(activity, at)
    if member is not None:
        _audience_check(activity, member)
        who_text = member.full_name
        fields = {"member": member}
        who = f"m{member.pk}"
    else:
        if not activity.open_to_public:
            raise Refused(
                gettext("Hoạt động này chỉ dành cho đoàn viên, không nhận khách vãng lai."),
                field="guest_name",
            )
        if not guest_name.strip():
            raise UserError(gettext("Chưa nhập họ tên khách."), field="guest_name")
        phone = "".join(ch for ch in guest_phone if ch.isdigit())
        if not 9 <= len(phone) <= 11:
            raise UserError(
                gettext("Số điện thoại của khách không hợp lệ (9–11 chữ số)."), field="guest_phone"
            )
        h = crypto.lookup_hash(phone)
        fields = {
            "guest_name": guest_name.strip()[:120],
            "guest_phone_enc": crypto.encrypt(phone),
            "guest_phone_hash": h,
        }
        who, who_text = f"g{h[:60]}", guest_name.strip()
    try:
        with crowd.atomic():
            return write_participation(user, activity, fields, who, who_text, method, at, nonce), True
    except Twice:
        if nonce:  # the same scan sent twice at once: the other request wrote it
            prior = Participation.objects.filter(nonce=nonce, activity=activity).first()
            if prior is not None:
                return prior, False
        raise


class Twice(ConflictError):
    """The person (or the scan's nonce) is already counted at the activity."""


def _take_place(activity: Activity) -> int | None:
    """One more lượt on the activity unless it is full: the new count, or None when full (one
    statement, so two check-ins for the last place cannot both get it)."""
    table = connection.ops.quote_name(Activity._meta.db_table)
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {table} SET participations_count = participations_count + 1 WHERE id = %s "
            "AND (capacity IS NULL OR participations_count < capacity) RETURNING participations_count",
            [activity.pk],
        )
        row = cur.fetchone()
    return None if row is None else row[0]


def _person(fields: dict) -> Q:
    return (
        Q(member=fields["member"]) if "member" in fields else Q(guest_phone_hash=fields["guest_phone_hash"])
    )


def _twice(activity: Activity, fields: dict, who_text: str) -> str:
    first = Participation.objects.filter(_person(fields), activity=activity).first()
    when = _when(first.at) if first else ""
    return gettext("%(name)s đã điểm danh hoạt động này rồi (lúc %(when)s); không tính thêm lượt.") % {
        "name": who_text,
        "when": when,
    }


def write_participation(user, activity, fields, who, who_text, method, at, nonce) -> Participation:
    """The caller holds the transaction (`crowd.atomic()` for a lone check-in). On PostgreSQL one
    statement writes everything (crowd.py); on SQLite the row goes in with one statement that a
    unique constraint (the person, or the nonce) turns into nothing, and the rows every check-in of
    the activity shares (its count, the organising unit's and its ancestors' counters) come last."""
    p = Participation(
        activity=activity,
        hours=activity.hours,
        method=method,
        nonce=nonce,
        at=at,
        recorded_by=user if getattr(user, "pk", None) else None,
        **fields,
    )
    on = timezone.localtime(at).date()
    tenths = int(activity.hours * 10)
    if connection.vendor == "postgresql":
        outcome, count = crowd.write(p, activity.unit.path, on, activity.type.code, tenths, who)
        if outcome is crowd.Outcome.TWICE or (
            outcome is crowd.Outcome.FULL
            and Participation.objects.filter(_person(fields), activity=activity).exists()
        ):
            raise Twice(_twice(activity, fields, who_text), field="member")
    else:
        if not bulk.insert_unless_conflict(p):
            raise Twice(_twice(activity, fields, who_text), field="member")
        first_seen = counting.first_seen(activity.unit.path, on, who)
        count = _take_place(activity)
        if count is not None:
            counting.participation(activity.unit.path, on, activity.type.code, tenths, who, seen=first_seen)
    if count is None:  # SQLite: the caller's transaction rolls the row back
        raise ConflictError(
            gettext("Hoạt động đã đủ %(n)s người, không nhận thêm.") % {"n": activity.capacity},
            field="activity",
        )
    activity.participations_count = count
    return p


@transaction.atomic
def confirm_registration(user, activity: Activity, registration_id: int) -> Registration:
    reg = Registration.objects.filter(pk=registration_id, activity=activity).first()
    if reg is None:
        raise Http404
    reg.confirmed = True
    reg.save(update_fields=["confirmed"])
    audit.record(user, "activity.registration.confirm", reg, unit=activity.unit)
    return reg


@transaction.atomic
def set_status(user, activity: Activity, status: str) -> Activity:
    if status not in Status.values:
        raise UserError(gettext("Trạng thái “%(s)s” không hợp lệ.") % {"s": status}, field="status")
    activity.status = status
    activity.save(update_fields=["status"])
    audit.record(user, "activity.status", activity, unit=activity.unit, status=status)
    return activity


def refresh_qr(activity: Activity) -> None:
    """Void every code issued so far (a screen photographed and shared)."""
    Activity.objects.filter(pk=activity.pk).update(qr_version=F("qr_version") + 1)
    activity.refresh_from_db(fields=["qr_version"])


def qr_token(activity: Activity) -> str:
    return qr.make(activity.pk, activity.qr_version)
