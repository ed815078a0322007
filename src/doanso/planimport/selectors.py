"""Reads of plan drafts: always within the user's scope (404 for anything else)."""

from django.http import Http404

from doanso.accounts.scoping import scope_for
from doanso.planimport.models import PlanDraft


def drafts_for(user):
    """Drafts of the units in the user's scope (their subtrees)."""
    return PlanDraft.objects.filter(scope_for(user).q("unit__path")).select_related("unit")


def get_draft(user, draft_id) -> PlanDraft:
    """A draft in the user's scope; 404 for anything else (no existence leak)."""
    try:
        pk = int(draft_id)
    except (TypeError, ValueError):
        raise Http404 from None
    draft = drafts_for(user).filter(pk=pk).first()
    if draft is None:
        raise Http404
    return draft
