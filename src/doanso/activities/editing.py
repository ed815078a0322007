"""Writes behind the activity pages that `services` did not have: editing an activity and a member
cancelling their registration. Same rules as `services.create_activity` (scope, times, catalogue)."""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from doanso.activities import catalogue, services
from doanso.activities.models import Activity, Organiser, Registration, Role, Status
from doanso.core import audit
from doanso.core.errors import ConflictError, UserError


@transaction.atomic
def update_activity(
    user,
    activity: Activity,
    *,
    title: str,
    type_code: str,
    start: datetime,
    end: datetime,
    indicators: list[str] = (),
    audience: list[str] = (),
    co_organisers: list[str] = (),
    campaign_id: int | None = None,
    place_name: str = "",
    lat: Decimal | None = None,
    lon: Decimal | None = None,
    capacity: int | None = None,
    hours: Decimal = Decimal(0),
    open_to_public: bool = False,
    description: str = "",
) -> Activity:
    """Change an activity the user runs (`activity` from `selectors.get_managed`). Hours and the
    organising unit stay as they were once someone checked in: the counters already hold them."""
    if not title.strip():
        raise UserError(gettext("Chưa nhập tên hoạt động."), field="title")
    services._check_times(start, end)
    if capacity is not None and capacity < activity.participations_count:
        raise UserError(
            gettext("Đã có %(n)s lượt điểm danh; số lượng tối đa không thể nhỏ hơn.")
            % {"n": activity.participations_count},
            field="capacity",
        )
    new_type = services._type(user, type_code)
    if activity.participations_count and (new_type.pk != activity.type_id or hours != activity.hours):
        raise ConflictError(
            gettext("Đã có người điểm danh: không đổi được loại hoạt động và số giờ tình nguyện."),
            field="type" if new_type.pk != activity.type_id else "hours",
        )
    campaign = None if campaign_id is None else catalogue.usable_campaign(user, campaign_id)
    activity.title, activity.type, activity.campaign = title.strip(), new_type, campaign
    activity.start, activity.end, activity.place_name = start, end, place_name
    activity.lat, activity.lon, activity.capacity, activity.hours = lat, lon, capacity, hours
    activity.open_to_public, activity.description = open_to_public, description
    activity.save()
    activity.indicators.set(services._indicators(list(indicators)))
    activity.audience.set(services._units_in_scope(user, list(audience), "audience"))
    wanted = {
        u.pk for u in services._units_in_scope(user, list(co_organisers), "co_organisers", scoped=False)
    }
    wanted.discard(activity.unit_id)
    activity.organisers.exclude(unit_id__in=wanted).delete()
    have = set(activity.organisers.values_list("unit_id", flat=True))
    for uid in wanted - have:
        Organiser.objects.create(activity=activity, unit_id=uid, role=Role.SUPPORT)
    audit.record(user, "activity.update", activity, unit=activity.unit, title=activity.title)
    return activity


@transaction.atomic
def cancel_registration(user, activity: Activity, member) -> bool:
    """The member withdraws before the activity ends; True if there was a registration."""
    if activity.status != Status.PLANNED or activity.end < timezone.now():
        raise ConflictError(gettext("Hoạt động đã kết thúc, không huỷ đăng ký được."), field="activity")
    n, _ = Registration.objects.filter(activity=activity, member=member).delete()
    if n:
        audit.record(user, "activity.registration.cancel", activity, unit=activity.unit)
    return bool(n)
