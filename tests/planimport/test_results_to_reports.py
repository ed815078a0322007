"""Session 19's two leftovers: results read from a document become report values when the
reviewer ticks them (never by default, scoped, all or nothing), and the API accepts a plan
without targets only by an explicit flag."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from doanso.org.models import UnitKind
from doanso.planimport import upload
from doanso.planimport.models import DraftStatus, PlanDraft
from doanso.plans.models import Plan
from doanso.reports.models import Report, ReportValue
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

TEXT = """KẾ HOẠCH
Tổ chức hiến máu tình nguyện đợt 2 năm 2026
Đợt 1 vừa qua, Đoàn trường đã vận động 431 lượt đoàn viên tham gia hiến máu, đạt 95% kế hoạch.
Đợt 2 tổ chức vào ngày 15/12/2026 tại hội trường.
"""


@pytest.fixture
def owing(unit):
    """A district of Cần Thơ that owes Cần Thơ's weekly report on TN_LUOT, and a draft of its own."""
    from doanso.plans import api as plans

    district = UnitFactory(code="CT-D1", kind=UnitKind.HUYEN, parent=unit("CT"))
    plan = plans.create_plan(
        None,
        unit("CT"),
        title="Kế hoạch công tác Đoàn 2026–2027",
        issued_on=date(2026, 1, 5),
        period_start="2026",
        period_end=str(max(2027, date.today().year + 1)),
        issue=True,
    )
    plans.add_obligation(
        None,
        plan,
        title="Báo cáo tuần",
        due_rule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0",
        indicators=["TN_LUOT"],
    )
    return district


@pytest.fixture
def draft(owing, user):
    file = SimpleUploadedFile("hien-mau.txt", TEXT.encode(), content_type="text/plain")
    d = upload.create_draft(user("ct.admin"), owing, file)
    assert [x["value"] for x in d.reviewed["results"]] == [431, 95]
    assert not d.reviewed["targets"] and d.reviewed["deadlines"]
    return d


def _plans_of(unit) -> int:
    return Plan.objects.filter(issuer=unit).count()


def test_a_ticked_result_becomes_a_draft_report_value(login, draft, owing):
    ct = login("ct.admin")
    page = ct.get(f"/plan-import/{draft.pk}/").content.decode()
    assert 'name="report_result" value="x1"' in page and "Ghi vào báo cáo" in page
    assert 'value="x1" checked' not in page  # never ticked by default
    r = ct.post(
        f"/plan-import/{draft.pk}/accept/",
        {"without_targets": "1", "report_result": ["x1"], "result_indicator_x1": "TN_LUOT"},
    )
    assert r.status_code == 302
    draft.refresh_from_db()
    assert draft.status == DraftStatus.ACCEPTED
    value = ReportValue.objects.get(report__unit=owing, indicator__code="TN_LUOT")
    assert value.value == 431
    assert value.report.status == "draft"  # the secretary checks it and submits it


def test_results_stay_out_of_reports_unless_ticked(login, draft, owing):
    r = login("ct.admin").post(
        f"/plan-import/{draft.pk}/accept/", {"without_targets": "1", "result_indicator_x1": "TN_LUOT"}
    )
    assert r.status_code == 302
    draft.refresh_from_db()
    assert draft.status == DraftStatus.ACCEPTED
    assert not Report.objects.filter(unit=owing).exists()


@pytest.mark.parametrize(
    ("picks", "message"),
    [
        ({"report_result": ["x1"], "result_indicator_x1": ""}, "hãy chọn chỉ số"),
        ({"report_result": ["x2"], "result_indicator_x2": "TN_LUOT"}, "là một tỷ lệ"),
        ({"report_result": ["x1"], "result_indicator_x1": "DV_TONG"}, "không có báo cáo nào đang phải nộp"),
        ({"report_result": ["x9"], "result_indicator_x9": "TN_LUOT"}, "Không có kết quả “x9”"),
    ],
)
def test_a_result_that_cannot_be_written_names_its_line_and_nothing_is_written(
    login, draft, owing, picks, message
):
    ct = login("ct.admin")
    r = ct.post(f"/plan-import/{draft.pk}/accept/", {"without_targets": "1", **picks}, follow=True)
    assert message in r.content.decode()
    draft.refresh_from_db()
    assert draft.status != DraftStatus.ACCEPTED
    assert _plans_of(owing) == 0 and not Report.objects.filter(unit=owing).exists()


def test_api_accepts_a_plan_without_targets_only_by_the_explicit_flag(api, draft, owing):
    caller = api("ct.admin")
    detail = caller.get(f"/plans/drafts/{draft.pk}").json()
    assert [(x["id"], x["value"], x["percent"]) for x in detail["results"]] == [
        ("x1", 431, False),
        ("x2", 95, True),
    ]
    refused = caller.post(f"/plans/drafts/{draft.pk}/accept")
    assert refused.status_code == 400 and "chưa có chỉ tiêu" in refused.json()["detail"]
    assert _plans_of(owing) == 0
    r = caller.post(f"/plans/drafts/{draft.pk}/accept", {"without_targets": True})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "accepted" and r.json()["plan_id"]
    assert not Report.objects.filter(unit=owing).exists()


def test_api_writes_the_named_results_into_reports(api, draft, owing):
    r = api("ct.admin").post(
        f"/plans/drafts/{draft.pk}/accept",
        {"without_targets": True, "report_results": [{"id": "x1", "indicator": "TN_LUOT"}]},
    )
    assert r.status_code == 200, r.content
    assert ReportValue.objects.get(report__unit=owing, indicator__code="TN_LUOT").value == 431


def test_api_refuses_a_percentage_result_and_keeps_nothing(api, draft, owing):
    r = api("ct.admin").post(
        f"/plans/drafts/{draft.pk}/accept",
        {"without_targets": True, "report_results": [{"id": "x2", "indicator": "TN_LUOT"}]},
    )
    assert r.status_code == 400 and "dòng 3" in r.json()["detail"]
    assert _plans_of(owing) == 0 and not ReportValue.objects.filter(report__unit=owing).exists()


def test_another_province_cannot_accept_or_write_results(api, login, draft, owing):
    body = {"without_targets": True, "report_results": [{"id": "x1", "indicator": "TN_LUOT"}]}
    assert api("hn.admin").post(f"/plans/drafts/{draft.pk}/accept", body).status_code == 404
    r = login("hn.admin").post(
        f"/plan-import/{draft.pk}/accept/",
        {"without_targets": "1", "report_result": ["x1"], "result_indicator_x1": "TN_LUOT"},
    )
    assert r.status_code == 404
    assert PlanDraft.objects.get(pk=draft.pk).status != DraftStatus.ACCEPTED
    assert not Report.objects.filter(unit=owing).exists()
