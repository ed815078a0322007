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
