"""The "Việc cần làm" item of this app: ideas waiting for review (one query for any number of units)."""

from datetime import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from doanso.accounts.scoping import scope_for
from doanso.ideas.models import Idea
from doanso.todo.wording import Item

WAITING = ("tiep_nhan", "danh_gia")


def ideas_to_review(user, units: list, now: datetime) -> list[Item]:
    """One item per unit the user acts for with ideas received or under review in its subtree."""
    if not units or not scope_for(user).paths:
        return []
    counts = Idea.objects.filter(status__in=WAITING).aggregate(
        **{
            f"u{u.pk}": Count(
                "id", filter=Q(unit__path__gte=u.subtree_range[0], unit__path__lt=u.subtree_range[1])
            )
            for u in units
        }
    )
    out = []
    for unit in units:
        n = counts[f"u{unit.pk}"]
        if n:
            out.append(
                Item(
                    kind="ideas_to_review",
                    title=ngettext("Xét %(n)d ý tưởng, sáng kiến", "Xét %(n)d ý tưởng, sáng kiến", n)
                    % {"n": n},
                    url=reverse("ideas:board") + f"?unit={unit.code}",
                    unit=unit.code,
                    count=n,
                    weight=40,
                    detail=_("Ý tưởng đang chờ tiếp nhận, đánh giá"),
                )
            )
    return out
