"""Writes behind the activity pages that `services` did not have: editing an activity and a member
cancelling their registration. Same rules as `services.create_activity` (scope, times, catalogue)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from doanso.activities import services
from doanso.activities.models import Activity, Organiser, Registration, Role, Status
from doanso.core import audit
from doanso.core.errors import ConflictError, UserError


@transaction.atomic
def update_activity(user, activity: Activity, fields: services.ActivityFields) -> Activity:
    """Change an activity the user runs (`activity` from `selectors.get_managed`). Hours and the
    organising unit stay as they were once someone checked in: the counters already hold them."""
    new_type, campaign = services.check_fields(user, fields)
    if fields.capacity is not None and fields.capacity < activity.participations_count:
        raise UserError(
            gettext("Đã có %(n)s lượt điểm danh; số lượng tối đa không thể nhỏ hơn.")
            % {"n": activity.participations_count},
            field="capacity",
        )
    if activity.participations_count and (new_type.pk != activity.type_id or fields.hours != activity.hours):
        raise ConflictError(
            gettext("Đã có người điểm danh: không đổi được loại hoạt động và số giờ tình nguyện."),
            field="type" if new_type.pk != activity.type_id else "hours",
        )
    activity.title, activity.type, activity.campaign = fields.title.strip(), new_type, campaign
    activity.start, activity.end, activity.place_name = fields.start, fields.end, fields.place_name
    activity.lat, activity.lon, activity.capacity = fields.lat, fields.lon, fields.capacity
    activity.hours, activity.open_to_public = fields.hours, fields.open_to_public
    activity.description = fields.description
    activity.save()
    activity.indicators.set(services._indicators(list(fields.indicators)))
    activity.audience.set(services._units_in_scope(user, list(fields.audience), "audience"))
    # a new co-organiser is one of the user's units; one already named (when any unit could be) stays
    kept = {o.unit.code: o.unit_id for o in activity.organisers.select_related("unit")}
    added = [c for c in fields.co_organisers if c not in kept]
    wanted = {u.pk for u in services._units_in_scope(user, added, "co_organisers")}
    wanted |= {kept[c] for c in fields.co_organisers if c in kept}
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
