from datetime import date

from django.http import Http404
from django.utils.translation import gettext
from ninja import Router, Schema
from ninja.pagination import paginate

from doanso.accounts.scoping import acting_units, get_unit, scope_for
from doanso.core.errors import UserError
from doanso.core.pagination import Page
from doanso.members import api as members_api
from doanso.org import services, stats
from doanso.org.models import Unit

router = Router(tags=["units"])


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    parent: str | None = None
    active: bool = True
    successor: str | None = None
    dissolved_on: date | None = None


class StatsOut(Schema):
    members: int
    units: int
    by_status: dict[str, int]
    by_gender: dict[str, int]
    by_gender_status: dict[str, int]
    rating: dict = {}  # latest approved yearly rating of the subtree (members.actions.ratings)


def unit_out(u: Unit, name: str | None = None, kind: str | None = None) -> dict:
    return {
        "code": u.code,
        "name": name or u.name,
        "kind": kind or u.kind,
        "parent": u.parent.code if u.parent_id else None,
        "active": u.active,
        "successor": u.successor.code if u.successor_id else None,
        "dissolved_on": u.dissolved_on,
    }


def _related(qs):
    return qs.select_related("parent", "successor")


@router.get("", response=list[UnitOut])
@paginate(Page)
def list_units(request, q: str = ""):
    """The units the user acts for; with ?q= a diacritics-insensitive search of their scope.
    A CCCD-like ?q= (9+ digits) is refused: personal data must not travel in a URL (issue 12)."""
    if members_api.looks_like_cccd(q):
        raise UserError(
            gettext(
                "Không gửi số CCCD trên địa chỉ (URL): nhật ký máy chủ sẽ lưu lại. "
                "Tham số q chỉ dùng để tìm đơn vị."
            ),
            field="q",
        )
    qs = (
        _related(Unit.objects.filter(scope_for(request.user).q("path")).search(q))
        if q
        else _related(acting_units(request.user))
    )
    return [unit_out(u) for u in qs.order_by("depth", "name")[:5000]] if q else [unit_out(u) for u in qs]


@router.get("/{code}", response=UnitOut)
def unit_detail(request, code: str):
    return unit_out(_related(Unit.objects).get(pk=get_unit(request.user, code).pk))


@router.get("/{code}/children", response=list[UnitOut])
@paginate(Page)
def unit_children(request, code: str, on: date | None = None):
    """Children today, or as of ?on=YYYY-MM-DD from the dated history."""
    unit = get_unit(request.user, code)
    if on is None:
        return [unit_out(u) for u in _related(services.children(unit))]
    if services.version_on(unit, on) is None:
        raise Http404
    return [
        {**unit_out(v.unit), "name": v.name, "kind": v.kind, "parent": unit.code}
        for v in services.children_on(unit, on)
    ]


@router.get("/{code}/stats", response=StatsOut)
def unit_stats(request, code: str):
    return stats.unit_stats(get_unit(request.user, code))
