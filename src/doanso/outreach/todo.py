"""The outreach items of "Việc cần làm": units that have not logged today's tin tốt."""

from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext

from doanso.outreach.selectors import due_today, end_of_day
from doanso.todo.api import Item


def posts_due_today(user, units: list, now: datetime) -> list[Item]:
    """One item per unit the user acts for that is short of today's tin tốt (two queries)."""
    items = []
    for unit, have, need in due_today(list(units), now):
        items.append(
            Item(
                kind="outreach_post_today",
                title=gettext("Đăng tin tốt hôm nay: %(have)s/%(need)s bài (%(unit)s)")
                % {"have": have, "need": need, "unit": unit.name},
                url=reverse("outreach:unit", args=[unit.code]),
                due=end_of_day(now),
                unit=unit.code,
                count=need - have,
            )
        )
    return items
