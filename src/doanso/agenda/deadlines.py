"""The "reports" calendar source: what a unit owes and when (reports.api.due_for_unit).

For a unit's calendar, the unit's own deadlines; for a member's, their branch's deadlines only if
they administer it, otherwise nothing from reports. All-day events on the deadline's local day."""

import datetime as dt

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from doanso.accounts.scoping import can_administer, scope_for
from doanso.agenda.sources import Event, Subject
from doanso.core import vn
from doanso.core.calendar.periods import TZ
from doanso.reports import api as reports


def _unit_of(subject: Subject):
    if subject.kind == "unit":
        unit = subject.unit
        return unit if unit is not None and scope_for(subject.user).covers(unit.path) else None
    unit = subject.unit
    if unit is None or not can_administer(subject.user, unit):
        return None
    return unit


def source(subject: Subject, start: dt.datetime, end: dt.datetime) -> list[Event]:
    unit = _unit_of(subject)
    if unit is None:
        return []
    since = start.astimezone(TZ).date()
    try:
        url = reverse("reports:due", args=[unit.code])
    except NoReverseMatch:
        url = ""
    out = []
    for row in reports.due_for_unit(unit, since=since):
        due: dt.datetime = row["due_at"]
        if not start <= due < end:
            continue
        day = due.astimezone(TZ).date()
        out.append(
            Event(
                uid=f"report-{row['obligation_id']}-{unit.pk}-{row['period']}@doanso",
                summary=_("Hạn nộp báo cáo: %(ob)s (%(period)s)")
                % {"ob": row["obligation"], "period": row["period_label"]},
                start=day,
                end=day + dt.timedelta(days=1),
                description=_("%(unit)s nộp báo cáo “%(ob)s” kỳ %(period)s theo %(plan)s, hạn %(at)s.")
                % {
                    "unit": unit.name,
                    "ob": row["obligation"],
                    "period": row["period_label"],
                    "plan": row["plan"],
                    "at": due.astimezone(TZ).strftime("%H:%M ") + vn.format_date(day),
                },
                url=url,
            )
        )
    return out
