"""The "Việc cần làm" provider: courses assigned and not yet completed, and contest rounds open now
that the member has not handed in. Bounded queries whatever the number of courses and rounds."""

from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext

from doanso.learning.courses import courses_for
from doanso.learning.models import Attempt, Completion, Round
from doanso.org.api import ancestor_ids
from doanso.todo.api import Item, register


def learning_items(user, units: list, now: datetime) -> list[Item]:
    member = getattr(user, "member", None)
    if member is None:
        return []
    items: list[Item] = []
    done = set(Completion.objects.filter(member=member).values_list("course_id", flat=True))
    for course in courses_for(member, now):
        if course.pk not in done:
            items.append(
                Item(
                    kind="learning_course",
                    title=gettext("Học khoá “%(t)s”") % {"t": course.title},
                    url=reverse("learning:course", args=[course.pk]),
                    unit=course.unit.code,
                    weight=40,
                )
            )
    rounds = Round.objects.filter(
        contest__unit_id__in=ancestor_ids(member.branch.path),
        start__lte=now,
        end__gt=now,
        closed_at__isnull=True,
    ).select_related("contest__unit")
    taken = set(
        Attempt.objects.filter(entrant__member=member, round__in=list(rounds), correct__gte=0).values_list(
            "round_id", flat=True
        )
    )
    for rnd in rounds:
        if rnd.pk not in taken:
            items.append(
                Item(
                    kind="learning_round",
                    title=gettext("Dự thi “%(t)s” – lượt %(n)s") % {"t": rnd.contest.title, "n": rnd.number},
                    url=reverse("learning:contest", args=[rnd.contest_id]),
                    due=rnd.end,
                    unit=rnd.contest.unit.code,
                )
            )
    return items


register("learning", learning_items)
