"""Calendar feeds: secret URLs (hash stored only, rotation, revocation), report deadlines, scope."""

import re

import pytest
from django.test import Client
from icalendar import Calendar

from doanso.agenda import api as agenda_api
from doanso.agenda import tokens
from doanso.agenda.models import Feed
from doanso.reports import api as reports

pytestmark = pytest.mark.django_db


def _issue(client, url: str) -> str:
    """Create (or rotate) the calendar's link on its page; the feed's path, as the page shows it once."""
    r = client.post(url, {"action": "rotate"})
    assert r.status_code == 200, r.content[:300]
    https = re.search(r'id="https-url" type="text" readonly value="([^"]+)"', r.content.decode())[1]
    assert https.startswith("http://testserver/agenda/feed/") and https.endswith(".ics")
    webcal = re.search(r'data-qr-payload="([^"]+)"', r.content.decode())[1]
    assert webcal == "webcal://" + https.removeprefix("http://")
    return https.removeprefix("http://testserver")


def _parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _events(cal: Calendar) -> dict:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_unit_feed_lists_the_units_deadlines(login, user):
    secretary = user("chidoan.demo")
    branch = secretary.roles.first().unit
    path = _issue(login("chidoan.demo"), f"/agenda/units/{branch.code}/")
    cal = _parse(Client().get(path))
    assert str(cal["X-WR-CALNAME"]) == branch.name
    events = _events(cal)
    owed = reports.due_for_unit(branch)
    assert owed, "the demo branch owes reports"
    expected = {f"report-{r['obligation_id']}-{branch.pk}-{r['period']}@doanso" for r in owed}
    assert set(events) == expected
    some = next(iter(owed))
    e = events[f"report-{some['obligation_id']}-{branch.pk}-{some['period']}@doanso"]
    assert str(e["SUMMARY"]) == f"Hạn nộp báo cáo: {some['obligation']} ({some['period_label']})"
    from doanso.core.calendar.periods import TZ

    assert e.decoded("DTSTART") == some["due_at"].astimezone(TZ).date()
    assert str(e["URL"]) == f"http://testserver/reports/units/{branch.code}/due/"
    # stable: the same UIDs and bytes on the next fetch
    assert Client().get(path).content == Client().get(path).content


def test_token_is_stored_only_as_its_keyed_hash(login):
    path = _issue(login("hn.admin"), "/agenda/units/HN/")
    token = path.removeprefix("/agenda/feed/").removesuffix(".ics")
    feed = Feed.objects.get(user__username="hn.admin", revoked_at__isnull=True)
    assert feed.token_hash == tokens.digest(token) and token not in feed.token_hash
    assert not Feed.objects.filter(token_hash=token).exists()
    assert len(token) >= 43


def test_rotation_kills_the_old_url_and_revocation_the_current(login):
    c = login("hn.admin")
    old = _issue(c, "/agenda/units/HN/")
    new = _issue(c, "/agenda/units/HN/")
    assert old != new
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    assert c.post("/agenda/units/HN/", {"action": "revoke"}).status_code == 200
    assert Client().get(new).status_code == 404
    assert Feed.objects.filter(user__username="hn.admin", revoked_at__isnull=True).count() == 0


@pytest.mark.parametrize("forged", ["x", "A" * 43, "A" * 200, "..%2f..%2fetc"])
def test_forged_tokens_get_404(forged):
    assert Client().get(f"/agenda/feed/{forged}.ics").status_code == 404


def test_feed_stops_when_the_subscriber_leaves_the_unit_or_is_disabled(login, user):
    path = _issue(login("hn.admin"), "/agenda/units/HN/")
    u = user("hn.admin")
    u.is_active = False
    u.save(update_fields=["is_active"])
    assert Client().get(path).status_code == 404
    u.is_active = True
    u.save(update_fields=["is_active"])
    assert Client().get(path).status_code == 200
    role = u.roles.get(unit__code="HN")
    role.delete()
    assert Client().get(path).status_code == 404


def test_another_province_cannot_open_or_subscribe_to_a_units_calendar(login):
    c = login("hn.admin")
    assert c.get("/agenda/units/HCM/").status_code == 404
    assert c.post("/agenda/units/HCM/", {"action": "rotate"}).status_code == 404
    assert not Feed.objects.filter(unit__code="HCM").exists()


def test_unit_feed_leaks_nothing_of_other_units(login, user):
    """The branch's feed has only its own deadlines; a feed of its parent has none of the branch's."""
    branch = user("chidoan.demo").roles.first().unit
    cal = _parse(Client().get(_issue(login("chidoan.demo"), f"/agenda/units/{branch.code}/")))
    assert all(f"-{branch.pk}-" in uid for uid in _events(cal))
    hn = _parse(Client().get(_issue(login("hn.admin"), "/agenda/units/HN/")))
    assert not any(f"-{branch.pk}-" in uid for uid in _events(hn))
    assert b"HCM" not in Client().get(_issue(login("hn.admin"), "/agenda/units/HN/")).content


def test_member_feed_has_no_report_deadlines_for_a_plain_member(login):
    cal = _parse(Client().get(_issue(login("doanvien.demo"), "/agenda/me/")))
    assert str(cal["X-WR-CALNAME"]) == "Lịch của tôi — Đoàn Số"
    assert _events(cal) == {}


def test_member_who_administers_their_branch_gets_its_deadlines(login, user):
    from doanso.accounts.models import Role, RoleKind

    u = user("doanvien.demo")
    branch = u.member.branch
    Role.objects.create(user=u, unit=branch, role=RoleKind.ADMIN)
    events = _events(_parse(Client().get(_issue(login("doanvien.demo"), "/agenda/me/"))))
    assert events and all(uid.startswith("report-") and f"-{branch.pk}-" in uid for uid in events)


def test_my_calendar_needs_a_member_record(login):
    assert login("hn.admin").get("/agenda/me/").status_code == 404


def test_index_lists_the_users_calendars(login):
    body = login("hn.admin").get("/agenda/").content.decode()
    assert "/agenda/units/HN/" in body and "/agenda/me/" not in body
    body = login("doanvien.demo").get("/agenda/").content.decode()
    assert "/agenda/me/" in body and "/agenda/units/" not in body
    assert Client().get("/agenda/").status_code == 302


def test_page_shows_the_link_only_once(login):
    c = login("hn.admin")
    path = _issue(c, "/agenda/units/HN/")
    body = c.get("/agenda/units/HN/").content.decode()
    assert path not in body and "Lịch này đang có một liên kết bí mật" in body


def test_sources_registry_adds_events_with_utc_times(login):
    import datetime as dt

    from django.utils import timezone

    seen = []

    def source(subject, start, end):
        seen.append(subject)
        at = timezone.now().replace(microsecond=0) + dt.timedelta(days=3)
        return [
            agenda_api.Event(
                f"test-{subject.kind}-1@doanso",
                "Ngày chủ nhật xanh",
                at,
                at + dt.timedelta(hours=2),
                location="Công viên Thống Nhất",
                url="/hd/1/",
            )
        ]

    agenda_api.register("test-activities", source)
    try:
        cal = _parse(Client().get(_issue(login("hn.admin"), "/agenda/units/HN/")))
    finally:
        agenda_api.unregister("test-activities")
    e = _events(cal)["test-unit-1@doanso"]
    assert str(e["SUMMARY"]) == "Ngày chủ nhật xanh" and str(e["LOCATION"]) == "Công viên Thống Nhất"
    assert e.decoded("DTSTART").tzinfo is not None and e.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert e["DTSTART"].to_ical().endswith(b"Z")
    assert str(e["URL"]) == "http://testserver/hd/1/"
    assert seen[-1].kind == "unit" and seen[-1].unit.code == "HN" and seen[-1].user.username == "hn.admin"
