"""Reads only read: who owes which report is written when plans, obligations or the tree change
(and by `doanso reports sync`), never while a due list, a report or a dashboard is read."""

import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doanso.org import services as org
from doanso.org.models import UnitKind
from doanso.plans import api as plans
from doanso.plans.models import Assignment, Obligation
from doanso.reports import services as reports
from doanso.reports.models import Reminder, Report, ReportEvent
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)


def _counts():
    return [m.objects.count() for m in (Assignment, Report, ReportEvent, Reminder)]


def _writes(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if WRITE.match(q["sql"])]


def test_reading_due_lists_reports_and_dashboards_writes_no_row(api, login, district_plan):
    district, communes, plan, weekly = district_plan(3)
    # a commune that qualifies but lost its row behind the services' back: reading must not restore it
    Assignment.objects.filter(obligation=weekly, unit=communes[0]).delete()
    report = reports.open_report(None, weekly, communes[1], "2026W10")
    caller, web = api("hn.admin"), login("hn.admin")
    caller.get("/units")  # the token's first use records its time; not what is measured here
    before = _counts()
    gets = [(caller, f"/units/{c.code}/reports/due") for c in communes] + [
        (caller, f"/reports/{report.pk}"),
        (caller, f"/plans/{plan.pk}/dashboard?unit={district.code}"),
        (web, f"/reports/units/{communes[0].code}/due/"),
        (web, f"/reports/units/{communes[1].code}/due/"),
        (web, f"/reports/{report.pk}/"),
        (web, f"/dashboard/{plan.pk}/{district.code}/"),
    ]
    for client, url in gets:
        with CaptureQueriesContext(connection) as ctx:
            r = client.get(url)
        assert r.status_code == 200, (url, r.content[:300])
        assert _writes(ctx) == [], url
    assert _counts() == before
    assert not Assignment.objects.filter(obligation=weekly, unit=communes[0]).exists()


def test_creating_moving_merging_and_splitting_units_keep_assignments(district_plan):
    district, communes, plan, weekly = district_plan(2)
    owes = lambda u: Assignment.objects.filter(obligation=weekly, unit=u).exists()  # noqa: E731
    assert all(owes(c) for c in communes)
    # created under the district: owes the running plan at once
    new = org.create_unit(None, code="RD-NEW", name="Xã Mới", kind=UnitKind.XA, parent=district)
    assert owes(new)
    # moved in from elsewhere: owes it too
    outsider = UnitFactory(code="RD-OUT", kind=UnitKind.XA, parent=district.parent)
    assert not owes(outsider)
    org.move_unit(None, outsider, district)
    assert owes(outsider)
    # merged: the sources' children move under the target, a unit of the district
    other = UnitFactory(code="RD-OTHER", kind=UnitKind.HUYEN, parent=district.parent)
    kid = UnitFactory(code="RD-OTHER-X", kind=UnitKind.XA, parent=other)
    level = plans.add_obligation(
        None,
        plan,
        title="Báo cáo quý",
        due_rule="FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20;BYHOUR=17;BYMINUTE=0",
        indicators=["CAY_XANH"],
        applies_to="level",
        level="chi_doan",
    )
    assert not Assignment.objects.filter(obligation=level, unit=kid).exists()
    org.merge_units(None, [other], communes[0])
    assert Assignment.objects.filter(obligation=level, unit=kid).exists()
    # split: the new parts sit under the district
    parts = org.split_unit(
        None, communes[1], [{"code": "RD-S1", "name": "Xã Tách 1"}, {"code": "RD-S2", "name": "Xã Tách 2"}]
    )
    assert all(owes(p) for p in parts)


def test_issuing_a_plan_names_the_units_the_tree_holds_then(unit):
    hn = unit("HN")
    plan = plans.create_plan(None, hn, title="Kế hoạch nháp", issued_on=date(2026, 1, 5), period_start="2026")
    ob = plans.add_obligation(
        None,
        plan,
        title="Báo cáo tháng",
        due_rule="FREQ=MONTHLY;BYMONTHDAY=25;BYHOUR=17;BYMINUTE=0",
        indicators=["TN_LUOT"],
    )
    Assignment.objects.filter(obligation=ob).delete()  # e.g. rows restored from an older backup
    plans.issue_plan(None, plan)
    assert Assignment.objects.filter(obligation=ob).count() == hn.children.filter(active=True).count() > 0


def test_doanso_reports_sync_restores_missing_assignments(district_plan):
    _district, communes, _plan, weekly = district_plan(3)
    Assignment.objects.filter(obligation=weekly, unit__in=communes[:2]).delete()
    out = StringIO()
    call_command("reports", "sync", stdout=out)
    assert Assignment.objects.filter(obligation=weekly, unit__in=communes).count() == 3
    assert re.search(r"Đã thêm (\d+) đơn vị phải nộp báo cáo\.", out.getvalue())
    assert int(re.search(r"(\d+)", out.getvalue()).group(1)) >= 2
    out = StringIO()
    call_command("reports", "sync", stdout=out)
    assert out.getvalue().strip() == "Đã thêm 0 đơn vị phải nộp báo cáo."
    assert Obligation.objects.filter(pk=weekly.pk).exists()


def test_doanso_reports_remind_is_the_scheduled_command(district_plan):
    from django.core import mail

    _district, communes, _plan, _weekly = district_plan(2)
    out = StringIO()
    call_command("reports", "remind", stdout=out)
    n = int(re.fullmatch(r"Đã gửi (\d+) lời nhắc\.\n", out.getvalue()).group(1))
    assert n == Reminder.objects.count() > 0
    assert Reminder.objects.filter(unit__in=communes).exists()
    assert any(f"{communes[0].code.lower()}@example.vn" in m.to for m in mail.outbox)
    out = StringIO()
    call_command("reports", "remind", stdout=out)
    assert out.getvalue() == "Đã gửi 0 lời nhắc.\n"
