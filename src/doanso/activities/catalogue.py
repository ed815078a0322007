"""The catalogue a unit keeps for its activities: its own activity types (beside the national
ones) and its campaigns ("Tháng Thanh niên 2026", "Chiến dịch Thanh niên tình nguyện hè"), which the
units below it use too. Writes check the unit is administered by the user; reads stay on the
user's path (their subtrees and the units above them)."""

import re
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from doanso.accounts.scoping import scope_for
from doanso.activities.models import ActivityType, Campaign
from doanso.core import audit
from doanso.core.errors import ConflictError, Refused, UserError
from doanso.core.text import fold
from doanso.org.models import Unit

MAX_NAME = 200
MAX_TYPE_NAME = 120  # ActivityType.name's max_length


def campaigns_for(user) -> QuerySet:
    """Campaigns of the user's subtrees and of the units above them (a province's campaign is
    the communes' campaign too)."""
    scope = scope_for(user)
    mine_or_above = scope.q("unit__path") | Q(unit_id__in=scope.ancestor_ids())
    return Campaign.objects.filter(mine_or_above).select_related("unit")


def usable_campaign(user, campaign_id: int) -> Campaign:
    c = campaigns_for(user).filter(pk=campaign_id).first()
    if c is None:
        raise UserError(gettext("Không tìm thấy chiến dịch."), field="campaign")
    return c


def _admin(user, unit: Unit, what: str) -> None:
    if not scope_for(user).administers(unit.path):
        raise Refused(gettext("Chỉ quản trị của đơn vị mới thêm %(what)s.") % {"what": what}, field="unit")


def _clean_name(raw: str | None, *, limit: int, missing: str, too_long: str) -> str:
    """A name as typed, its runs of spaces squashed to one; refused when empty or past `limit`."""
    name = " ".join((raw or "").split())
    if not name:
        raise UserError(missing, field="name")
    if len(name) > limit:
        raise UserError(too_long, field="name")
    return name


@transaction.atomic
def add_campaign(user, unit: Unit, *, name: str, starts_on: date | None, ends_on: date | None) -> Campaign:
    _admin(user, unit, gettext("chiến dịch"))
    name = _clean_name(
        name,
        limit=MAX_NAME,
        missing=gettext("Tên chiến dịch: chưa nhập."),
        too_long=gettext("Tên chiến dịch dài quá %(n)s ký tự.") % {"n": MAX_NAME},
    )
    if starts_on and ends_on and ends_on < starts_on:
        raise UserError(gettext("Ngày kết thúc chiến dịch trước ngày bắt đầu."), field="ends_on")
    if Campaign.objects.filter(unit=unit, name__iexact=name).exists():
        raise ConflictError(gettext("Đơn vị đã có chiến dịch “%(name)s”.") % {"name": name}, field="name")
    c = Campaign.objects.create(unit=unit, name=name, starts_on=starts_on, ends_on=ends_on)
    audit.record(user, "activity.campaign.add", c, unit=unit, name=name)
    return c


def code_for(unit: Unit, name: str) -> str:
    """A type's code from its name and unit ("Hiến máu nhân đạo" of HCM → "hcm_hien_mau_nhan_dao"):
    codes are unique across the country, and the page does not ask a secretary for one."""
    base = re.sub(r"[^a-z0-9]+", "_", f"{unit.code} {fold(name)}".lower()).strip("_")[:36].rstrip("_")
    code, n = base, 2
    while ActivityType.objects.filter(code=code).exists():
        code, n = f"{base}_{n}", n + 1
    return code


@transaction.atomic
def add_type(
    user, unit: Unit, *, name: str, volunteer: bool = False, code: str | None = None
) -> ActivityType:
    """A unit adds its own activity type (seen by its subtree)."""
    _admin(user, unit, gettext("loại hoạt động"))
    name = _clean_name(
        name,
        limit=MAX_TYPE_NAME,
        missing=gettext("Tên loại hoạt động: chưa nhập."),
        too_long=gettext("Tên loại hoạt động dài quá 120 ký tự."),
    )
    if ActivityType.objects.filter(unit=unit, name__iexact=name).exists():
        raise ConflictError(gettext("Đơn vị đã có loại hoạt động “%(name)s”.") % {"name": name}, field="name")
    code = code or code_for(unit, name)
    if ActivityType.objects.filter(code=code).exists():
        raise ConflictError(gettext("Mã loại “%(code)s” đã có.") % {"code": code}, field="code")
    t = ActivityType.objects.create(code=code, name=name, volunteer=volunteer, unit=unit)
    audit.record(user, "activity.type.add", t, unit=unit, code=code)
    return t
