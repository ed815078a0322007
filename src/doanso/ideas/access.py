"""Who may see and act on ideas: every query starts here (accounts.scoping underneath)."""

from django.db.models import Q
from django.http import Http404

from doanso.accounts.scoping import get_unit, scope_for
from doanso.ideas.models import Idea, Moderation
from doanso.org.models import Unit
from doanso.org.tree import is_within

PUBLIC_STATUSES = ("trien_khai", "hoan_thanh")


def visible(user):
    """Ideas the user may read: those of the units they act for, and their own."""
    q = scope_for(user).q("unit__path")
    if getattr(user, "is_authenticated", False):
        q |= Q(author=user)
    return Idea.objects.filter(q).select_related("unit")


def public():
    """The public gallery: ideas being or having been carried out, not hidden by moderation."""
    return (
        Idea.objects.filter(status__in=PUBLIC_STATUSES)
        .exclude(moderation__in=(Moderation.HIDDEN, Moderation.KEPT_HIDDEN))
        .select_related("unit")
    )


def get_visible(user, idea_id: int) -> Idea:
    idea = visible(user).filter(pk=idea_id).first()
    if idea is None:
        raise Http404
    return idea


def get_reportable(user, idea_id: int) -> Idea:
    """An idea the user may report or support: one they can read, or one in the public gallery."""
    idea = (visible(user) | public()).filter(pk=idea_id).first()
    if idea is None:
        raise Http404
    return idea


def get_reviewable(user, idea_id: int) -> Idea:
    """An idea of a unit the user acts for (staff or admin); 404 otherwise, even for its author."""
    idea = Idea.objects.filter(scope_for(user).q("unit__path"), pk=idea_id).select_related("unit").first()
    if idea is None:
        raise Http404
    return idea


def get_moderatable(user, idea_id: int) -> Idea:
    """Moderators are the admins of the idea's unit or of a unit above it."""
    idea = get_reviewable(user, idea_id)
    if not scope_for(user).administers(idea.unit.path):
        raise Http404
    return idea


def submit_unit(user, code: str) -> Unit:
    """The unit an idea may be sent to: one the user acts for, or the member's own branch or a unit
    above it. 404 for anything else (no existence leak)."""
    scope = scope_for(user)
    unit = Unit.objects.filter(code=code, active=True).first()
    if unit is not None and scope.covers(unit.path):
        return unit
    member = getattr(user, "member", None) if scope.member_id else None
    if unit is not None and member is not None and is_within(member.branch.path, unit.path):
        return unit
    if unit is None:
        raise Http404
    get_unit(user, code)  # raises 404
    raise Http404


def moderation_queue(user):
    """Reported ideas of units the user administers that no moderator has kept hidden, most reported
    first (restoring clears the reports, so a restored idea comes back only when reported again)."""
    scope = scope_for(user)
    if not scope.admin_paths:
        return Idea.objects.none()
    from functools import reduce
    from operator import or_

    from doanso.org.tree import subtree_range

    q = reduce(
        or_,
        (Q(unit__path__gte=lo, unit__path__lt=hi) for lo, hi in map(subtree_range, scope.admin_paths)),
    )
    return (
        Idea.objects.filter(q, report_count__gt=0)
        .exclude(moderation=Moderation.KEPT_HIDDEN)
        .select_related("unit")
        .order_by("-report_count", "-id")
    )
