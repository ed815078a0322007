"""The exemplars write pages through HTTP: bad input is refused in Vietnamese with nothing written,
a lower level cannot change a higher level's criterion, and outsiders get 404."""

import pytest

from doanso.exemplars.models import Criterion, Nomination, SelfAssessment

pytestmark = pytest.mark.django_db


def test_a_member_cannot_submit_with_a_criterion_unanswered(world, criteria, login):
    m = login("doanvien.demo")
    r = m.post(
        "/exemplars/me/", {"year": "2026", f"met_{criteria[0].pk}": "1", "action": "submit"}, follow=True
    )
    assert "Còn 2 tiêu chí chưa đánh giá (đạt / chưa đạt)." in r.content.decode()
    assert SelfAssessment.objects.get(member=world.member, year=2026).status == "draft"


def test_a_bad_evidence_link_names_the_criterion(world, criteria, login):
    m = login("doanvien.demo")
    body = {"year": "2026", "action": "save"}
    for c in criteria:
        body[f"met_{c.pk}"] = "1"
    body[f"link_{criteria[1].pk}"] = "ftp://x"
    r = m.post("/exemplars/me/", body, follow=True)
    assert "liên kết minh chứng phải bắt đầu bằng http:// hoặc https://" in r.content.decode()
    assert not SelfAssessment.objects.get(member=world.member, year=2026).answers.exists()


def test_the_branch_cannot_change_the_provinces_criterion(world, criteria, login):
    c = login("chidoan.demo")
    r = c.post(f"/exemplars/criteria/{criteria[0].pk}/edit/", {"text": "Sửa"}, follow=True)
    assert "chỉ cấp đó được sửa hoặc xóa" in r.content.decode()
    assert Criterion.objects.get(pk=criteria[0].pk).text != "Sửa"


def test_an_honour_needs_a_document_date_the_vietnamese_way(world, nomination, login):
    r = login("xa.demo").post(
        f"/exemplars/nominations/{nomination.pk}/honour/",
        {"kind": "tuyen_duong", "title": "Gương sáng", "doc_number": "5-QĐ/ĐTN", "doc_date": "2026-13-45"},
        follow=True,
    )
    assert "Ngày quyết định" in r.content.decode()
    assert Nomination.objects.get(pk=nomination.pk).status == "open"


def test_outsiders_get_404(world, nomination, submitted, login):
    o = login("hcm.admin")
    assert o.get(f"/exemplars/units/{world.branch.code}/criteria/").status_code == 404
    assert o.post(f"/exemplars/assessments/{submitted.pk}/confirm/").status_code == 404
    assert o.post(f"/exemplars/nominations/{nomination.pk}/forward/").status_code == 404
    assert SelfAssessment.objects.get(pk=submitted.pk).status == "submitted"


def test_the_branch_returns_an_assessment_only_with_a_reason(world, submitted, login):
    c = login("chidoan.demo")
    r = c.post(f"/exemplars/assessments/{submitted.pk}/return/", {"reason": "  "}, follow=True)
    assert "Lý do trả lại: chưa nhập." in r.content.decode()
    assert SelfAssessment.objects.get(pk=submitted.pk).status == "submitted"
    r = c.post(f"/exemplars/assessments/{submitted.pk}/return/", {"reason": "Thiếu minh chứng"}, follow=True)
    assert "Đã trả lại bản tự đánh giá." in r.content.decode()
    a = SelfAssessment.objects.get(pk=submitted.pk)
    assert (a.status, a.decision_note) == ("returned", "Thiếu minh chứng")
    assert (
        login("hcm.admin").post(f"/exemplars/assessments/{submitted.pk}/return/", {"reason": "x"}).status_code
        == 404
    )


def test_a_criterion_is_deleted_by_its_own_level_only_while_unanswered(world, criteria, login):
    own, province = criteria[2], criteria[0]
    c = login("chidoan.demo")
    r = c.post(f"/exemplars/criteria/{province.pk}/delete/", follow=True)
    assert "chỉ cấp đó được sửa hoặc xóa" in r.content.decode()
    assert Criterion.objects.filter(pk=province.pk).exists()
    r = c.post(f"/exemplars/criteria/{own.pk}/delete/", follow=True)
    assert "Đã xóa tiêu chí." in r.content.decode()
    assert not Criterion.objects.filter(pk=own.pk).exists()


def test_an_answered_criterion_cannot_be_deleted(world, criteria, submitted, login):
    r = login("ct.admin").post(f"/exemplars/criteria/{criteria[0].pk}/delete/", follow=True)
    assert "không xóa được" in r.content.decode()
    assert Criterion.objects.filter(pk=criteria[0].pk).exists()


def test_the_commune_declines_a_nomination_with_a_reason(world, nomination, login):
    x = login("xa.demo")
    r = x.post(f"/exemplars/nominations/{nomination.pk}/decline/", {"reason": ""}, follow=True)
    assert "Lý do không đề nghị tiếp: chưa nhập." in r.content.decode()
    assert Nomination.objects.get(pk=nomination.pk).status == "open"
    assert (
        login("hcm.admin")
        .post(f"/exemplars/nominations/{nomination.pk}/decline/", {"reason": "x"})
        .status_code
        == 404
    )
    r = x.post(
        f"/exemplars/nominations/{nomination.pk}/decline/", {"reason": "Chưa đủ thành tích"}, follow=True
    )
    assert "Đã ghi quyết định không đề nghị tiếp." in r.content.decode()
    assert Nomination.objects.get(pk=nomination.pk).status == "declined"


def test_evidence_is_checked_by_content(world, nomination, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    x = login("xa.demo")
    url = f"/exemplars/nominations/{nomination.pk}/evidence/"
    fake = SimpleUploadedFile("giay-khen.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    r = x.post(url, {"file": fake}, follow=True)
    assert "không phải PDF, JPEG hay PNG" in r.content.decode()
    assert not nomination.files.exists()
    r = x.post(url, {}, follow=True)
    assert "Tệp minh chứng: chưa chọn tệp." in r.content.decode()
    pdf = SimpleUploadedFile("giay-khen.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    r = x.post(url, {"file": pdf}, follow=True)
    assert "Đã đính kèm minh chứng." in r.content.decode()
    assert [(e.name, e.content_type) for e in nomination.files.all()] == [
        ("giay-khen.pdf", "application/pdf")
    ]
    other = SimpleUploadedFile("b.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    assert login("hcm.admin").post(url, {"file": other}).status_code == 404
    assert nomination.files.count() == 1
