from datetime import date

import pytest

from doanso.core.calendar import periods
from doanso.org.models import Unit
from doanso.plans.models import Plan
from doanso.reports import rollup
from doanso.reports.models import Report


@pytest.fixture
def st_plan(db):
    return Plan.objects.get(issuer__code="ST")


def _check_against_raw(body, plan, unit, period):
    raw = rollup.recompute(plan, unit, periods.parse(period))
    targets = {t.indicator.code: t.indicator for t in plan.targets.select_related("indicator")}
    for row in body["targets"]:
        ind = targets[row["indicator"]]
        if ind.source == "computed":
            continue  # from the apps' records, not from reports (their own tests recount them)
        if ind.source == "mixed":
            row = {**row, "actual": row["reported"]}  # the reported part is what reports recompute
        num, den = raw["values"].get(ind.pk, (None, None))
        expected = (100 * num / den if den else None) if ind.is_ratio else num
        if expected is None:
            assert row["actual"] is None
        else:
            assert row["actual"] == pytest.approx(expected, rel=1e-4)
            if row["target"]:
                assert row["progress"] == pytest.approx(expected / row["target"], abs=1e-4)
    assert (body["reports"]["received"], body["reports"]["on_time"]) == (raw["received"], raw["on_time"])


def test_soc_trang_2024_counts_for_can_tho_and_trung_uong(api, st_plan):
    for user, code in [("ct.admin", "CT"), ("tw.admin", "TW"), ("tw.admin", "CT")]:
        r = api(user).get(f"/plans/{st_plan.pk}/dashboard", unit=code, period="2024")
        assert r.status_code == 200, r.content
        body = r.json()
        assert len(body["targets"]) == 19
        assert {"indicator", "name", "target", "actual", "progress"} <= set(body["targets"][0])
        tn = next(t for t in body["targets"] if t["indicator"] == "TN_LUOT")
        assert tn["target"] == 85000
        assert tn["actual"] > 0 and tn["progress"] == pytest.approx(tn["actual"] / 85000, abs=1e-4)
        assert body["reports"]["expected"] >= body["reports"]["received"] > body["reports"]["on_time"] > 0
        _check_against_raw(body, st_plan, Unit.objects.get(code=code), "2024")
    assert api("hn.admin").get(f"/plans/{st_plan.pk}/dashboard", unit="HN", period="2024").status_code == 404


def test_expected_counts_every_week_and_the_year_from_each_district(api, st_plan):
    body = api("ct.admin").get(f"/plans/{st_plan.pk}/dashboard", unit="CT", period="2024").json()
    districts = Unit.objects.filter(code__regex=r"^ST-H\d+$").count()
    # 52 weeks and the year, less the weekly deadlines that fell before the plan was issued: no
    # unit owes a report for a time before the plan existed (the due list agrees)
    weekly = next(ob for ob in st_plan.obligations.all() if ob.rule.grain == "week")
    before = [
        dl
        for dl in weekly.rule.deadlines(date(2024, 1, 1), date(2024, 12, 31))
        if dl.date() < st_plan.issued_on
    ]
    assert body["reports"]["expected"] == districts * (52 + 1 - len(before))


def test_aggregate_equals_recomputation_for_every_period_and_unit(st_plan):
    from doanso.dashboard.services import dashboard

    units = [Unit.objects.get(code=c) for c in ("TW", "CT", "ST-H01")]
    for unit in units:
        for period in ("2024", "2024Q2", "2024-03", "2024W10"):
            body = dashboard(st_plan, unit, periods.parse(period), with_children=False)
            _check_against_raw(body, st_plan, unit, period)


def test_children_follow_todays_tree_and_show_their_allocation(api):
    tw_plan = Plan.objects.get(issuer__code="TW")
    body = api("tw.admin").get(f"/plans/{tw_plan.pk}/dashboard", unit="TW", period="2025").json()
    codes = [c["unit"] for c in body["children"]]
    assert "CT" in codes and "ST" not in codes
    ct = next(c for c in body["children"] if c["unit"] == "CT")
    posts = next(t for t in ct["targets"] if t["indicator"] == "BAI_VIET_NTTT")
    assert posts["target"] == 104
    whole = next(t for t in body["targets"] if t["indicator"] == "BAI_VIET_NTTT")
    assert whole["target"] == 104 * len(codes)
    ratio = next(t for t in ct["targets"] if t["indicator"] == "APP_TNVN")
    assert ratio["target"] == 70
    body2030 = api("tw.admin").get(f"/plans/{tw_plan.pk}/dashboard", unit="TW", period="2030").json()
    assert next(t for t in body2030["targets"] if t["indicator"] == "APP_TNVN")["target"] == 90


def test_returning_a_report_takes_its_values_back(api, st_plan):
    unit = Unit.objects.get(code="CT")
    before = api("tw.admin").get(f"/plans/{st_plan.pk}/dashboard", unit="CT", period="2024").json()
    rep = Report.objects.filter(obligation__plan=st_plan, status="submitted").first()
    r = api("ct.admin").post(f"/reports/{rep.pk}/return", {"comment": "Thiếu số liệu"})
    assert r.json()["status"] == "returned"
    after = api("tw.admin").get(f"/plans/{st_plan.pk}/dashboard", unit="CT", period="2024").json()
    assert after["reports"]["received"] == before["reports"]["received"] - 1
    _check_against_raw(after, st_plan, unit, "2024")
    assert api("ct.admin").post(f"/reports/{rep.pk}/return", {"comment": ""}).status_code == 400


def test_trend_by_month(api, st_plan):
    body = api("ct.admin").get(f"/plans/{st_plan.pk}/trend", unit="CT", period="2024").json()
    assert len(body["periods"]) == 12
    assert sum(body["series"]["TN_LUOT"]) == next(
        t["actual"]
        for t in api("ct.admin")
        .get(f"/plans/{st_plan.pk}/dashboard", unit="CT", period="2024")
        .json()["targets"]
        if t["indicator"] == "TN_LUOT"
    )


def test_bad_period_is_refused(api, st_plan):
    r = api("ct.admin").get(f"/plans/{st_plan.pk}/dashboard", unit="CT", period="2024Q9")
    assert (r.status_code, r.json()["field"]) == (400, "period")


def test_dashboard_exports_to_xlsx(api, st_plan, tmp_path):
    from openpyxl import load_workbook

    r = api("ct.admin").get(f"/plans/{st_plan.pk}/dashboard.xlsx", unit="CT", period="2024")
    assert r.status_code == 200
    out = tmp_path / "d.xlsx"
    out.write_bytes(r.content)
    rows = list(load_workbook(out).worksheets[0].values)
    assert rows[0][:5] == ("Đơn vị", "Mã chỉ số", "Chỉ số", "Đơn vị tính", "Chỉ tiêu")
    tn = next(row for row in rows if row[0] == "Thành đoàn Cần Thơ" and row[1] == "TN_LUOT")
    assert tn[4] == 85000
