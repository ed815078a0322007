"""What the page-walk of session 22 found on the activity pages: the edit form of an activity
of a unit beyond the form's first units, indicator codes in the form, seconds in the meeting times."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from doanso.activities import views
from doanso.activities.models import Activity

pytestmark = pytest.mark.django_db


def _dt(delta_hours: float) -> str:
    t = timezone.localtime(timezone.now() + timedelta(hours=delta_hours))
    return f"{t:%d/%m/%Y %H:%M}"


def _selected(html: str, name: str) -> list[str]:
    """The texts of the selected options of the <select name=...>."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select, name
    return [
        re.sub(r"\s+", " ", t).strip()
        for t in re.findall(r"<option [^>]*selected[^>]*>(.*?)</option>", select[0], re.S)
    ]


def test_editing_an_activity_of_a_unit_past_the_forms_list_keeps_its_unit_and_audience(
    login, world, monkeypatch
):
    def body(title: str) -> dict:
        return {
            "title": title,
            "type": "hien_mau",
            "start": _dt(-1),
            "end": _dt(3),
            "audience": [world.branch.code],
        }

    c = login("huyen.admin")
    r = c.post("/activities/new/", {"unit": world.branch.code, **body("Hiến máu nhân đạo")})
    assert r.status_code == 302, r.content.decode()[:2000]
    a = Activity.objects.get(title="Hiến máu nhân đạo")
    # a district (or the Central Committee) sees more units than the form lists: here only its own
    monkeypatch.setattr(views, "MAX_UNITS_IN_FORM", 1)
    html = c.get(f"/activities/{a.pk}/edit/").content.decode()
    assert _selected(html, "unit") == [world.branch.name]
    assert _selected(html, "audience") == [world.branch.name]
    r = c.post(f"/activities/{a.pk}/edit/", body("Hiến máu nhân đạo đợt 2"))
    assert r.status_code == 302, r.content.decode()[:3000]
    a.refresh_from_db()
    assert (a.title, a.unit) == ("Hiến máu nhân đạo đợt 2", world.branch)
    assert list(a.audience.values_list("code", flat=True)) == [world.branch.code]


def test_the_activity_form_names_indicators_without_their_codes(login, world):
    from doanso.plans.models import Indicator

    html = login("xa.admin").get("/activities/new/").content.decode()
    select = re.search(r'<select name="indicators".*?</select>', html, re.S)[0]
    i = Indicator.objects.get(code="CAY_XANH")
    assert 'value="CAY_XANH"' in select
    assert re.search(rf'value="CAY_XANH"[^>]*>\s*{re.escape(i.name)}\s*</option>', select)
    assert not re.search(r">[^<]*\b[A-Z][A-Z0-9]*_[A-Z0-9_]{2,}\b[^<]*<", select)


def test_meeting_times_are_hours_and_minutes(login, world):
    html = login("xa.admin").get(f"/activities/meetings/{world.branch.code}/").content.decode()
    assert re.search(r'name="start" value="19:30"', html)
    assert re.search(r'name="end" value="21:00"', html)
    assert "19:30:00" not in html


def test_the_branchs_attendance_table_has_the_apps_table_style(login, world):
    from tests.factories import UserFactory

    UserFactory(unit=world.branch, username="bithu.walk")
    html = login("bithu.walk").get(f"/activities/meetings/{world.branch.code}/").content.decode()
    card = re.search(r'id="attendance".*?</table>', html, re.S)[0]
    assert '<table class="grid">' in card  # "table" has no rule in app.css: headers centred, cells cramped
    assert all(m.full_name in card for m in world.members[:3])


def test_a_meetings_attendance_is_a_list_of_touch_rows(login, world):
    from tests.activities.test_meetings import _schedule

    c = login("xa.admin")
    aid = _schedule(c, world.branch)
    html = c.get(f"/activities/meetings/m/{aid}/").content.decode()
    # the app's touch rows (3rem high, 1,25rem boxes), not bullets beside 13 px check boxes on a phone
    ul = re.search(r'<ul class="touch-list[^"]*">(.*?)</ul>', html, re.S)
    assert ul, "the attendance list is not a touch-list"
    rows = re.findall(r'<li><label><input type="checkbox" name="present" value="(\d+)"', ul[1])
    assert sorted(map(int, rows)) == sorted(m.pk for m in world.members[:3])


def test_a_unit_past_the_forms_list_can_organise_a_new_activity(login, world, monkeypatch):
    """A province or the Central Committee sees more units than the form lists: the levels come
    first, and a deeper unit named in the address (or the form) is offered and accepted."""
    from doanso.org.models import UnitKind
    from tests.factories import UnitFactory

    second = UnitFactory(kind=UnitKind.XA, parent=world.district, name="Đoàn xã Thứ Hai")
    monkeypatch.setattr(views, "MAX_UNITS_IN_FORM", 3)
    c = login("huyen.admin")
    html = c.get("/activities/new/").content.decode()
    # the levels first: the district and both communes, not the first commune's branches
    assert second.name in html and world.commune.name in html and world.branch.name not in html
    html = c.get(f"/activities/new/?unit={world.branch.code}").content.decode()
    assert _selected(html, "unit") == [world.branch.name]
    body = {"unit": world.branch.code, "title": "Ngày chủ nhật xanh", "type": "trong_cay"}
    r = c.post("/activities/new/", {**body, "start": _dt(-1), "end": _dt(3)})
    assert r.status_code == 302, r.content.decode()[:2000]
    assert Activity.objects.get(title="Ngày chủ nhật xanh").unit == world.branch
    assert c.get("/activities/new/?unit=HN").status_code == 404  # outside the scope
