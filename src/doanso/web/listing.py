"""Read-only rows for the tree pages, built from scoped queries (no writes, no business rules).

Each function takes the user and goes through `accounts.scoping`, so nothing outside
the user's scope is listed or linked.
"""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Q

from doanso.accounts.scoping import scope_for, units_for
from doanso.core.collation import sorted_vi
from doanso.core.text import fold
from doanso.org.models import Unit, UnitVersion
from doanso.org.services import children, children_on, version_on
from doanso.org.stats import member_counts, unit_counts

PAGE_SIZE = 100


@dataclass
class Crumb:
    unit: Unit
    link: bool  # inside the user's scope


@dataclass
class Row:
    unit: Unit
    name: str
    kind_label: str
    members: int | None = None
    units: int | None = None  # active units in the subtree, the unit itself included
    has_children: bool = True
    successor: Unit | None = None
    link: bool = True


def breadcrumb(user, unit: Unit) -> list[Crumb]:
    """The unit's ancestors, root first; those inside the scope are links."""
    scope = scope_for(user)
    ids = unit.ancestor_ids()[:-1]
    if not ids:
        return []
    visible = Q(pk__in=scope.ancestor_ids()) | scope.q("path")
    rows = Unit.objects.filter(visible, pk__in=ids).order_by("depth")
    return [Crumb(u, scope.covers(u.path)) for u in rows]


def with_counts(units: list[Unit]) -> list[Row]:
    """Rows with subtree member and unit counts (members in one query)."""
    members = member_counts(units)
    counts = unit_counts(units)
    return [
        Row(
            u,
            u.name,
            u.get_kind_display(),
            members.get(u.pk, 0),
            counts.get(u.pk, 0),
            counts.get(u.pk, 0) > 1,
        )
        for u in units
    ]


def acting_rows(units: list[Unit]) -> list[Row]:
    return with_counts(units)


def child_page(user, unit: Unit, page: str | int | None) -> Page:
    """Active children of an in-scope unit in Vietnamese alphabetical order, one page, with counts.

    The order is computed over the ids and names of all the children (a unit has hundreds at
    most), then only the page's units are loaded and counted."""
    pairs = children(unit).filter(scope_for(user).q("path")).values_list("pk", "name")
    ordered = [pk for pk, _name in sorted_vi(pairs, key=lambda p: p[1])]
    pg = Paginator(ordered, PAGE_SIZE).get_page(page)
    units = Unit.objects.in_bulk(list(pg.object_list))
    pg.object_list = with_counts([units[pk] for pk in pg.object_list])
    return pg


def former_children(user, unit: Unit) -> list[Row]:
    """Units merged into or dissolved under this one (they keep their codes and history)."""
    qs = (
        Unit.objects.filter(scope_for(user).q("path"), parent=unit, active=False)
        .select_related("successor")
        .order_by("dissolved_on", "name")[:PAGE_SIZE]
    )
    return [Row(u, u.name, u.get_kind_display(), successor=u.successor) for u in qs]


def past_children(user, unit: Unit, on: date) -> list[Row]:
    """Children of the unit on a past date, with their names then; others' units are left out."""
    scope = scope_for(user)
    versions: list[UnitVersion] = [v for v in children_on(unit, on) if scope.covers(v.unit.path)]
    succ_ids = {v.unit.successor_id for v in versions if v.unit.successor_id}
    successors = Unit.objects.in_bulk(list(succ_ids)) if succ_ids else {}
    rows = []
    for v in sorted_vi(versions, key=lambda v: v.name):
        u = v.unit
        rows.append(Row(u, v.name, v.get_kind_display(), successor=successors.get(u.successor_id)))
    return rows


def name_on(unit: Unit, on: date) -> UnitVersion | None:
    return version_on(unit, on)


def search(
    user, text: str, page: str | int | None, per_page: int = 25, *, active_only: bool = False
) -> Page | None:
    """Units in the user's scope whose name or code contains every word, ignoring accents and case
    (only the active ones for a picker: a merged unit cannot co-organise anything)."""
    if not fold(text):
        return None
    qs = units_for(user).search(text).select_related("parent").order_by("-active", "depth", "name")
    if active_only:
        qs = qs.filter(active=True)
    return Paginator(qs, per_page).get_page(page)
