"""Due rules stored as RFC 5545 RRULEs (core.calendar.rules) instead of the short texts.

"weekly FR 12:00" becomes "FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0", "once 2023-06-25" becomes
"DTSTART:20230625T170000\\nRRULE:FREQ=DAILY;COUNT=1", and so on. The column grows to 200
characters (a quarterly rule on day 31 takes 86). Reversing writes the short texts back.
The conversion is frozen here, independent of the application's code; `planimport`'s 0002
uses it for the drafts.
"""

import re
from datetime import date

from django.db import migrations, models

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
SHORT = re.compile(
    r"^(?:(?:every\s+(?P<n>\d+)\s+(?P<unit>weeks|months|years))|(?P<freq>weekly|monthly|quarterly|yearly|once))"
    r"(?:\s+(?P<arg>\S+))?(?:\s+(?P<time>\d{1,2}):(?P<minute>\d{2}))?$",
    re.IGNORECASE,
)


def short_to_rrule(text: str) -> str:
    """The RRULE for a short text; the text unchanged when it is not one (already an RRULE, or
    a text no version of the application could read)."""
    try:
        return _short_to_rrule(text)
    except (ValueError, TypeError):
        return text


def _short_to_rrule(text: str) -> str:
    m = SHORT.match(" ".join((text or "").split()))
    if not m:
        return text
    hour, minute = (int(m["time"]), int(m["minute"])) if m["time"] else (17, 0)
    at = f"BYHOUR={hour};BYMINUTE={minute}"
    freq = (
        m["freq"].lower()
        if m["freq"]
        else {"weeks": "weekly", "months": "monthly", "years": "yearly"}[m["unit"].lower()]
    )
    n = int(m["n"] or 1)
    arg = m["arg"] or ""
    if freq == "once":
        on = date.fromisoformat(arg)
        return f"DTSTART:{on:%Y%m%d}T{hour:02d}{minute:02d}00\nRRULE:FREQ=DAILY;COUNT=1"
    parts = ["FREQ=" + ("MONTHLY" if freq == "quarterly" else freq.upper())]
    if n != 1:
        parts.append(f"INTERVAL={n}")
    if freq == "weekly":
        parts.append(f"BYDAY={(arg or 'FR').upper()}")
    else:
        if freq == "yearly":
            day, month = (int(x) for x in arg.split("/"))
            parts.append(f"BYMONTH={month}")
        else:
            day = int(arg)
            if freq == "quarterly":
                parts.append("BYMONTH=3,6,9,12")
        if freq != "yearly" and day > 28:
            parts.append("BYMONTHDAY=" + ",".join(map(str, range(28, day + 1))) + ";BYSETPOS=-1")
        else:
            parts.append(f"BYMONTHDAY={day}")
    return ";".join(parts + [at])


def rrule_to_short(text: str) -> str:
    """The short text for an RRULE written by `short_to_rrule` (or the application); else unchanged."""
    raw = " ".join((text or "").split())
    once = re.match(r"DTSTART:(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})\d{2} RRULE:FREQ=DAILY;COUNT=1$", raw)
    if once:
        y, mo, d, h, mi = once.groups()
        return f"once {y}-{mo}-{d} {h}:{mi}"
    if not raw.startswith("FREQ="):
        return text
    p = dict(x.split("=", 1) for x in raw.split(";"))
    t = f"{int(p.get('BYHOUR', 17)):02d}:{int(p.get('BYMINUTE', 0)):02d}"
    n = int(p.get("INTERVAL", 1))
    day = max(int(x) for x in p["BYMONTHDAY"].split(",")) if "BYMONTHDAY" in p else 31
    if p["FREQ"] == "WEEKLY":
        head = "weekly" if n == 1 else f"every {n} weeks"
        return f"{head} {p.get('BYDAY', 'FR')} {t}"
    if p["FREQ"] == "MONTHLY":
        if p.get("BYMONTH") == "3,6,9,12":
            return f"quarterly {day} {t}"
        head = "monthly" if n == 1 else f"every {n} months"
        return f"{head} {day} {t}"
    head = "yearly" if n == 1 else f"every {n} years"
    return f"{head} {day}/{int(p.get('BYMONTH', 12))} {t}"


def _convert(apps, fn):
    Obligation = apps.get_model("plans", "Obligation")
    for ob in Obligation.objects.only("pk", "due_rule").iterator():
        new = fn(ob.due_rule)
        if new != ob.due_rule:
            Obligation.objects.filter(pk=ob.pk).update(due_rule=new)


def forwards(apps, schema_editor):
    _convert(apps, short_to_rrule)


def backwards(apps, schema_editor):
    _convert(apps, rrule_to_short)


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_member_indicators")]

    operations = [
        migrations.AlterField(
            model_name="obligation",
            name="due_rule",
            field=models.CharField(max_length=200, verbose_name="hạn nộp"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
