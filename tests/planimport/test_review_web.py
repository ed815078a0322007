"""The review screen through Django's test client: upload, correct, map, accept (every view)."""

import pytest

from doanso.core.errors import UserError
from doanso.core.models import AuditLog
from doanso.planimport import accept, review, upload
from doanso.planimport.models import DraftStatus, PlanDraft
from doanso.plans.models import Obligation, Plan, Target

from ._helpers import THUYNGUYEN, docx_upload, seed_upload

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


@pytest.fixture
def ct(login):
    return login("ct.admin")


@pytest.fixture
def draft(user, unit):
    return upload.create_draft(user("ct.admin"), unit("CT"), docx_upload())


def test_index_lists_units_and_drafts(ct, draft):
    r = ct.get("/plan-import/")
    body = r.content.decode()
    assert r.status_code == 200
    assert "Đọc văn bản kế hoạch" in body
    assert 'value="CT"' in body
    assert "Tổ chức Tháng Thanh niên năm 2026" in body


def test_upload_txt_seed_creates_a_draft_and_shows_it(ct):
    r = ct.post("/plan-import/", {"unit": "CT", "file": seed_upload()})
    assert r.status_code == 302
    d = PlanDraft.objects.get()
    assert r["Location"] == f"/plan-import/{d.pk}/"
    assert d.unit.code == "CT" and d.status == DraftStatus.DRAFT
    assert len(d.reviewed["targets"]) == len(d.extracted["targets"]) >= 15
    page = ct.get(r["Location"]).content.decode()
    # the source with line numbers, each target highlighted on its line
    assert '<li id="L31" value="31" class="hit"' in page
    assert '<mark class="k-targets" data-item="' in page and ">85.000</mark>" in page
    assert 'href="#L31"' in page
    # fuzzy suggestion for "85.000 lượt … tình nguyện"
    assert "Lượt đoàn viên, thanh niên tham gia hoạt động tình nguyện" in page
    assert AuditLog.objects.filter(action="planimport.upload").count() == 1


def test_upload_docx(ct):
    r = ct.post("/plan-import/", {"unit": "CT", "file": docx_upload()})
    assert r.status_code == 302
    d = PlanDraft.objects.get()
    assert d.reviewed["number"] == "45-KH/TĐTN-BTG"
    assert [t["value"] for t in d.reviewed["targets"]] == [12000, 100, 5000]
    assert d.reviewed["recurring"][0]["due_rule"] == "FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("rong.txt", b"   \n ", "rỗng"),
        ("anh.png", b"\x89PNG\r\n\x1a\n....", "chưa được hỗ trợ"),
        ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "chưa được hỗ trợ"),
        ("hong.docx", b"PK\x03\x04 not really a zip", "Không đọc được tệp Word"),
        ("hong.pdf", b"%PDF-1.4 garbage", "PDF"),
        ("nhiphan.txt", b"abc\x00\x01\x02def", "nhị phân"),
        ("trong.txt", b"***\n\n***\n", "Không tìm thấy nội dung kế hoạch"),
    ],
)
def test_bad_files_get_a_vietnamese_error_and_nothing_is_written(ct, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = AuditLog.objects.count()
    r = ct.post("/plan-import/", {"unit": "CT", "file": SimpleUploadedFile(name, content)})
    assert r.status_code == 400
    assert message in r.content.decode()
    assert not PlanDraft.objects.exists()
    assert AuditLog.objects.count() == before


def test_huge_file_is_refused(ct, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    monkeypatch.setattr(upload, "MAX_UPLOAD_BYTES", 1000)
    r = ct.post("/plan-import/", {"unit": "CT", "file": SimpleUploadedFile("to.txt", b"KE HOACH " * 200)})
    assert r.status_code == 400
    assert "quá lớn" in r.content.decode()
    assert not PlanDraft.objects.exists()


def test_missing_file_and_foreign_unit(ct):
    r = ct.post("/plan-import/", {"unit": "CT"})
    assert r.status_code == 400 and "Chưa chọn tệp" in r.content.decode()
    r = ct.post("/plan-import/", {"unit": "HCM", "file": seed_upload()})
    assert r.status_code == 404
    assert not PlanDraft.objects.exists()


def test_member_cannot_upload(login):
    c = login("doanvien.demo")
    assert c.post("/plan-import/", {"unit": "CT", "file": seed_upload()}).status_code == 404
    assert not PlanDraft.objects.exists()


def test_edit_form_save_and_cancel(ct, draft):
    t = draft.reviewed["targets"][0]
    url = f"/plan-import/{draft.pk}/item/"
    r = ct.get(url, {"section": "targets", "id": t["id"]}, headers=HX)
    assert r.status_code == 200 and 'name="value"' in r.content.decode()
    r = ct.get(url, {"section": "targets", "id": t["id"], "mode": "view"}, headers=HX)
    assert f'id="item-{t["id"]}"' in r.content.decode()
    r = ct.post(
        url,
        {
            "section": "targets",
            "id": t["id"],
            "value": "15.000",
            "subject": "lượt tình nguyện",
            "unit": "lượt",
            "period": "2026",
            "line": "14",
        },
        headers=HX,
    )
    assert r.status_code == 200
    body = r.content.decode()
    assert "15.000" in body and 'id="L14"' in body and 'hx-swap-oob="true"' in body
    draft.refresh_from_db()
    assert draft.reviewed["targets"][0]["value"] == 15000
    assert draft.reviewed["targets"][0]["subject"] == "lượt tình nguyện"


def test_invalid_edit_shows_the_error_and_keeps_the_item(ct, draft):
    t = draft.reviewed["targets"][1]
    r = ct.post(
        f"/plan-import/{draft.pk}/item/",
        {"section": "targets", "id": t["id"], "value": "120", "percent": "on", "subject": "x y z"},
        headers=HX,
    )
    assert r.status_code == 200
    assert "không được vượt quá 100%" in r.content.decode()
    r = ct.post(
        f"/plan-import/{draft.pk}/item/",
        {"section": "targets", "id": t["id"], "value": "abc", "subject": "x y z"},
    )
    assert r.status_code == 422 and "không phải là số" in r.content.decode()
    r = ct.post(
        f"/plan-import/{draft.pk}/item/",
        {"section": "targets", "id": t["id"], "value": "5", "subject": "x y z", "line": "9999"},
        headers=HX,
    )
    assert "nằm ngoài văn bản" in r.content.decode()
    draft.refresh_from_db()
    assert draft.reviewed["targets"][1]["value"] == 100


def test_add_items_of_each_kind(ct, draft):
    url = f"/plan-import/{draft.pk}/item/"
    assert 'name="subject"' in ct.get(url, {"section": "targets"}, headers=HX).content.decode()
    r = ct.post(
        url,
        {
            "section": "targets",
            "value": "3",
            "subject": "công trình thanh niên",
            "unit": "công trình",
            "line": "12",
        },
        headers=HX,
    )
    assert r.status_code == 200 and r["HX-Retarget"] == "#list-targets"
    r = ct.post(
        url,
        {
            "section": "deadlines",
            "date": "2026-03-26",
            "time": "08:00",
            "what": "Lễ ra quân Tháng Thanh niên",
        },
        headers=HX,
    )
    assert r.status_code == 200
    r = ct.post(
        url,
        {
            "section": "recurring",
            "what": "Báo cáo tháng",
            "due_rule": "FREQ=MONTHLY;BYMONTHDAY=25;BYHOUR=17;BYMINUTE=0",
        },
        headers=HX,
    )
    assert r.status_code == 200
    r = ct.post(url, {"section": "recurring", "what": "Báo cáo tháng", "due_rule": "hằng tháng"}, headers=HX)
    assert "không hợp lệ" in r.content.decode()
    draft.refresh_from_db()
    assert draft.reviewed["targets"][-1]["value"] == 3
    assert draft.reviewed["deadlines"][-1]["date"] == "2026-03-26"
    assert draft.reviewed["recurring"][-1]["due_rule"] == "FREQ=MONTHLY;BYMONTHDAY=25;BYHOUR=17;BYMINUTE=0"
    assert ct.get(url, {"section": "nope"}).status_code == 404
    assert ct.get(url, {"section": "targets", "id": "t999"}).status_code == 404


def test_delete_and_map_items(ct, draft):
    t0, t1, t2 = draft.reviewed["targets"]
    r = ct.post(f"/plan-import/{draft.pk}/item/delete/", {"section": "targets", "id": t1["id"]}, headers=HX)
    assert r.status_code == 200
    assert f'id="L{t1["line"]}"' in r.content.decode()  # the line loses its highlight
    r = ct.post(
        f"/plan-import/{draft.pk}/item/map/",
        {"section": "targets", "id": t0["id"], "indicator": "TN_LUOT"},
        headers=HX,
    )
    assert r.status_code == 200 and "TN_LUOT" in r.content.decode()
    r = ct.post(
        f"/plan-import/{draft.pk}/item/map/",
        {"section": "targets", "id": t2["id"], "indicator": "NOPE"},
        headers=HX,
    )
    assert "không có trong danh mục" in r.content.decode()
    draft.refresh_from_db()
    assert [t["id"] for t in draft.reviewed["targets"]] == [t0["id"], t2["id"]]
    assert draft.reviewed["targets"][0]["indicator"] == "TN_LUOT"
    assert draft.reviewed["targets"][1]["indicator"] is None


def test_meta_update(ct, draft):
    url = f"/plan-import/{draft.pk}/meta/"
    assert ct.get(url).status_code == 405
    r = ct.post(
        url,
        {
            "title": "Tháng Thanh niên 2026",
            "kind": "ke_hoach",
            "origin": "parent",
            "number": "45-KH/TĐTN-BTG",
            "date": "2026-01-10",
            "period_start": "2026",
            "period_end": "2026",
        },
        headers=HX,
    )
    assert r.status_code == 200 and "Đã lưu." in r.content.decode()
    r = ct.post(url, {"title": "", "kind": "ke_hoach", "origin": "parent"}, headers=HX)
    assert "không được để trống" in r.content.decode()
    r = ct.post(
        url,
        {"title": "X", "kind": "ke_hoach", "origin": "parent", "period_start": "2027", "period_end": "2026"},
    )
    assert r.status_code == 302
    draft.refresh_from_db()
    assert draft.reviewed["title"] == "Tháng Thanh niên 2026"


def test_accept_refused_until_every_target_is_mapped(ct, draft):
    r = ct.post(f"/plan-import/{draft.pk}/accept/", follow=True)
    assert "chưa gắn chỉ số" in r.content.decode()
    assert not Plan.objects.filter(title__contains="Tháng Thanh niên").exists()
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFT


def test_accept_creates_the_plan_with_targets_and_obligations(ct, draft):
    u = f"/plan-import/{draft.pk}/item/map/"
    t0, t1, t2 = draft.reviewed["targets"]
    ct.post(f"/plan-import/{draft.pk}/item/delete/", {"section": "targets", "id": t1["id"]})
    ct.post(u, {"section": "targets", "id": t0["id"], "indicator": "TN_LUOT"})
    ct.post(u, {"section": "targets", "id": t2["id"], "indicator": "CAY_XANH"})
    weekly = draft.reviewed["recurring"][0]
    ct.post(u, {"section": "recurring", "id": weekly["id"], "indicator": "TN_LUOT"})
    r = ct.post(f"/plan-import/{draft.pk}/accept/")
    assert r.status_code == 302
    draft.refresh_from_db()
    assert draft.status == DraftStatus.ACCEPTED and draft.plan is not None
    plan = draft.plan
    assert plan.issuer.code == "CT" and plan.title == "Tổ chức Tháng Thanh niên năm 2026"
    assert plan.period_start == "2026" and plan.kind == "KH"
    assert "45-KH/TĐTN-BTG" in plan.implements_refs[0]
    assert sorted((t.indicator.code, int(t.value)) for t in Target.objects.filter(plan=plan)) == [
        ("CAY_XANH", 5000),
        ("TN_LUOT", 12000),
    ]
    ob = Obligation.objects.get(plan=plan)
    assert ob.due_rule == "FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0" and ob.assignments.exists()
    # the unmapped deadline is kept in the plan's text
    assert any("05/04/2026" in s["body"] for s in plan.sections)
    page = ct.get(f"/plan-import/{draft.pk}/").content.decode()
    assert "Kế hoạch đã tạo" in page and "Cây xanh được đoàn viên" in page
    # accepted drafts are read-only
    r = ct.post(f"/plan-import/{draft.pk}/item/delete/", {"section": "targets", "id": t0["id"]}, follow=True)
    assert "không sửa được nữa" in r.content.decode()
    assert ct.post(f"/plan-import/{draft.pk}/accept/", follow=True).status_code == 200
    assert Plan.objects.filter(pk=plan.pk).count() == 1 and PlanDraft.objects.get().plan_id == plan.pk


def test_accept_is_all_or_nothing(ct, draft):
    u = f"/plan-import/{draft.pk}/item/map/"
    t0, t1, t2 = draft.reviewed["targets"]
    ct.post(u, {"section": "targets", "id": t0["id"], "indicator": "TN_LUOT"})
    ct.post(u, {"section": "targets", "id": t1["id"], "indicator": "TL_DV_SINH_HOAT"})
    ct.post(u, {"section": "targets", "id": t2["id"], "indicator": "CAY_XANH"})
    # a computed indicator cannot be reported on: the obligation fails after the plan and targets were made
    ct.post(u, {"section": "recurring", "id": draft.reviewed["recurring"][0]["id"], "indicator": "DV_TONG"})
    plans_before = Plan.objects.count()
    r = ct.post(f"/plan-import/{draft.pk}/accept/", follow=True)
    assert "được tính tự động" in r.content.decode()
    assert Plan.objects.count() == plans_before
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFT


def test_thuynguyen_seed_accepts_with_weekly_obligation(ct, unit, user):
    d = upload.create_draft(user("ct.admin"), unit("CT"), seed_upload(THUYNGUYEN))
    for t in d.reviewed["targets"]:
        review.delete_item(None, d, "targets", t["id"])
    d.refresh_from_db()
    weekly = next(x for x in d.reviewed["recurring"] if "WEEKLY" in x["rule"])
    review.map_indicator(None, d, "recurring", weekly["id"], "TN_LUOT")
    with pytest.raises(UserError, match="không có chỉ tiêu"):
        accept.accept(user("ct.admin"), d)  # no targets left: only by an explicit choice
    plan = accept.accept(user("ct.admin"), d, without_targets=True)
    assert plan.obligations.get().due_rule == "FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0"


def test_discard(ct, draft):
    assert ct.get(f"/plan-import/{draft.pk}/discard/").status_code == 405
    r = ct.post(f"/plan-import/{draft.pk}/discard/")
    assert r.status_code == 302 and not PlanDraft.objects.exists()


def test_english_ui(ct, draft):
    ct.cookies["django_language"] = "en"
    assert ct.get(f"/plan-import/{draft.pk}/").status_code == 200


def test_edit_form_shows_and_reads_numbers_the_vietnamese_way(ct, draft):
    t = draft.reviewed["targets"][0]
    url = f"/plan-import/{draft.pk}/item/"
    r = ct.post(
        url,
        {
            "section": "targets",
            "id": t["id"],
            "value": "12,5",
            "subject": "lượt tình nguyện",
            "unit": "lượt",
            "period": "2026",
        },
        headers=HX,
    )
    assert r.status_code == 200 and "12,5" in r.content.decode()
    draft.refresh_from_db()
    assert draft.reviewed["targets"][0]["value"] == 12.5
    form = ct.get(url, {"section": "targets", "id": t["id"]}, headers=HX).content.decode()
    assert 'value="12,5"' in form  # what the reviewer resubmits reads back as 12.5, not 125
    r = ct.post(url, {"section": "targets", "id": t["id"], "value": "1.5", "subject": "lượt tình nguyện"})
    assert r.status_code == 422 and "1,5 hoặc 15" in r.content.decode()
    draft.refresh_from_db()
    assert draft.reviewed["targets"][0]["value"] == 12.5


def test_deadline_dates_are_read_as_vietnamese_write_them(ct, draft):
    url = f"/plan-import/{draft.pk}/item/"
    r = ct.post(
        url,
        {"section": "deadlines", "date": "ngày 26 tháng 3 năm 2026", "end": "28/3/26", "what": "Lễ ra quân"},
        headers=HX,
    )
    assert r.status_code == 200
    draft.refresh_from_db()
    added = draft.reviewed["deadlines"][-1]
    assert (added["date"], added["end"]) == ("2026-03-26", "2026-03-28")
    r = ct.post(url, {"section": "deadlines", "date": "31/04/2026", "what": "Sai ngày"})
    assert r.status_code == 422 and "không có ngày 31/04/2026" in r.content.decode()
