"""Today's pages in English (through the language switch): the secretary's todo home, the member's home,
the password pages and the plan review screen. Each test also checks the Vietnamese heading is gone, so
a missing or stale catalogue (no .mo, an untranslated msgid) turns it red."""

from datetime import timedelta

import pytest
from django.utils import timezone

from doanso.planimport import upload
from doanso.plans import api as plans
from tests.factories import BranchFactory, UnitFactory, UserFactory
from tests.planimport._helpers import docx_upload

pytestmark = pytest.mark.django_db

WEEKLY = "FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0"


def _english(client):
    r = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert r.status_code == 302
    return client


def _page(client, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200, url
    body = r.content.decode()
    assert 'lang="en"' in body
    return body


@pytest.fixture
def late_branch(unit):
    """A branch whose union issued a plan three weeks ago with a weekly report: reports are overdue."""
    from doanso.org.models import UnitKind

    today = timezone.localdate()
    base = UnitFactory(code="ENX", name="Đoàn cơ sở Thử", kind=UnitKind.CO_SO, parent=unit("HN"))
    branch = BranchFactory(code="ENX-A", name="Chi đoàn A", parent=base)
    UserFactory(unit=branch, username="bt.en")
    plan = plans.create_plan(
        None,
        base,
        title="Kế hoạch công tác Đoàn năm nay",
        issued_on=today - timedelta(days=21),
        period_start=str(today.year),
        issue=True,
    )
    plans.add_obligation(None, plan, title="Báo cáo tuần", due_rule=WEEKLY, indicators=["TN_LUOT"])
    return branch


def test_secretary_home_in_english(login, late_branch):
    body = _page(_english(login("bt.en")), "/")
    assert "<h1>To do</h1>" in body and "<h2>My units</h2>" in body
    assert "How to receive reminders" in body
    assert "Việc cần làm" not in body and "Đơn vị của tôi" not in body
    # the todo lines themselves: the report title is data, the words around it are English
    assert "Submit “Báo cáo tuần”" in body
    assert "overdue by " in body and "quá hạn" not in body


def test_secretary_home_still_vietnamese_by_default(login, late_branch):
    body = login("bt.en").get("/").content.decode()
    assert "<h1>Việc cần làm</h1>" in body and "quá hạn " in body and "Nộp “Báo cáo tuần”" in body


def test_member_home_in_english(login):
    body = _page(_english(login("doanvien.demo")), "/")
    assert "<h1>My member record</h1>" in body
    assert "<h2>My tasks</h2>" in body and "<h2>Union membership history</h2>" in body
    assert "<h2>Request a transfer of Union membership</h2>" in body and "Send request" in body
    assert "Hồ sơ đoàn viên của tôi" not in body and "Quá trình sinh hoạt Đoàn" not in body


def test_reminder_preferences_in_english(login, late_branch):
    body = _page(_english(login("bt.en")), "/todo/preferences/")
    assert "<h1>How to receive reminders</h1>" in body and "Reminder channel" in body
    assert "Cách nhận nhắc việc" not in body and "Kênh nhận nhắc việc" not in body


def test_password_change_in_english(login):
    body = _page(_english(login("ct.admin")), "/password/")
    assert "<h1>Change password</h1>" in body
    assert "all your other sessions and API access tokens will be revoked" in body
    assert "Two-step verification (authenticator app)" in body
    assert "Đổi mật khẩu" not in body and "thu hồi" not in body


def test_password_reset_pages_in_english(client):
    body = _page(_english(client), "/password/reset/")
    assert "Forgot password" in body and "Send link" in body
    assert "Quên mật khẩu" not in body
    sent = _page(client, "/password/reset/sent/")
    assert "Check your inbox" in sent and "Hãy kiểm tra hộp thư" not in sent


def test_plan_review_in_english(login, user, unit):
    draft = upload.create_draft(user("ct.admin"), unit("CT"), docx_upload())
    body = _page(_english(login("ct.admin")), f"/plan-import/{draft.pk}/")
    assert "<h2>Original document" in body and "Read a plan document" in body
    assert "Confirm every high-confidence item" in body and "Accept as a plan" in body
    assert "<h2>Milestone</h2>" in body and "<h2>Recurring task</h2>" in body
    assert "Văn bản gốc" not in body and "Xác nhận tất cả mục có độ tin cậy cao" not in body
    assert "Nhận thành kế hoạch" not in body


def test_plan_review_still_vietnamese_by_default(login, user, unit):
    draft = upload.create_draft(user("ct.admin"), unit("CT"), docx_upload())
    body = login("ct.admin").get(f"/plan-import/{draft.pk}/").content.decode()
    assert "Văn bản gốc" in body and "Xác nhận tất cả mục có độ tin cậy cao" in body
