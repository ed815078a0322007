"""Writing a calendar (icalendar): stable UIDs, times in UTC, Vietnamese text."""

import datetime as dt

from icalendar import Calendar
from icalendar import Event as VEvent

from doanso.agenda.sources import Event


def calendar(name: str, events: list[Event], *, base_url: str, stamp: dt.datetime) -> bytes:
    """An iCalendar document; `stamp` (DTSTAMP) is passed in so the same data gives the same bytes."""
    cal = Calendar()
    cal.add("prodid", "-//Doan So//Lich//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    cal.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    for e in events:
        v = VEvent()
        v.add("uid", e.uid)
        v.add("dtstamp", stamp.astimezone(dt.UTC))
        v.add("summary", e.summary)
        if isinstance(e.start, dt.datetime):
            v.add("dtstart", e.start.astimezone(dt.UTC))
            v.add("dtend", e.end.astimezone(dt.UTC))
        else:
            v.add("dtstart", e.start)
            v.add("dtend", e.end)
            v.add("transp", "TRANSPARENT")
        if e.description:
            v.add("description", e.description)
        if e.location:
            v.add("location", e.location)
        if e.url:
            v.add("url", base_url + e.url if e.url.startswith("/") else e.url)
        cal.add_component(v)
    return cal.to_ical()
