"""The activity form's co-organisers are picked by name among the units the user sees (the unit
search in picker mode), sent as codes, and refused in Vietnamese when outside the user's scope
(form, API and edit alike); an activity's co-organiser named before the scope rule stays."""

import pytest

from doanso.activities.models import Activity, Organiser, Role
from tests.activities.conftest import window
from tests.activities.test_pages import _form
from tests.factories import BranchFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def outside(unit):
    return BranchFactory(parent=unit("HN"), name="Chi đoàn Khu phố Hà Đông")


def _pick(c, q):
    return c.post("/units/search/", {"q": q, "pick": "co_organisers"}, headers=HTMX).content.decode()


def test_the_picker_lists_units_in_scope_by_name(login, world, outside):
    c = login("xa.admin")
    html = _pick(c, world.other_branch.name)
    assert f'data-code="{world.other_branch.code}"' in html
    assert f">{world.other_branch.name}" in html  # the name is what the button shows
    assert 'data-pick="co_organisers"' in html
    html = _pick(c, outside.name)
    assert outside.code not in html and outside.name not in html
    assert "Không có đơn vị nào như vậy trong phạm vi của bạn." in html


def test_the_picker_does_not_search_a_cccd(login, world):
    html = _pick(login("xa.admin"), "079203001234")
    assert "pick-results" not in html and "không tìm số CCCD" in html


def test_a_co_organiser_picked_is_saved_and_shown_by_name(login, world):
    c = login("xa.admin")
    r = c.post("/activities/new/", _form(world, co_organisers=[world.other_branch.code]))
    assert r.status_code == 302, r.content.decode()[:2000]
    a = Activity.objects.get()
    assert list(a.organisers.values_list("unit", flat=True)) == [world.other_branch.pk]
    html = c.get(f"/activities/{a.pk}/edit/").content.decode()
    assert (
        f'name="co_organisers" value="{world.other_branch.code}" checked> {world.other_branch.name}' in html
    )
    assert "Mã đơn vị, cách nhau" not in html
    # unticked, it is gone
    r = c.post(f"/activities/{a.pk}/edit/", _form(world))
    assert r.status_code == 302
    assert not a.organisers.exists()


def test_a_unit_outside_the_scope_is_refused_in_vietnamese(login, world, outside):
    c = login("xa.admin")
    r = c.post("/activities/new/", _form(world, co_organisers=[world.other_branch.code, outside.code]))
    assert r.status_code == 200
    html = r.content.decode()
    assert f"Không tìm thấy đơn vị “{outside.code}” trong phạm vi của bạn." in html
    assert not Activity.objects.exists()
    # the unit picked in scope is still shown by name, the outsider is not
    assert f"checked> {world.other_branch.name}" in html and outside.name not in html


def test_the_api_refuses_a_co_organiser_outside_the_scope(api, world, outside, make_activity):
    body = make_activity(co_organisers=[world.other_branch.code])
    assert Organiser.objects.filter(activity_id=body["id"], unit=world.other_branch).exists()
    start, end = window()
    r = api("xa.admin").post(
        "/activities",
        {
            "unit": world.commune.code,
            "title": "Hiến máu",
            "type": "tinh_nguyen",
            "start": start,
            "end": end,
            "co_organisers": [outside.code],
        },
    )
    assert r.status_code == 400
    assert r.json() == {"detail": f"Không tìm thấy đơn vị “{outside.code}”.", "field": "co_organisers"}
    assert Activity.objects.count() == 1


def test_a_co_organiser_from_before_the_rule_stays_but_none_is_added(login, world, outside):
    c = login("xa.admin")
    assert c.post("/activities/new/", _form(world)).status_code == 302
    a = Activity.objects.get()
    Organiser.objects.create(activity=a, unit=outside, role=Role.SUPPORT)  # named when any unit could be
    html = c.get(f"/activities/{a.pk}/edit/").content.decode()
    assert f"checked> {outside.name}" in html
    r = c.post(f"/activities/{a.pk}/edit/", _form(world, title="Lần 2", co_organisers=[outside.code]))
    assert r.status_code == 302, r.content.decode()[:2000]
    assert list(a.organisers.values_list("unit", flat=True)) == [outside.pk]
    other = BranchFactory(parent=outside.parent)
    r = c.post(f"/activities/{a.pk}/edit/", _form(world, co_organisers=[outside.code, other.code]))
    assert r.status_code == 200
    assert f"Không tìm thấy đơn vị “{other.code}” trong phạm vi của bạn." in r.content.decode()
    assert list(a.organisers.values_list("unit", flat=True)) == [outside.pk]
