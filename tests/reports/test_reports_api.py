import json
from datetime import datetime

import pytest

from doanso.core.calendar.periods import TZ
from doanso.plans.models import Obligation, Plan
from doanso.reports.models import Report


def _put(caller, path, data):
    return caller.request("PUT", path, data=json.dumps(data), content_type="application/json")


@pytest.fixture
def qd311_weekly(db):
    return Obligation.objects.get(plan__issuer__code="TW", due_rule__startswith="FREQ=WEEKLY")


def _open(api, user, ob, unit, period):
    return api(user).post("/reports", {"obligation": ob.pk, "unit": unit, "period": period})


def test_submit_and_approve_a_weekly_report(api, qd311_weekly):
    r = _open(api, "hn.admin", qd311_weekly, "HN", "2026W20")
    assert r.status_code == 200, r.content
    rep = r.json()
    assert (rep["status"], rep["due_at"][:16]) == ("draft", "2026-05-15T12:00")
    r = api("hn.admin").post(
        f"/reports/{rep['id']}/submit",
        {"values": {"BAI_VIET_NTTT": 3, "TIN_TOT": "7"}, "version": rep["version"]},
    )
    assert r.status_code == 200, r.content
    assert (r.json()["status"], r.json()["values"]) == ("submitted", {"BAI_VIET_NTTT": 3, "TIN_TOT": 7})
    again = api("hn.admin").post(f"/reports/{rep['id']}/submit", {"values": {"BAI_VIET_NTTT": 4}})
    assert again.status_code == 400 and again.json()["field"] == "status"
    assert (
        api("hn.admin").post(f"/reports/{rep['id']}/approve", {}).status_code == 404
    )  # HN does not review TW
    ok = api("tw.admin").post(f"/reports/{rep['id']}/approve", {"comment": "Tốt"})
    assert ok.json()["status"] == "approved"
    assert [h["action"] for h in ok.json()["history"]] == ["create", "save", "submit", "approve"]
    late = _put(api("hn.admin"), f"/reports/{rep['id']}", {"values": {"TIN_TOT": 1}})
    assert (late.status_code, late.json()["field"]) == (400, "status")


def test_report_bad_input(api, qd311_weekly):
    bad_period = _open(api, "hn.admin", qd311_weekly, "HN", "2031W2")
    assert (bad_period.status_code, bad_period.json()["field"]) == (400, "period")
    assert "nằm ngoài thời gian" in bad_period.json()["detail"]
    wrong_grain = _open(api, "hn.admin", qd311_weekly, "HN", "2026-05")
    assert "báo cáo theo tuần" in wrong_grain.json()["detail"]
    rep = _open(api, "hn.admin", qd311_weekly, "HN", "2026W21").json()
    for values, field, words in [
        ({"BAI_VIET_NTTT": -1}, "BAI_VIET_NTTT", "không được âm"),
        ({"BAI_VIET_NTTT": "ba"}, "BAI_VIET_NTTT", "không phải là số"),
        ({"CAY_XANH": 3}, "CAY_XANH", "không thuộc báo cáo"),
    ]:
        r = _put(api("hn.admin"), f"/reports/{rep['id']}", {"values": values})
        assert (r.status_code, r.json()["field"]) == (400, field)
        assert words in r.json()["detail"]
    yearly = Obligation.objects.get(plan__issuer__code="TW", due_rule__startswith="FREQ=YEARLY")
    y = _open(api, "hn.admin", yearly, "HN", "2026").json()
    r = _put(api("hn.admin"), f"/reports/{y['id']}", {"values": {"APP_TNVN": [120, 100]}})
    assert "vượt quá 100%" in r.json()["detail"]


def test_two_editors_do_not_overwrite_each_other(api, qd311_weekly):
    rep = _open(api, "hn.admin", qd311_weekly, "HN", "2026W22").json()
    first = _put(
        api("hn.admin"), f"/reports/{rep['id']}", {"values": {"TIN_TOT": 5}, "version": rep["version"]}
    )
    assert first.status_code == 200
    second = _put(
        api("tw.admin"), f"/reports/{rep['id']}", {"values": {"TIN_TOT": 9}, "version": rep["version"]}
    )
    assert second.status_code == 409
    assert "người khác" in second.json()["detail"]
    assert api("hn.admin").get(f"/reports/{rep['id']}").json()["values"] == {"TIN_TOT": 5}


def test_other_provinces_cannot_file_or_read(api, qd311_weekly):
    assert _open(api, "hn.admin", qd311_weekly, "HCM", "2026W20").status_code == 404
    st_report = Report.objects.filter(unit__code__startswith="ST-").first()
    assert api("hn.admin").get(f"/reports/{st_report.pk}").status_code == 404
    assert api("ct.admin").get(f"/reports/{st_report.pk}").status_code == 200


def test_due_list_names_what_the_unit_owes_with_deadlines(api):
    r = api("hn.admin").get("/units/HN/reports/due", limit=500)
    assert r.status_code == 200
    items = r.json()["items"]
    assert items and r.json()["count"] == len(items), "HN owes weekly reports in 2026"
    weekly = [i for i in items if i["period"].startswith("2026W")]
    assert all(
        datetime.fromisoformat(i["due_at"]).astimezone(TZ).strftime("%a %H:%M") == "Fri 12:00" for i in weekly
    )
    assert {"plan", "obligation", "period", "due_at", "overdue", "status"} <= set(items[0])
    assert api("hn.admin").get("/units/HCM/reports/due").status_code == 404


def test_soc_trang_reports_count_as_late_or_on_time(db):
    plan = Plan.objects.get(issuer__code="ST")
    reps = Report.objects.filter(obligation__plan=plan, status__in=["submitted", "approved"])
    assert reps.filter(on_time=False).exists() and reps.filter(on_time=True).exists()
    for r in reps.filter(on_time=False)[:5]:
        assert r.submitted_at > r.due_at
