"""Outputs (kết quả) of an activity and figures added from outside the system.

An output counts in the indicators only once the level above the organising unit verifies it;
returning a verified output takes it out again. Figures from outside (a unit planted trees with
the commune before the system existed) are added to the same indicators but kept in their own
counter key, so every page shows them apart from what records prove.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from doanso.accounts.scoping import scope_for
from doanso.activities import counting
from doanso.activities.models import Activity, ExtraFigure, Output, OutputPhoto, OutputStatus
from doanso.core import audit
from doanso.core.errors import ConflictError, Refused, UserError
from doanso.org.models import Unit
from doanso.org.tree import is_within
from doanso.plans.models import Indicator

# The catalogue indicators outputs and outside figures feed (their sources are flipped to computed
# by migration 0002 of this app); others may be recorded as outputs but are only listed.
OUTPUT_INDICATORS = ("CAY_XANH", "HIEN_MAU")
EXTRA_INDICATORS = ("TN_LUOT", "CAY_XANH", "HIEN_MAU")
MAX_VALUE = Decimal(10) ** 12
MAX_PHOTO_BYTES = 10 * 1024 * 1024
PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp"}


def _indicator(code: str) -> Indicator:
    ind = Indicator.objects.filter(code=code).first()
    if ind is None:
        raise UserError(
            gettext("Chỉ số “%(code)s” không có trong danh mục.") % {"code": code}, field="indicator"
        )
    if ind.is_ratio:
        raise UserError(gettext("Chỉ số tỷ lệ không ghi nhận bằng kết quả hoạt động."), field="indicator")
    return ind


def _value(value) -> Decimal:
    v = Decimal(value)
    if v != v.to_integral_value() or v <= 0 or v >= MAX_VALUE:
        raise UserError(gettext("Giá trị phải là số nguyên dương (nhỏ hơn 10¹²)."), field="value")
    return v


def _feeds(out: Output, sign: int) -> None:
    if out.indicator.code in OUTPUT_INDICATORS:
        a = out.activity
        counting.add(
            a.unit.path, timezone.localtime(a.start).date(), f"o|{out.indicator.code}", sign * int(out.value)
        )


@transaction.atomic
def record_output(user, activity: Activity, *, indicator: str, value, note: str = "", photos=()) -> Output:
    """The organiser records a result (with photos as evidence); it waits for the level above."""
    ind = _indicator(indicator)
    photos = list(photos)
    for f in photos:
        if getattr(f, "size", 0) > MAX_PHOTO_BYTES:
            raise UserError(gettext("Ảnh “%(name)s” lớn quá 10 MB.") % {"name": f.name}, field="photos")
        if getattr(f, "content_type", "image/jpeg") not in PHOTO_TYPES:
            raise UserError(
                gettext("Tệp “%(name)s” không phải ảnh JPEG, PNG hoặc WebP.") % {"name": f.name},
                field="photos",
            )
    out = Output.objects.create(
        activity=activity, indicator=ind, value=_value(value), note=note[:500], recorded_by=user
    )
    for f in photos:
        OutputPhoto.objects.create(output=out, file=f)
    audit.record(
        user, "activity.output.record", out, unit=activity.unit, indicator=ind.code, value=str(out.value)
    )
    return out


def can_decide(user, out: Output) -> bool:
    """Only the level above the organising unit verifies or returns (a user whose scope reaches the
    unit from one of its ancestors); the national root decides its own."""
    unit = out.activity.unit
    paths = scope_for(user).paths
    if not unit.parent_id:
        return any(is_within(unit.path, p) for p in paths)
    return any(is_within(unit.path, p) and p != unit.path for p in paths)


def visible_output(user, output_id: int) -> Output:
    out = Output.objects.select_related("activity__unit__parent", "indicator").filter(pk=output_id).first()
    if out is None or not scope_for(user).covers(out.activity.unit.path):
        raise Http404
    return out


@transaction.atomic
def verify(user, out: Output) -> Output:
    if not can_decide(user, out):
        raise Refused(gettext("Chỉ cấp trên của đơn vị tổ chức mới xác nhận kết quả."), field="status")
    out = Output.objects.select_for_update().select_related("activity__unit", "indicator").get(pk=out.pk)
    if out.status == OutputStatus.VERIFIED:
        raise ConflictError(gettext("Kết quả này đã được xác nhận."), field="status")
    out.status, out.reason, out.decided_by, out.decided_at = OutputStatus.VERIFIED, "", user, timezone.now()
    out.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    _feeds(out, +1)
    audit.record(user, "activity.output.verify", out, unit=out.activity.unit)
    return out


@transaction.atomic
def give_back(user, out: Output, reason: str) -> Output:
    """Return an output with a reason (it leaves the indicators if it had been verified)."""
    if not can_decide(user, out):
        raise Refused(gettext("Chỉ cấp trên của đơn vị tổ chức mới trả lại kết quả."), field="status")
    if not reason.strip():
        raise UserError(gettext("Cần ghi lý do trả lại."), field="reason")
    out = Output.objects.select_for_update().select_related("activity__unit", "indicator").get(pk=out.pk)
    if out.status == OutputStatus.RETURNED:
        raise ConflictError(gettext("Kết quả này đã bị trả lại."), field="status")
    if out.status == OutputStatus.VERIFIED:
        _feeds(out, -1)
    out.status, out.reason, out.decided_by, out.decided_at = (
        OutputStatus.RETURNED,
        reason[:500],
        user,
        timezone.now(),
    )
    out.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit.record(user, "activity.output.return", out, unit=out.activity.unit, reason=out.reason)
    return out


@transaction.atomic
def add_extra(user, unit: Unit, *, indicator: str, on: date, value, note: str) -> ExtraFigure:
    """A figure done outside the system (with the reason), added apart to a computed indicator."""
    if not scope_for(user).covers(unit.path):
        raise Http404
    if indicator not in EXTRA_INDICATORS:
        raise UserError(
            gettext("Chỉ số “%(code)s” không nhận số liệu bổ sung (chỉ: %(codes)s).")
            % {"code": indicator, "codes": ", ".join(EXTRA_INDICATORS)},
            field="indicator",
        )
    if not note.strip():
        raise UserError(gettext("Cần ghi rõ số liệu bổ sung từ hoạt động nào."), field="note")
    x = ExtraFigure.objects.create(
        unit=unit,
        indicator=_indicator(indicator),
        on=on,
        value=_value(value),
        note=note[:500],
        created_by=user,
    )
    counting.add(unit.path, on, f"x|{indicator}", int(x.value))
    audit.record(user, "activity.figure.add", x, unit=unit, indicator=indicator, value=str(x.value))
    return x
