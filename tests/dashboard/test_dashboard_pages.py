"""The server-rendered plan, dashboard and report pages (Django test client)."""

import pytest

from doanso.plans.models import Obligation, Plan
from doanso.reports.models import Report


@pytest.fixture
def st_plan(db):
    return Plan.objects.get(issuer__code="ST")


def test_plan_list_and_detail(login, st_plan):
    c = login("ct.admin")
    r = c.get("/plans/", {"unit": "CT"})
    assert r.status_code == 200
    html = r.content.decode()
    assert st_plan.symbol in html and "Trung ương" in html or "TWĐTN" in html
    r = c.get(f"/plans/{st_plan.pk}/")
    html = r.content.decode()
    assert r.status_code == 200
    assert html.count('data-indicator="') == 19
    assert (
        "Báo cáo tuần" in html
        and "trước 12:00 thứ Sáu" in html.replace("12h00", "12:00")
        or "thứ Sáu" in html
    )
    assert "Chiến dịch Thanh niên tình nguyện hè năm 2024" in html  # tasks with lead / supporting units
    assert f"/plans/{st_plan.implements.first().pk}/" in html  # the chain upward
    assert f"/dashboard/{st_plan.pk}/CT/" in html  # seen from Cần Thơ, Sóc Trăng's successor
    tw = st_plan.implements.first()
    assert f"/plans/{st_plan.pk}/" in c.get(f"/plans/{tw.pk}/").content.decode()  # and downward


def test_target_statuses_fragment(login, st_plan):
    html = login("ct.admin").get(f"/dashboard/{st_plan.pk}/CT/targets/").content.decode()
    assert html.count('class="st s-') == 19


def test_dashboard_page_children_and_xlsx(login, st_plan):
    c = login("ct.admin")
    r = c.get(f"/dashboard/{st_plan.pk}/CT/", {"period": "2024", "ind": "TN_LUOT"})
    html = r.content.decode()
    assert r.status_code == 200
    assert "85.000" in html and 'role="progressbar"' in html
    assert 'data-unit="ST-H01"' in html  # a merged district's reports still add up under Cần Thơ
    assert html.count('<rect class="b"') == 12  # trend by month
    frag = c.get(f"/dashboard/{st_plan.pk}/CT/children/", {"period": "2024", "ind": "TN_LUOT", "depth": "1"})
    assert frag.status_code == 200 and "ST-H02" in frag.content.decode()
    bad = c.get(f"/dashboard/{st_plan.pk}/CT/", {"period": "2024Q9"})
    assert bad.status_code == 200 and "2024Q9" in bad.content.decode()
    x = c.get(f"/dashboard/{st_plan.pk}/CT/export.xlsx", {"period": "2024"})
    assert x.status_code == 200 and x.content[:2] == b"PK"
    assert login("hn.admin").get(f"/dashboard/{st_plan.pk}/CT/").status_code == 404


def _open(client, ob, code, period):
    return client.post(f"/reports/units/{code}/open/", {"obligation": ob.pk, "period": period})


def test_report_form_draft_submit_conflict_and_review(login):
    ob = Obligation.objects.get(plan__issuer__code="TW", due_rule__startswith="FREQ=WEEKLY")
    hn = login("hn.admin")
    due = hn.get("/reports/units/HN/due/").content.decode()
    assert "Lập báo cáo" in due
    r = _open(hn, ob, "HN", "2026W30")
    assert r.status_code == 302
    rep = Report.objects.get(obligation=ob, unit__code="HN", period="2026W30")
    form = hn.get(r.url).content.decode()
    assert 'name="v_BAI_VIET_NTTT"' in form and 'name="v_TIN_TOT"' in form
    # bad input: a named field, nothing written
    bad = hn.post(r.url, {"version": rep.version, "v_BAI_VIET_NTTT": "-3", "action": "save"})
    assert bad.status_code == 400 and "không được âm" in bad.content.decode()
    assert not rep.values.exists()
    ok = hn.post(r.url, {"version": rep.version, "v_BAI_VIET_NTTT": "2", "action": "save"})
    assert ok.status_code == 302
    stale = hn.post(r.url, {"version": rep.version, "v_BAI_VIET_NTTT": "5", "action": "save"})
    assert stale.status_code == 409 and "người khác" in stale.content.decode()
    rep.refresh_from_db()
    missing = hn.post(r.url, {"version": rep.version, "v_BAI_VIET_NTTT": "2", "action": "submit"})
    assert missing.status_code == 400 and "Chưa nhập số liệu" in missing.content.decode()
    rep.refresh_from_db()
    assert rep.status == "draft"
    done = hn.post(
        r.url, {"version": rep.version, "v_BAI_VIET_NTTT": "2", "v_TIN_TOT": "6", "action": "submit"}
    )
    assert done.status_code == 302
    rep.refresh_from_db()
    assert rep.status == "submitted"
    assert hn.post(f"/reports/{rep.pk}/review/", {"action": "approve"}).status_code == 404
    tw = login("tw.admin")
    assert "Duyệt báo cáo" in tw.get(f"/reports/{rep.pk}/").content.decode()
    no_reason = tw.post(f"/reports/{rep.pk}/review/", {"action": "return", "version": rep.version})
    assert no_reason.status_code == 400 and "lý do" in no_reason.content.decode()
    back = tw.post(
        f"/reports/{rep.pk}/review/", {"action": "return", "comment": "Bổ sung", "version": rep.version}
    )
    assert back.status_code == 302
    rep.refresh_from_db()
    assert (rep.status, rep.comment) == ("returned", "Bổ sung")


def test_report_exports_as_docx(login, tmp_path):
    from docx import Document

    rep = Report.objects.filter(obligation__plan__issuer__code="ST", status="approved").first()
    r = login("ct.admin").get(f"/reports/{rep.pk}/export.docx")
    assert r.status_code == 200
    out = tmp_path / "r.docx"
    out.write_bytes(b"".join(r.streaming_content))
    doc = Document(out)
    head = doc.tables[0].rows[0].cells
    assert "***" in head[0].text and "ĐOÀN TNCS HỒ CHÍ MINH" in head[1].text
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text and st_symbol(rep) in text
    assert "TM. BAN" in doc.tables[1].rows[0].cells[1].text
    assert "Nơi nhận" in doc.tables[1].rows[0].cells[0].text


def st_symbol(rep):
    return rep.obligation.plan.symbol
