"""The activities behind this app's computed indicators (registered with `core.computed.behind`).

A report pre-filled from the records links to the activity list filtered the same way (unit
subtree, period, indicator), and its exported document lists the activities. The filter mirrors
what `counting` counts: lượt at volunteer types for TN_LUOT, every lượt for HD_*, verified outputs
for CAY_XANH / HIEN_MAU, all at activities organised (chủ trì) in the unit's subtree.
"""

from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from doanso.activities.models import Activity, Output, OutputStatus, Participation
from doanso.core import vn
from doanso.core.calendar.periods import Period
from doanso.core.computed import Behind, Record, behind

OUTPUTS = ("CAY_XANH", "HIEN_MAU")
LUOT = ("TN_LUOT", "HD_LUOT", "HD_GIO_TN", "HD_NGUOI")
LISTED = 30  # activities listed in a report's document per indicator


def for_indicator(qs: QuerySet, code: str) -> QuerySet:
    """The activities of `qs` that feed the indicator (or merely serve it, for other indicators)."""
    if code in OUTPUTS:
        ok = Output.objects.filter(
            activity=OuterRef("pk"), indicator__code=code, status=OutputStatus.VERIFIED
        )
        return qs.filter(Exists(ok))
    if code in LUOT:
        qs = qs.filter(participations_count__gt=0)
        return qs.filter(type__volunteer=True) if code == "TN_LUOT" else qs
    return qs.filter(indicators__code=code).distinct()


def _in(unit, period: Period) -> QuerySet:
    lo, hi = unit.subtree_range
    return Activity.objects.filter(
        unit__path__gte=lo, unit__path__lt=hi, start__date__gte=period.start, start__date__lte=period.end
    )


def list_url(code: str, unit, period: Period) -> str:
    q = {
        "unit": unit.code,
        "indicator": code,
        "from": vn.format_date(period.start),
        "to": vn.format_date(period.end),
    }
    return f"{reverse('activities:list')}?{urlencode(q)}"


def _explain(code: str):
    def explain(unit, period: Period) -> Behind:
        qs = for_indicator(_in(unit, period), code).select_related("unit").order_by("start", "pk")
        total = qs.count()
        rows = list(qs[:LISTED])
        amounts: dict[int, int] = {}
        if code in OUTPUTS:
            amounts = dict(
                Output.objects.filter(
                    activity__in=[a.pk for a in rows], indicator__code=code, status=OutputStatus.VERIFIED
                )
                .values_list("activity_id")
                .annotate(n=Sum("value"))
            )
        elif code == "HD_GIO_TN":
            parts = Participation.objects.filter(activity__in=[a.pk for a in rows])
            amounts = dict(parts.values_list("activity_id").annotate(n=Sum("hours")))
        elif code in LUOT:
            amounts = {a.pk: a.participations_count for a in rows}
        records = []
        for a in rows:
            text = f"{a.title} ({vn.format_date(timezone.localtime(a.start).date())}, {a.unit.name})"
            if a.pk in amounts:
                what = {
                    "CAY_XANH": gettext("cây"),
                    "HIEN_MAU": gettext("đơn vị máu"),
                    "HD_GIO_TN": gettext("giờ"),
                }
                text += f": {vn.format_number(amounts[a.pk])} {what.get(code, gettext('lượt'))}"
            records.append(Record(text, reverse("activities:detail", args=[a.pk])))
        return Behind(list_url(code, unit, period), tuple(records), max(0, total - len(rows)))

    explain.__name__ = f"activities_behind_{code.lower()}"
    return explain


for _code in (*OUTPUTS, *LUOT):
    behind(_code)(_explain(_code))
