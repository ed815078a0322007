"""Computed indicators fed by check-ins and verified outputs, on the plan dashboard at every level;
figures added from outside the system count in the total and are shown apart."""

import pytest
from django.utils import timezone

from doanso.activities.models import Participation
from doanso.core.calendar.periods import Period
from doanso.plans import indicators
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

YEAR = str(timezone.localdate().year)


def _plan(api, world, codes):
    caller = api("hcm.admin")
    pid = caller.post(
        "/plans",
        {
            "issuer": "HCM",
            "title": "Chương trình công tác Đoàn",
            "issued_on": f"{YEAR}-01-05",
            "period_start": YEAR,
        },
    ).json()["id"]
    for code in codes:
        r = caller.post(f"/plans/{pid}/targets", {"indicator": code, "value": 100, "period": YEAR})
        assert r.status_code == 201, r.content
    return pid


def _actuals(api, pid, unit):
    body = api("hcm.admin").get(f"/plans/{pid}/dashboard", unit=unit.code, period=YEAR).json()
    return {t["indicator"]: t["actual"] for t in body["targets"]}


def test_registered_from_this_app_and_flipped_to_computed():
    """The seeds' three become mixed (records plus what units report), the new ones computed."""
    from doanso.plans.models import Indicator

    for code in ("TN_LUOT", "CAY_XANH", "HIEN_MAU", "HD_LUOT", "HD_NGUOI", "HD_GIO_TN"):
        assert indicators.REGISTRY[code].__module__ == "doanso.activities.indicators"
        expected = "mixed" if code in ("TN_LUOT", "CAY_XANH", "HIEN_MAU") else "computed"
        assert Indicator.objects.get(code=code).source == expected


def test_check_ins_and_verified_outputs_move_the_dashboard_at_every_level(api, world, make_activity):
    pid = _plan(api, world, ["TN_LUOT", "CAY_XANH", "HD_NGUOI", "HD_GIO_TN", "HD_LUOT"])
    a = make_activity()  # organised by the commune
    for m in world.members[:3]:
        assert api("xa.admin").post(f"/activities/{a['id']}/checkins", {"member": m.pk}).status_code == 201
    # a branch meeting-style activity organised by the branch itself (not a volunteer type)
    from doanso.accounts.models import RoleKind
    from tests.factories import UserFactory

    UserFactory(unit=world.branch, username="cd.admin", role=RoleKind.ADMIN)
    start, end = a["start"], a["end"]
    b = (
        api("cd.admin")
        .post(
            "/activities",
            {
                "unit": world.branch.code,
                "title": "Học tập nghị quyết",
                "type": "hoc_tap",
                "start": start,
                "end": end,
            },
        )
        .json()
    )
    assert (
        api("cd.admin").post(f"/activities/{b['id']}/checkins", {"member": world.members[0].pk}).status_code
        == 201
    )

    out = api("xa.admin").post(f"/activities/{a['id']}/outputs", {"indicator": "CAY_XANH", "value": "1.200"})
    assert out.status_code == 201, out.json()
    assert _actuals(api, pid, world.commune)["CAY_XANH"] is None  # not verified yet: no figure
    assert api("xa.admin").post(f"/activity-outputs/{out.json()['id']}/verify").status_code == 403
    assert api("huyen.admin").post(f"/activity-outputs/{out.json()['id']}/verify").status_code == 200

    for u in (world.province, world.district, world.commune):
        got = _actuals(api, pid, u)
        assert got["TN_LUOT"] >= 3 and got["CAY_XANH"] >= 1200, (u, got)
    commune = _actuals(api, pid, world.commune)
    assert commune == {"TN_LUOT": 3, "CAY_XANH": 1200, "HD_NGUOI": 3, "HD_GIO_TN": 12, "HD_LUOT": 4}
    branch = _actuals(api, pid, world.branch)
    # Mixed indicators with nothing recorded and nothing reported show no figure yet.
    assert branch == {"TN_LUOT": None, "CAY_XANH": None, "HD_NGUOI": 1, "HD_GIO_TN": 0, "HD_LUOT": 1}

    # returned after verification: it leaves the indicator
    r = api("huyen.admin").post(f"/activity-outputs/{out.json()['id']}/return", {"reason": "Ảnh không rõ"})
    assert r.status_code == 200 and r.json()["status"] == "returned"
    assert _actuals(api, pid, world.commune)["CAY_XANH"] is None


def test_counters_equal_a_recount_from_rows(api, world, make_activity):
    a = make_activity(open_to_public=True)
    for m in world.members:
        api("xa.admin").post(f"/activities/{a['id']}/checkins", {"member": m.pk})
    api("xa.admin").post(
        f"/activities/{a['id']}/checkins", {"guest_name": "Khách", "guest_phone": "0987654321"}
    )
    period = Period.year(int(YEAR))
    rows = Participation.objects.filter(
        activity__unit__path__gte=world.district.subtree_range[0],
        activity__unit__path__lt=world.district.subtree_range[1],
        activity__type__volunteer=True,
    )
    assert indicators.compute("TN_LUOT", world.district, period).value == rows.count() == 5
    assert indicators.compute("HD_NGUOI", world.district, period).value == 5


def test_figures_from_outside_are_added_and_shown_apart(api, world, make_activity):
    pid = _plan(api, world, ["TN_LUOT"])
    a = make_activity()
    api("xa.admin").post(f"/activities/{a['id']}/checkins", {"member": world.members[0].pk})
    r = api("xa.admin").post(
        "/activity-figures",
        {
            "unit": world.commune.code,
            "indicator": "TN_LUOT",
            "on": f"15/03/{YEAR}",
            "value": "40",
            "note": "Ra quân hè (trước khi dùng hệ thống)",
        },
    )
    assert r.status_code == 201, r.json()
    assert _actuals(api, pid, world.commune)["TN_LUOT"] == 41
    got = api("huyen.admin").get("/activity-figures", unit=world.district.code, period=YEAR).json()
    tn = next(i for i in got["items"] if i["code"] == "TN_LUOT")
    assert (tn["records"], tn["added"], tn["total"]) == (1, 40, 41)
    # refused: no reason, an indicator that takes none, another province's unit
    bad = api("xa.admin").post(
        "/activity-figures",
        {"unit": world.commune.code, "indicator": "DV_TONG", "on": f"{YEAR}-03-15", "value": 5, "note": "x"},
    )
    assert bad.status_code == 400 and bad.json()["field"] == "indicator"
    hn = api("hn.admin").post(
        "/activity-figures",
        {"unit": world.commune.code, "indicator": "TN_LUOT", "on": f"{YEAR}-03-15", "value": 5, "note": "x"},
    )
    assert hn.status_code == 404
    assert api("hn.admin").get("/activity-figures", unit=world.commune.code, period=YEAR).status_code == 404


def test_output_refusals(api, world, make_activity):
    a = make_activity()
    for body, field in (
        ({"indicator": "KHONG_CO", "value": 5}, "indicator"),
        ({"indicator": "CAY_XANH", "value": "-3"}, "value"),
        ({"indicator": "CAY_XANH", "value": "2,5"}, "value"),
    ):
        r = api("xa.admin").post(f"/activities/{a['id']}/outputs", body)
        assert r.status_code == 400, r.json()
        assert r.json()["field"] == field
    o = api("xa.admin").post(f"/activities/{a['id']}/outputs", {"indicator": "HIEN_MAU", "value": 30}).json()
    assert api("hn.admin").post(f"/activity-outputs/{o['id']}/verify").status_code == 404
    r = api("huyen.admin").post(f"/activity-outputs/{o['id']}/return", {"reason": " "})
    assert r.status_code == 400
    assert api("huyen.admin").post(f"/activity-outputs/{o['id']}/verify").status_code == 200
    assert api("huyen.admin").post(f"/activity-outputs/{o['id']}/verify").status_code == 409


def test_distinct_participants_count_a_person_once_across_activities(api, world, make_activity):
    a, b = make_activity(), make_activity(title="Buổi hai")
    m = MemberFactory(branch=world.branch)
    for act in (a, b):
        assert api("xa.admin").post(f"/activities/{act['id']}/checkins", {"member": m.pk}).status_code == 201
    period = Period.year(int(YEAR))
    assert indicators.compute("HD_NGUOI", world.commune, period).value == 1
    assert indicators.compute("HD_LUOT", world.commune, period).value == 2
