"""A child plan adopting its parent's targets, tasks with lead/supporting units, and units
created after a plan was issued owing its reports."""

from datetime import date

import pytest

from doanso.org.models import Unit
from doanso.plans import api as plans_api
from doanso.plans.models import Allocation, Assignment, Obligation, Plan


@pytest.fixture
def tw_plan(db):
    return Plan.objects.get(issuer__code="TW")


def test_child_plan_adopts_its_allocations_through_the_api(api, tw_plan):
    r = api("ct.admin").post(f"/plans/{tw_plan.pk}/adopt", {"unit": "CT"})
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["issuer"] == "CT" and [p["id"] for p in body["implements"]] == [tw_plan.pk]
    got = {(t["indicator"], t["period"]): t["value"] for t in body["targets"]}
    assert got[("BAI_VIET_NTTT", "2025")] == 104  # CT's own allocation
    assert got[("APP_TNVN", "2030")] == 90  # a ratio, inherited
    assert len(got) == tw_plan.targets.count()
    again = api("ct.admin").post(f"/plans/{body['id']}/adopt", {"parent": tw_plan.pk})
    assert (again.status_code, again.json()["field"]) == (400, "parent")  # nothing left to adopt
    assert api("hn.admin").post(f"/plans/{tw_plan.pk}/adopt", {"unit": "CT"}).status_code == 404


def test_adopting_refuses_a_unit_outside_the_issuer(api):
    st = Plan.objects.get(issuer__code="ST")
    r = api("tw.admin").post(f"/plans/{st.pk}/adopt", {"unit": "HN"})
    assert (r.status_code, r.json()["field"]) == (400, "unit")
    assert "không phải đơn vị cấp dưới" in r.json()["detail"]


def test_tasks_api(api, tw_plan):
    caller = api("tw.admin")
    r = caller.post(
        f"/plans/{tw_plan.pk}/tasks",
        {"title": "Xây dựng đội hình phản bác", "lead": "HN", "supporting": ["CT", "HCM"]},
    )
    assert r.status_code == 201, r.content
    assert (r.json()["lead"], sorted(r.json()["supporting"])) == ("HN", ["CT", "HCM"])
    items = api("ct.admin").get(f"/plans/{tw_plan.pk}/tasks").json()
    assert [t["title"] for t in items][-1] == "Xây dựng đội hình phản bác"
    for data, field in [
        ({"title": " "}, "title"),
        ({"title": "x", "lead": "NOPE"}, "units"),
        ({"title": "x", "lead": "HN", "supporting": ["HN"]}, "supporting"),
    ]:
        bad = caller.post(f"/plans/{tw_plan.pk}/tasks", data)
        assert (bad.status_code, bad.json()["field"]) == (400, field), bad.content
    st = Plan.objects.get(issuer__code="ST")
    bad = api("ct.admin").post(f"/plans/{st.pk}/tasks", {"title": "x", "lead": "HN"})
    # A unit outside the caller's scope reads as unknown (its name is not told).
    assert (bad.status_code, bad.json()) == (400, {"detail": "Không có đơn vị mã “HN”.", "field": "units"})
    assert api("hn.admin").post(f"/plans/{st.pk}/tasks", {"title": "x"}).status_code == 404


def test_a_unit_created_after_the_plan_owes_its_reports(api, unit):
    from doanso.org import services as org

    ct = unit("CT")
    plan = plans_api.create_plan(
        None, ct, title="Kế hoạch 2026", issued_on=date(2026, 1, 5), period_start="2026", issue=True
    )
    plans_api.add_target(None, plan, indicator="TN_LUOT", value=100, period="2026")
    ob = plans_api.add_obligation(
        None,
        plan,
        title="Báo cáo tháng",
        due_rule="FREQ=MONTHLY;BYMONTHDAY=25;BYHOUR=17;BYMINUTE=0",
        indicators=["TN_LUOT"],
    )
    new = org.create_unit(
        None, code="CT-PNEW", name="Đoàn phường Mới", kind="xa", parent=ct, on=date(2026, 6, 1)
    )
    # creating the unit is what makes it owe the plan's reports, not reading its due list
    assert Assignment.objects.filter(obligation=ob, unit=new).exists()
    due = api("ct.admin").get("/units/CT-PNEW/reports/due", limit=500).json()["items"]
    mine = [d for d in due if d["obligation_id"] == ob.pk]
    assert mine and all(d["period"] >= "2026-06" for d in mine)
    r = api("ct.admin").post("/reports", {"obligation": ob.pk, "unit": "CT-PNEW", "period": "2026-07"})
    assert r.status_code == 200, r.content
    assert plans_api.sync_assignments(ob) == 0


def test_sync_assignments_adds_todays_children(unit):
    ct = unit("CT")
    plan = plans_api.create_plan(
        None, ct, title="Kế hoạch 2026", issued_on=date(2026, 1, 5), period_start="2026", issue=True
    )
    ob = plans_api.add_obligation(
        None,
        plan,
        title="Báo cáo quý",
        due_rule="FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20;BYHOUR=17;BYMINUTE=0",
        indicators=["TN_LUOT"],
    )
    Assignment.objects.filter(obligation=ob).delete()
    n = plans_api.sync_assignments(ob, today=date(2026, 3, 1))
    assert n == Unit.objects.filter(parent=ct, active=True).count() > 0


def test_descendants_on_a_past_date_are_the_old_districts(unit):
    st = unit("ST")
    ids = plans_api.descendants_on(st, date(2024, 1, 10), None)
    assert set(Unit.objects.filter(pk__in=ids).values_list("code", flat=True)) == set(
        Unit.objects.filter(code__regex=r"^ST-H\d+$").values_list("code", flat=True)
    )
    plan = Plan.objects.get(issuer__code="ST")
    assert Allocation.objects.filter(target__plan=plan, unit_id__in=ids).exists()
    assert Obligation.objects.filter(plan=plan).count() == 2
