"""The one scoping function every query goes through.

A user acts for the units where they hold an admin or staff role and sees each such
unit's subtree (merged units sit under their successor, so their history is included);
they may read the plans of those units' ancestors; a member sees their own record.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q
from django.http import Http404

from doanso.accounts.models import RoleKind
from doanso.org.models import Unit
from doanso.org.tree import ancestor_ids, is_within, subtree_range

MANAGING = (RoleKind.ADMIN, RoleKind.STAFF)


@dataclass(frozen=True)
class Scope:
    """What one user may see: path ranges of their units, and their own member id."""

    paths: tuple[str, ...]  # paths of units the user acts for (admin/staff)
    admin_paths: tuple[str, ...]
    member_id: int | None

    def q(self, field: str = "path") -> Q:
        """Filter for any model reachable to a unit path (e.g. "branch__path")."""
        if not self.paths:
            return Q(pk__in=[])
        return reduce(
            or_, (Q(**{f"{field}__gte": lo, f"{field}__lt": hi}) for lo, hi in map(subtree_range, self.paths))
        )

    def covers(self, path: str) -> bool:
        return any(is_within(path, p) for p in self.paths)

    def administers(self, path: str) -> bool:
        return any(is_within(path, p) for p in self.admin_paths)

    def ancestor_ids(self) -> set[int]:
        """Units whose plans apply to the user's units (ancestors and the units themselves)."""
        return {i for p in self.paths for i in ancestor_ids(p)}


def _minimal(paths: list[str]) -> tuple[str, ...]:
    """Drop paths inside another path so ranges do not overlap."""
    out: list[str] = []
    for p in sorted(set(paths)):
        if not any(is_within(p, q) for q in out):
            out.append(p)
    return tuple(out)


def scope_for(user) -> Scope:
    """Compute (and cache on the user object) the user's scope."""
    if not getattr(user, "is_authenticated", False):
        return Scope((), (), None)
    cached = getattr(user, "_doanso_scope", None)
    if cached is not None:
        return cached
    rows = list(user.roles.filter(role__in=MANAGING).values_list("unit__path", "role"))
    return keep_scope(user, rows)


def keep_scope(user, rows: list[tuple[str, str]]) -> Scope:
    """The scope of `user` from their managing roles' (unit path, role), kept on the user object
    (for readers that fetched the roles with something else, as token authentication does)."""
    scope = Scope(
        paths=_minimal([p for p, _ in rows]),
        admin_paths=_minimal([p for p, r in rows if r == RoleKind.ADMIN]),
        member_id=getattr(user, "member_id", None),
    )
    user._doanso_scope = scope
    return scope


def units_for(user):
    """Every unit the user may see (their subtrees, history included)."""
    return Unit.objects.filter(scope_for(user).q("path"))


def acting_units(user):
    """The units the user acts for (the roots of their scope)."""
    return Unit.objects.filter(path__in=scope_for(user).paths).order_by("path")


def get_unit(user, code: str) -> Unit:
    """A unit by code inside the user's scope; 404 for anything else (no existence leak)."""
    try:
        unit = Unit.objects.get(code=code)
    except Unit.DoesNotExist:
        raise Http404 from None
    if not scope_for(user).covers(unit.path):
        raise Http404
    return unit


def can_administer(user, unit: Unit) -> bool:
    return scope_for(user).administers(unit.path)
