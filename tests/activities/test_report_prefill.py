"""Reports that fill themselves (issue 14, item 6), over HTTP: a branch's report on mixed indicators
opens with the records' figures, the secretary confirms them, or corrects them only with a reason
(kept in the history), the dashboard never counts the records twice, and the .docx lists the
activities behind the numbers."""

import io
import zipfile
from datetime import date

import pytest
from django.utils import timezone

from doanso.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world, make_activity, api, login):
    from doanso.plans import api as plans

    year = timezone.localdate().year
    plan = plans.create_plan(
        None,
        world.province,
        title="Kế hoạch 2026",
        issued_on=date(year, 1, 5),
        period_start=str(year),
        issue=True,
    )
    plans.add_target(None, plan, indicator="TN_LUOT", value=100, period=str(year))
    ob = plans.add_obligation(
        None,
        plan,
        title="Báo cáo tháng",
        due_rule="FREQ=MONTHLY;BYMONTHDAY=25;BYHOUR=17;BYMINUTE=0",
        indicators=["TN_LUOT"],
        applies_to="chosen",
        units=[world.commune],
    )
    a = make_activity()
    for m in world.members[:3]:
        assert api("xa.admin").post(f"/activities/{a['id']}/checkins", {"member": m.pk}).status_code == 201
    c = login("xa.admin")
    r = c.post(
        f"/reports/units/{world.commune.code}/open/",
        {"obligation": ob.pk, "period": f"{timezone.localdate():%Y-%m}"},
    )
    assert r.status_code == 302, r.content[:500]
    report = Report.objects.get(pk=int(r["Location"].rstrip("/").split("/")[-1]))
    return type("S", (), {"plan": plan, "report": report, "client": c, "activity": a, "year": year})


def test_the_report_opens_with_the_records_and_a_link_to_them(setup):
    html = setup.client.get(f"/reports/{setup.report.pk}/").content.decode()
    assert 'id="v_TN_LUOT" name="v_TN_LUOT" value="3"' in html
    assert "Theo dữ liệu hệ thống" in html
    assert "/activities/?unit=" in html and "indicator=TN_LUOT" in html


def test_a_correction_needs_a_reason_and_is_kept_in_history(setup):
    c, r = setup.client, setup.report
    url = f"/reports/{r.pk}/"
    resp = c.post(url, {"version": r.version, "v_TN_LUOT": "5", "action": "save"})
    assert resp.status_code == 400
    assert "khác số liệu theo dữ liệu hệ thống (3); hãy ghi lý do sửa" in resp.content.decode()
    assert not r.values.exists()  # nothing half-written
    resp = c.post(
        url,
        {
            "version": r.version,
            "v_TN_LUOT": "5",
            "r_TN_LUOT": "2 lượt ở buổi tối không điểm danh",
            "action": "save",
        },
    )
    assert resp.status_code == 302
    v = r.values.get()
    assert (v.value, v.from_records, v.reason) == (2, 3, "2 lượt ở buổi tối không điểm danh")
    html = c.get(url).content.decode()
    assert 'value="5"' in html
    assert "Sửa “" in html and "lý do: 2 lượt ở buổi tối không điểm danh" in html


def test_confirmed_figures_count_once_on_the_dashboard(setup, login):
    c, r = setup.client, setup.report
    resp = c.post(f"/reports/{r.pk}/", {"version": r.version, "v_TN_LUOT": "3", "action": "submit"})
    assert resp.status_code == 302
    r.refresh_from_db()
    assert r.status == "submitted"
    assert r.values.get().value == 0  # nothing on top of the records
    from doanso.core.calendar import periods
    from doanso.dashboard import api as dashboard

    data = dashboard.dashboard(setup.plan, r.unit, periods.parse(str(setup.year)))
    row = next(t for t in data["targets"] if t["indicator"] == "TN_LUOT")
    assert row["actual"] == 3  # not 6


def test_the_docx_lists_the_activities_behind_the_numbers(setup):
    c, r = setup.client, setup.report
    c.post(f"/reports/{r.pk}/", {"version": r.version, "v_TN_LUOT": "3", "action": "save"})
    resp = c.get(f"/reports/{r.pk}/export.docx")
    body = b"".join(resp.streaming_content)
    xml = zipfile.ZipFile(io.BytesIO(body)).read("word/document.xml").decode()
    assert "CÁC HOẠT ĐỘNG LÀM NÊN SỐ LIỆU" in xml
    assert "Ngày chủ nhật xanh" in xml and "3 lượt" in xml
    assert "theo dữ liệu hệ thống: 3" in xml
