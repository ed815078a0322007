"""Who may act on what: the checks every service runs before it writes (404 outside the user's scope,
403 inside it for what their level may not do)."""

from django.http import Http404
from django.utils.translation import gettext

from doanso.accounts.scoping import can_administer, scope_for
from doanso.core.errors import UserError
from doanso.org.tree import ancestor_ids


class Forbidden(UserError):
    """Visible to the user but not theirs to change (a higher level's criterion, their own assessment)."""

    status = 403


def admin_unit(user, unit) -> None:
    """The user administers the unit (its subtree): else 404 when out of scope, 403 when only staff."""
    scope = scope_for(user)
    if not scope.covers(unit.path):
        raise Http404
    if not can_administer(user, unit):
        raise Forbidden(gettext("Chỉ quản trị của %(unit)s được làm việc này.") % {"unit": unit.name})


def sees_unit_or_ancestor(user, unit) -> bool:
    """A criterion's unit is visible to users inside its subtree (it applies to them) and above it."""
    scope = scope_for(user)
    return scope.covers(unit.path) or unit.pk in scope.ancestor_ids()


def acts_at(user, unit) -> bool:
    """The user holds the admin role of exactly this level: only that level decides what reached it.

    Asked of the scoping function first (a root of the user's admin scope is a unit they hold the role
    at), then of the roles themselves (a role inside another of the user's units is not a root)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        unit.path in scope_for(user).admin_paths or user.roles.filter(unit_id=unit.pk, role="admin").exists()
    )


def member_units(member_branch_path: str) -> list[int]:
    """The branch and its ancestors: the units whose criteria apply to a member of the branch."""
    return ancestor_ids(member_branch_path)
