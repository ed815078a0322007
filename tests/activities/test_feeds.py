"""Activities on the maps and in the calendars, through places' and agenda's registries: scoped for
staff, only what is open to the public for anyone, the unit's own activities in its calendar."""

import pytest
from django.test import Client
from icalendar import Calendar

from tests.agenda.test_feeds import _issue

pytestmark = pytest.mark.django_db


def _titles(response, layer="activities") -> list[str]:
    assert response.status_code == 200
    return [p["title"] for p in response.json()["items"] if p["layer"] == layer]


def test_activities_with_a_place_are_on_the_maps_in_scope_only(make_activity, login, world):
    make_activity(title="Ngày chủ nhật xanh", lat="10,7769", lon="106,7009")
    make_activity(title="Hiến máu mở", lat="10,78", lon="106,7", open_to_public=True)
    make_activity(title="Họp không địa điểm")
    assert _titles(login("xa.admin").get("/api/v1/map/points")) == ["Ngày chủ nhật xanh", "Hiến máu mở"]
    assert _titles(login("hn.admin").get("/api/v1/map/points")) == []  # another province
    assert _titles(Client().get("/api/v1/map/public-points")) == ["Hiến máu mở"]
    south_of_it = {"bbox": "10,106,10.5,107"}
    assert _titles(login("xa.admin").get("/api/v1/map/points", south_of_it)) == []


def test_the_units_calendar_holds_its_activities(make_activity, login, world):
    a = make_activity(title="Ngày chủ nhật xanh", place_name="Công viên 30/4")
    path = _issue(login("xa.admin"), f"/agenda/units/{world.commune.code}/")
    cal = Calendar.from_ical(Client().get(path).content)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    event = events[f"activity-{a['id']}@doanso"]
    assert str(event["SUMMARY"]) == "Ngày chủ nhật xanh" and str(event["LOCATION"]) == "Công viên 30/4"
    other = _issue(login("hcm.admin"), "/agenda/units/HCM/")  # the province above: not its own activity
    assert f"activity-{a['id']}@doanso" not in Client().get(other).content.decode()


def test_calendar_map_and_todo_links_open_the_activity_page(make_activity, login, world):
    """A person following a link from the calendar, the map or "Việc cần làm" reads the page, not
    the API's JSON."""
    from django.utils import timezone

    from doanso.activities.todo import provider

    a = make_activity(title="Ngày chủ nhật xanh", lat="10,7769", lon="106,7009")
    page = f"/activities/{a['id']}/"
    points = login("xa.admin").get("/api/v1/map/points").json()["items"]
    assert [p["url"] for p in points if p["layer"] == "activities"] == [page]
    path = _issue(login("xa.admin"), f"/agenda/units/{world.commune.code}/")
    event = next(iter(Calendar.from_ical(Client().get(path).content).walk("VEVENT")))
    assert str(event["URL"]).endswith(page)
    run = {i.kind: i for i in provider(world.commune_admin, [world.commune], timezone.now())}["activity_run"]
    assert run.url == page
    assert login("xa.admin").get(run.url).status_code == 200
