"""GET /api/v1/units/{code}/outreach/compliance?period=…: the rule checked for the unit and each
child, with the days that missed a tin tốt; the rule is data a unit may override."""

from datetime import date

import pytest
from django.utils import timezone

from doanso.core.calendar.periods import Period
from doanso.outreach import compliance, services
from doanso.outreach.compliance import Rule

pytestmark = pytest.mark.django_db


def _log(unit, day, kind="tin_tot", n=0):
    services.log_post(
        None,
        unit,
        url=f"https://{unit.code}.vn/{day}/{kind}/{n}",
        kind=kind,
        published=day,
        fetch_metadata=False,
    )


def test_the_unit_and_its_children_with_their_missing_days(api, unit):
    hcm, p1, p2 = unit("HCM"), unit("HCM-P001"), unit("HCM-P002")
    week = [date(2026, 3, d) for d in range(2, 9)]  # 2026W10, Monday to Sunday
    for d in week:
        _log(p1, d)
    _log(p1, date(2026, 3, 6), "cau_chuyen_dep")
    for d in week[:3]:
        _log(p2, d)
    r = api("hcm.admin").get("/units/HCM/outreach/compliance", period="2026W10")
    assert r.status_code == 200, r.json()
    body = r.json()
    items = {i["unit"]: i for i in body["items"]}
    assert body["count"] == len(body["items"]) == 1 + hcm.children.filter(active=True).count()
    assert body["items"][0]["unit"] == "HCM"
    assert {
        k: items["HCM-P001"][k] for k in ("expected", "logged", "missing_days", "missing_weeks", "band")
    } == {
        "expected": 8,  # 7 tin tốt + 1 câu chuyện đẹp
        "logged": 8,
        "missing_days": [],
        "missing_weeks": [],
        "band": "dat",
    }
    assert items["HCM-P002"]["missing_days"] == [f"2026-03-0{d}" for d in range(5, 9)]
    assert items["HCM-P002"]["missing_weeks"] == ["2026W10"]
    assert items["HCM-P002"]["band"] == "chua_dat"
    assert items["HCM"]["logged"] == 11 and items["HCM"]["missing_days"] == []  # the subtree counts
    assert items["HCM-P003"]["missing_days"] == [d.isoformat() for d in week]


def test_periods_are_read_the_vietnamese_way_and_a_bad_one_is_400(api):
    r = api("hcm.admin").get("/units/HCM/outreach/compliance", period="tháng 3/2026")
    assert r.status_code == 200 and r.json()["period"] == "2026-03"
    assert (
        api("hcm.admin").get("/units/HCM/outreach/compliance", period="2026Q1").json()["period"] == "2026Q1"
    )
    r = api("hcm.admin").get("/units/HCM/outreach/compliance", period="2026W99")
    assert r.status_code == 400 and r.json()["field"] == "period"


def test_another_province_is_404(api):
    assert api("hn.admin").get("/units/HCM/outreach/compliance", period="2026W10").status_code == 404
    assert api("hn.admin").get("/units/HCM-P001/outreach/compliance", period="2026W10").status_code == 404
    r = api("hn.admin").request(
        "PUT", "/units/HCM/outreach/rule", data={"good_news_per_day": 0}, content_type="application/json"
    )
    assert r.status_code == 404


def test_a_unit_sets_its_own_rule_and_its_children_inherit_it(api, unit):
    import json

    r = api("hcm.admin").request(
        "PUT",
        "/units/HCM-P001/outreach/rule",
        data=json.dumps({"good_news_per_day": 2, "stories_per_week": 1, "posts_per_week": 3}),
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["good_news_per_day"] == 2
    _log(unit("HCM-P001"), date(2026, 3, 2))
    items = {
        i["unit"]: i
        for i in api("hcm.admin")
        .get("/units/HCM-P001/outreach/compliance", period="2026-03-02")
        .json()["items"]
    }
    assert items["HCM-P001"]["missing_days"] == ["2026-03-02"]  # 1 of the 2 asked
    child = unit("HCM-P001").children.filter(active=True).first()
    if child is not None:
        assert api("hcm.admin").get(f"/units/{child.code}/outreach/rule").json()["good_news_per_day"] == 2
    assert api("hcm.admin").get("/units/HCM-P002/outreach/rule").json()["good_news_per_day"] == 1


def test_the_other_units_routes_still_answer_beside_ours(api):
    """Three routers share /units (units, members, outreach): ninja merges them."""
    assert api("hcm.admin").get("/units/HCM").status_code == 200
    assert api("hcm.admin").get("/units/HCM/children").status_code == 200
    assert api("hcm.admin").get("/units/HCM/outreach/channels").status_code == 200


# ---------------------------------------------------------------------------- the pure rule


def _counts(pairs):
    out = {}
    for d, kind in pairs:
        out.setdefault(d, {}).setdefault(kind, 0)
        out[d][kind] += 1
    return out


def test_future_days_are_not_missing_yet():
    week = Period.week(2026, 10)
    res = compliance.check(Rule(), week, _counts([(date(2026, 3, 2), "tin_tot")]), today=date(2026, 3, 3))
    assert res["missing_days"] == [date(2026, 3, 3)]
    assert res["days"] == 2
    assert res["missing_weeks"] == ["2026W10"]  # no story yet
    assert compliance.check(Rule(), week, {}, today=date(2026, 3, 1))["days"] == 0


def test_a_week_with_enough_posts_but_no_story_misses_the_week():
    week = Period.week(2026, 10)
    days = [(date(2026, 3, d), "tin_tot") for d in range(2, 9)]
    res = compliance.check(Rule(), week, _counts(days), today=date(2026, 3, 20))
    assert res["missing_days"] == [] and res["missing_weeks"] == ["2026W10"]
    res = compliance.check(Rule(stories_per_week=0), week, _counts(days), today=date(2026, 3, 20))
    assert res["missing_weeks"] == []


def test_the_todo_list_asks_for_todays_good_news_only_from_units_with_channels(user, unit):
    from doanso.outreach.models import Channel
    from doanso.todo.api import todo_list

    kinds = lambda: [i for i in todo_list(user("hcm.admin")) if i["kind"] == "outreach_post_today"]  # noqa: E731
    assert kinds() == []
    services.add_channel(None, unit("HCM"), kind="fanpage", url="https://facebook.com/tuoitrehcm")
    items = kinds()
    assert len(items) == 1 and items[0]["unit"] == "HCM" and "0/1" in items[0]["title"]
    _log(unit("HCM-P001"), timezone.localdate())
    assert kinds() == []
    assert Channel.objects.filter(unit__code="HCM").count() == 1
