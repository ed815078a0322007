"""Issue 11's review-screen items and issue 13's "review still wins", through the test client:
suggested indicators preselected, uncertain items first, one action for the confident ones,
no plan from a document with nothing to do, a keyboard-reachable source, names not codes."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from doanso.planimport import review, upload
from doanso.planimport.models import DraftStatus, PlanDraft
from doanso.plans.models import Plan

from ._helpers import docx_upload

pytestmark = pytest.mark.django_db

INVITATION = """THƯ MỜI
Họp lớp 12A1 khóa 2010 – 2013
Thân mời các bạn về dự buổi họp lớp kỷ niệm 10 năm ra trường.
Thời gian: 18 giờ ngày 20/7/2023, tại nhà hàng Hương Sen, số 12 đường Lê Lợi.
Rất mong các bạn đến đông đủ.
"""


@pytest.fixture
def ct(login):
    return login("ct.admin")


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_upload_preselects_suggested_indicators(ct):
    r = ct.post("/plan-import/", {"unit": "CT", "file": docx_upload()})
    assert r.status_code == 302
    d = PlanDraft.objects.get()
    preselected = [t for t in d.reviewed["targets"] if t["indicator"]]
    assert len(preselected) >= 2 and all(t["suggested"] for t in preselected)
    assert len({(t["indicator"], t.get("period")) for t in preselected}) == len(preselected)
    page = ct.get(r["Location"]).content.decode()
    assert "chỉ số gợi ý — hãy kiểm tra" in page
    # choosing an indicator by hand clears the "suggested" mark
    t = preselected[0]
    ct.post(f"/plan-import/{d.pk}/item/map/", {"section": "targets", "id": t["id"], "indicator": "TN_LUOT"})
    d.refresh_from_db()
    assert "suggested" not in next(x for x in d.reviewed["targets"] if x["id"] == t["id"])


def test_uncertain_items_come_first_and_confident_ones_are_confirmed_in_one_action(ct, user, unit):
    d = upload.create_draft(user("ct.admin"), unit("CT"), docx_upload())
    reviewed = d.reviewed
    reviewed["targets"][2]["confidence"] = 0.3  # make the last target uncertain
    d.reviewed = reviewed
    d.save()
    review.preselect_indicators(None, d)
    page = ct.get(f"/plan-import/{d.pk}/").content.decode()
    uncertain_id = reviewed["targets"][2]["id"]
    order = re.findall(r'<li class="item k-targets[^"]*" id="item-(t\d+)"', page)
    assert order[0] == uncertain_id  # the least certain first
    assert "độ tin cậy thấp (30%)" in page
    r = ct.post(f"/plan-import/{d.pk}/confirm/", follow=True)
    assert r.status_code == 200 and "Đã xác nhận" in r.content.decode()
    d.refresh_from_db()
    confirmed = {
        it["id"] for s in ("targets", "deadlines", "recurring") for it in d.reviewed[s] if it.get("confirmed")
    }
    assert uncertain_id not in confirmed
    assert {t["id"] for t in d.reviewed["targets"] if t["indicator"]} - {uncertain_id} <= confirmed
    assert d.reviewed["deadlines"][0]["id"] in confirmed
    assert ct.get(f"/plan-import/{d.pk}/confirm/").status_code == 405


def test_an_invitation_is_never_accepted_as_a_plan(ct):
    file = SimpleUploadedFile("thu-moi.txt", INVITATION.encode(), content_type="text/plain")
    r = ct.post("/plan-import/", {"unit": "CT", "file": file})
    assert r.status_code == 302
    d = PlanDraft.objects.get()
    assert d.reviewed["targets"] == []
    r = ct.post(f"/plan-import/{d.pk}/accept/", {"without_targets": "1"}, follow=True)
    assert "không thể nhận thành kế hoạch" in r.content.decode()
    d.refresh_from_db()
    assert d.status == DraftStatus.DRAFT and not Plan.objects.filter(title__icontains="họp lớp").exists()


def test_a_plan_without_targets_needs_the_explicit_choice(ct, user, unit):
    d = upload.create_draft(user("ct.admin"), unit("CT"), docx_upload())
    for t in d.reviewed["targets"]:
        review.delete_item(None, d, "targets", t["id"])
    page = ct.get(f"/plan-import/{d.pk}/").content.decode()
    assert 'name="without_targets"' in page
    r = ct.post(f"/plan-import/{d.pk}/accept/", follow=True)
    assert "Nhận thành kế hoạch không có chỉ tiêu" in r.content.decode()
    d.refresh_from_db()
    assert d.status == DraftStatus.DRAFT
    r = ct.post(f"/plan-import/{d.pk}/accept/", {"without_targets": "1"})
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.status == DraftStatus.ACCEPTED and d.plan.targets.count() == 0


def test_source_pane_is_keyboard_reachable_and_no_indicator_code_is_shown(ct, user, unit):
    d = upload.create_draft(user("ct.admin"), unit("CT"), docx_upload())
    t0, _, t2 = d.reviewed["targets"]
    review.map_indicator(None, d, "targets", t0["id"], "TN_LUOT")
    review.map_indicator(None, d, "targets", t2["id"], "CAY_XANH")
    page = ct.get(f"/plan-import/{d.pk}/").content.decode()
    assert re.search(r'<ol class="lines" id="source" tabindex="0" role="region" aria-label="[^"]+"', page)
    text = _visible_text(page)
    for code in ("TN_LUOT", "CAY_XANH", "QTUX_CB", "APP_TNVN", "TL_DV_SINH_HOAT"):
        assert code not in text, code
    # and after accepting, the board shows names only
    review.delete_item(None, d, "targets", d.reviewed["targets"][1]["id"])
    assert ct.post(f"/plan-import/{d.pk}/accept/").status_code == 302
    text = _visible_text(ct.get(f"/plan-import/{d.pk}/").content.decode())
    assert "TN_LUOT" not in text and "CAY_XANH" not in text


def test_results_and_periods_are_listed_apart_from_targets_and_deadlines(ct):
    text = (
        "KẾ HOẠCH\nCông tác tháng 12/2024\nI. KẾT QUẢ\n1. Năm 2024, Đoàn xã đã xây 1 căn nhà tình bạn.\n"
        "II. NHIỆM VỤ\n1. Triển khai kế hoạch công tác tháng 12/2024.\n2. Kết nạp 20 đoàn viên mới.\n"
    )
    file = SimpleUploadedFile("ke-hoach.txt", text.encode(), content_type="text/plain")
    r = ct.post("/plan-import/", {"unit": "CT", "file": file})
    page = ct.get(r["Location"]).content.decode()
    assert "1 kết quả đã đạt (không phải chỉ tiêu)" in page
    assert "thời kỳ thực hiện (không phải hạn)" in page
