"""Numbers typed the Vietnamese way (85.000 = 85000, 12,5 = 12.5) mean the same in every form and API
field of plans and reports; text that could mean two numbers (1.5) is refused with both readings."""

import json
from datetime import date
from decimal import Decimal

import pytest

from doanso.org.models import Unit
from doanso.plans import api as plans_api
from doanso.plans.models import Allocation, Obligation, Target
from doanso.reports.models import Report, ReportValue


@pytest.fixture
def ct_plan(db):
    ct = Unit.objects.get(code="CT")
    return plans_api.create_plan(
        None, ct, title="Công tác Đoàn năm 2026", issued_on=date(2026, 1, 5), period_start="2026", issue=True
    )


def _hn_plan(api) -> int:
    r = api("hn.admin").post(
        "/plans", {"issuer": "HN", "title": "Kế hoạch thử", "issued_on": "2026-01-05", "period_start": "2026"}
    )
    return r.json()["id"]


# ---- targets: web form ----------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, indicator, stored",
    [
        ("85.000", "TN_LUOT", Decimal(85000)),
        ("1.234.567", "TN_LUOT", Decimal(1234567)),
        ("12,5", "DV_HTXSNV", Decimal("12.5")),
        ("85 000", "TN_LUOT", Decimal(85000)),
    ],
)
def test_target_form_reads_vietnamese_numbers(login, ct_plan, typed, indicator, stored):
    r = login("ct.admin").post(
        f"/plans/{ct_plan.pk}/targets/new/",
        {"indicator": indicator, "value": typed, "period": "2026", "direction": "at_least"},
    )
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    assert Target.objects.get(plan=ct_plan).value == stored


def test_target_form_refuses_an_ambiguous_number_with_both_readings(login, ct_plan):
    r = login("ct.admin").post(
        f"/plans/{ct_plan.pk}/targets/new/",
        {"indicator": "TN_LUOT", "value": "1.5", "period": "2026", "direction": "at_least"},
    )
    assert r.status_code == 200
    (msg,) = r.context["form"].errors["value"]
    assert "Giá trị chỉ tiêu" in msg and "1,5" in msg and "15" in msg
    assert not Target.objects.filter(plan=ct_plan).exists()


# ---- targets: API ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, indicator, stored",
    [
        ("85.000", "TN_LUOT", 85000),
        ("12,5", "DV_HTXSNV", 12.5),
        (85000, "TN_LUOT", 85000),
        (12.5, "DV_HTXSNV", 12.5),
        ("1,2 triệu", "TN_LUOT", 1200000),
    ],
)
def test_api_target_value_takes_a_vietnamese_string(api, value, indicator, stored):
    pid = _hn_plan(api)
    r = api("hn.admin").post(f"/plans/{pid}/targets", {"indicator": indicator, "value": value})
    assert r.status_code == 201, r.content
    assert r.json()["value"] == stored
    assert Target.objects.get(pk=r.json()["id"]).value == Decimal(str(stored))


@pytest.mark.parametrize(
    "data, field, words",
    [
        ({"value": "1.5"}, "value", "1,5 hoặc 15"),
        ({"value": "nhiều"}, "value", "không phải là số"),
        ({"value": "10", "direction": "range", "value_max": "1,234,567"}, "value_max", "1.234.567"),
    ],
)
def test_api_target_bad_number_names_the_field_in_vietnamese(api, data, field, words):
    pid = _hn_plan(api)
    r = api("hn.admin").post(f"/plans/{pid}/targets", {"indicator": "TN_LUOT", **data})
    assert r.status_code == 400, r.content
    assert r.json()["field"] == field
    assert words in r.json()["detail"]
    assert not Target.objects.filter(plan_id=pid).exists()


def test_openapi_documents_that_numbers_may_be_strings(api):
    schema = api("hn.admin").client.get("/api/v1/openapi.json").json()
    value = schema["components"]["schemas"]["TargetIn"]["properties"]["value"]
    kinds = {s.get("type") for s in value.get("anyOf", [value])}
    assert {"number", "string"} <= kinds


# ---- allocations ----------------------------------------------------------------------


def test_allocation_form_and_api_read_the_same_shares(login, api):
    pid = _hn_plan(api)
    caller = api("hn.admin")
    t = caller.post(f"/plans/{pid}/targets", {"indicator": "TN_LUOT", "value": "100.000"}).json()
    kids = [c["code"] for c in caller.get("/units/HN/children").json()["items"] if c["active"]][:2]
    r = caller.post(
        f"/plans/{pid}/targets/{t['id']}/allocations", {"shares": {kids[0]: "60.000", kids[1]: "12,5"}}
    )
    assert r.status_code == 200, r.content
    assert {i["unit"]: i["value"] for i in r.json()["items"]} == {kids[0]: 60000, kids[1]: 12.5}
    bad = caller.post(f"/plans/{pid}/targets/{t['id']}/allocations", {"shares": {kids[0]: "6.0"}})
    assert bad.status_code == 400 and bad.json()["field"] == f"shares.{kids[0]}"
    assert "6,0 hoặc 60" in bad.json()["detail"] or "6 hoặc 60" in bad.json()["detail"]

    url = f"/plans/{pid}/targets/{t['id']}/allocate/"
    c = login("hn.admin")
    body = c.get(url).content.decode()
    assert 'value="60.000"' in body and 'value="12,5"' in body  # shown as typed, so a resubmit keeps them
    r = c.post(url, {f"share_{kids[0]}": "60.000", f"share_{kids[1]}": "12,5"})
    assert r.status_code == 302
    got = dict(Allocation.objects.filter(target_id=t["id"]).values_list("unit__code", "value"))
    assert got == {kids[0]: Decimal(60000), kids[1]: Decimal("12.5")}


# ---- reports: the form and the API agree -----------------------------------------------


@pytest.fixture
def weekly(db):
    return Obligation.objects.get(plan__issuer__code="TW", due_rule__startswith="FREQ=WEEKLY")


def _put(caller, path, data):
    return caller.request("PUT", path, data=json.dumps(data), content_type="application/json")


def test_report_form_and_api_read_85_000_as_85000(api, login, weekly):
    rep = (
        api("hn.admin").post("/reports", {"obligation": weekly.pk, "unit": "HN", "period": "2026W20"}).json()
    )
    r = _put(api("hn.admin"), f"/reports/{rep['id']}", {"values": {"BAI_VIET_NTTT": "85.000", "TIN_TOT": 7}})
    assert r.status_code == 200, r.content
    assert r.json()["values"] == {"BAI_VIET_NTTT": 85000, "TIN_TOT": 7}

    hn = login("hn.admin")
    hn.post("/reports/units/HN/open/", {"obligation": weekly.pk, "period": "2026W21"})
    form_rep = Report.objects.get(obligation=weekly, unit__code="HN", period="2026W21")
    r = hn.post(
        f"/reports/{form_rep.pk}/",
        {"version": form_rep.version, "v_BAI_VIET_NTTT": "85.000", "v_TIN_TOT": "1.234", "action": "save"},
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    got = dict(ReportValue.objects.filter(report=form_rep).values_list("indicator__code", "value"))
    assert got == {"BAI_VIET_NTTT": 85000, "TIN_TOT": 1234}


@pytest.mark.parametrize(
    "typed, words",
    [("1.5", "1,5 hoặc 15"), ("12,5", "số nguyên"), ("ba", "không phải là số")],
)
def test_report_value_that_is_not_a_whole_count_is_refused_on_form_and_api(api, login, weekly, typed, words):
    rep = (
        api("hn.admin").post("/reports", {"obligation": weekly.pk, "unit": "HN", "period": "2026W22"}).json()
    )
    r = _put(api("hn.admin"), f"/reports/{rep['id']}", {"values": {"BAI_VIET_NTTT": typed}})
    assert r.status_code == 400, r.content
    assert r.json()["field"] == "BAI_VIET_NTTT"
    assert words in r.json()["detail"]
    form_rep = Report.objects.get(pk=rep["id"])
    bad = login("hn.admin").post(
        f"/reports/{form_rep.pk}/", {"version": form_rep.version, "v_BAI_VIET_NTTT": typed, "action": "save"}
    )
    assert bad.status_code == 400 and words in bad.content.decode()
    assert not ReportValue.objects.filter(report=form_rep).exists()


# ---- exports write numbers, dates and periods the Vietnamese way -------------------------


def test_plan_docx_writes_12_5_percent_and_the_quarter_in_words(db, tmp_path):
    from django.core.management import call_command
    from docx import Document

    ct = Unit.objects.get(code="CT")
    parent = plans_api.create_plan(
        None, ct, title="Công tác Đoàn năm 2026", issued_on=date(2026, 1, 5), period_start="2026", issue=True
    )
    plan = plans_api.create_plan(
        None,
        ct,
        title="Tháng Thanh niên",
        issued_on=date(2026, 2, 3),
        period_start="2026Q1",
        implements=[parent],
        sections=[{"heading": "I. CHỈ TIÊU", "body": "@targets"}],
        issue=True,
    )
    plans_api.add_target(None, plan, indicator="DV_HTXSNV", value="12,5", period="2026Q1")
    plans_api.add_target(None, plan, indicator="TN_LUOT", value="85.000", period="2026Q1")
    out = tmp_path / "p.docx"
    call_command("plans", "export", str(plan.pk), "--format", "docx", "-o", str(out))
    body = "\n".join(p.text for p in Document(out).paragraphs)
    assert ": 12,5% (Quý I/2026)" in body and ": 85.000 lượt (Quý I/2026)" in body
    assert "ngày 05/01/2026 của" in body


def test_report_docx_writes_shares_and_counts_the_vietnamese_way(api, weekly, tmp_path):
    from docx import Document

    from doanso.reports.services import export_report

    rep = (
        api("hn.admin").post("/reports", {"obligation": weekly.pk, "unit": "HN", "period": "2026W20"}).json()
    )
    r = _put(api("hn.admin"), f"/reports/{rep['id']}", {"values": {"BAI_VIET_NTTT": "1.234", "TIN_TOT": 7}})
    assert r.status_code == 200, r.content
    out = tmp_path / "r.docx"
    export_report(Report.objects.get(pk=rep["id"]), "docx", out)
    body = "\n".join(p.text for p in Document(out).paragraphs)
    assert ": 1.234 bài (chỉ tiêu năm 2030: 260 bài)." in body, body


# ---- dates in the API: dd/mm/yyyy as well as ISO -----------------------------------------


def test_api_plan_and_target_dates_take_dd_mm_yyyy(api):
    from doanso.plans.models import Plan

    caller = api("hn.admin")
    r = caller.post(
        "/plans", {"issuer": "HN", "title": "Kế hoạch thử", "issued_on": "05/01/2026", "period_start": "2026"}
    )
    assert r.status_code == 201, r.content
    assert Plan.objects.get(pk=r.json()["id"]).issued_on == date(2026, 1, 5)
    t = caller.post(
        f"/plans/{r.json()['id']}/targets",
        {
            "indicator": "TN_LUOT",
            "value": "1.000",
            "direction": "milestone",
            "due_on": "ngày 30 tháng 6 năm 2026",
        },
    )
    assert t.status_code == 201, t.content
    assert Target.objects.get(pk=t.json()["id"]).due_on == date(2026, 6, 30)


def test_api_bad_date_is_refused_naming_the_field(api):
    r = api("hn.admin").post(
        "/plans", {"issuer": "HN", "title": "Kế hoạch thử", "issued_on": "31/02/2026", "period_start": "2026"}
    )
    assert r.status_code == 400, r.content
    assert r.json() == {
        "detail": "Ngày ban hành: “31/02/2026”: không có ngày 31/02/2026.",
        "field": "issued_on",
    }


# ---- dates in the web forms: the date picker's ISO or dd/mm/yyyy typed --------------------


@pytest.mark.parametrize("typed", ["10/02/2026", "10/2/26", "ngày 10 tháng 2 năm 2026", "2026-02-10"])
def test_plan_form_reads_the_issue_date_as_vietnamese_write_it(login, typed):
    from doanso.plans.models import Plan

    data = {
        "unit": "CT",
        "kind": "KH",
        "title": "Tháng Thanh niên",
        "period_start": "2026Q1",
        "issued_on": typed,
        "signature": "TM. BAN THƯỜNG VỤ",
        "signer_title": "BÍ THƯ",
    }
    r = login("ct.admin").post("/plans/new/", data)
    assert r.status_code == 302, r.context["form"].errors
    assert Plan.objects.filter(issuer__code="CT").order_by("-id").first().issued_on == date(2026, 2, 10)


def test_plan_form_bad_date_is_shown_on_its_field(login):
    data = {"unit": "CT", "kind": "KH", "title": "X", "period_start": "2026", "issued_on": "30/02/2026"}
    r = login("ct.admin").post("/plans/new/", data)
    assert r.status_code == 200
    assert r.context["form"].errors["issued_on"] == ["“30/02/2026”: không có ngày 30/02/2026."]


def test_plan_form_takes_periods_as_vietnamese_write_them_and_shows_no_ids(db):
    from doanso.plans.forms import PlanForm, TargetForm

    form = PlanForm(
        data={
            "kind": "KH",
            "title": "x",
            "issued_on": "05/01/2026",
            "period_start": "Quý I/2026",
            "period_end": "tháng 12/2026",
            "signer_title": "BÍ THƯ",
            "signature": "TM_BTV",
        }
    )
    form.is_valid()
    assert (form.cleaned_data.get("period_start"), form.cleaned_data.get("period_end")) == (
        "2026Q1",
        "2026-12",
    )
    bad = PlanForm(data={"period_start": "Quý V/2026"})
    assert not bad.is_valid() and "không phải là kỳ" in str(bad.errors["period_start"])
    shown = str(TargetForm(initial={"period": "2026Q4"})["period"])
    assert "Quý IV/2026" in shown and "2026Q4" not in shown
    options = str(TargetForm()["indicator"])
    assert 'value="CAY_XANH"' in options and "(CAY_XANH)" not in options
