"""Reads of activities, always inside what the user may see."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from doanso.accounts.scoping import scope_for
from doanso.activities.models import Activity, ActivityType, Organiser
from doanso.org.models import Unit
from doanso.org.tree import ancestor_ids


def managed(user) -> QuerySet:
    """Activities the user runs: organised (chủ trì or phối hợp) by a unit of their scope."""
    scope = scope_for(user)
    co = Organiser.objects.filter(Q(activity=OuterRef("pk")) & scope.q("unit__path"))
    return Activity.objects.filter(scope.q("unit__path") | Q(Exists(co)))


def _member_branch_path(user) -> str | None:
    member = getattr(user, "member", None) if getattr(user, "member_id", None) else None
    return member.branch.path if member is not None else None


def open_to(user) -> QuerySet:
    """Activities a member may join: their branch is inside the audience (or, with no audience
    set, inside the organiser's subtree)."""
    path = _member_branch_path(user)
    if path is None:
        return Activity.objects.none()
    ancestors = ancestor_ids(path)
    through = Activity.audience.through
    in_audience = through.objects.filter(activity=OuterRef("pk"), unit_id__in=ancestors)
    any_audience = through.objects.filter(activity=OuterRef("pk"))
    return Activity.objects.filter(
        Q(Exists(in_audience)) | (~Q(Exists(any_audience)) & Q(unit_id__in=ancestors))
    )


def visible(user) -> QuerySet:
    return Activity.objects.filter(
        Q(pk__in=managed(user).values("pk")) | Q(pk__in=open_to(user).values("pk"))
    )


def get_visible(user, activity_id: int) -> Activity:
    a = visible(user).select_related("unit", "type", "campaign").filter(pk=activity_id).first()
    if a is None:
        raise Http404
    return a


def get_managed(user, activity_id: int) -> Activity:
    """The activity if the user runs it (as `managed`), else 404. Read by key and checked against
    the scope's paths in Python: the check-in path's hottest read, and the scope test `managed`
    builds (OR of ranges plus an EXISTS) costs more to compile than to run."""
    a = Activity.objects.select_related("unit", "type", "campaign").filter(pk=activity_id).first()
    if a is None:
        raise Http404
    scope = scope_for(user)
    if scope.covers(a.unit.path):
        return a
    co = Organiser.objects.filter(activity=a).values_list("unit__path", flat=True)
    if not any(scope.covers(path) for path in co):
        raise Http404
    return a


def can_manage(user, activity: Activity) -> bool:
    return managed(user).filter(pk=activity.pk).exists()


def member_eligible(activity: Activity, branch_path: str) -> bool:
    """Whether a member of this branch is inside the activity's audience."""
    ancestors = set(ancestor_ids(branch_path))
    audience = set(activity.audience.values_list("id", flat=True))
    if audience:
        return bool(audience & ancestors)
    return activity.unit_id in ancestors


def types_for(user) -> QuerySet:
    """National types plus those added by units on the user's path (theirs and their ancestors')."""
    scope = scope_for(user)
    ids: set[int] = set()
    for p in scope.paths:
        ids.update(ancestor_ids(p))
    path = _member_branch_path(user)
    if path:
        ids.update(ancestor_ids(path))
    return ActivityType.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=ids))


def units_above(unit: Unit) -> list[int]:
    return ancestor_ids(unit.path)[:-1]
