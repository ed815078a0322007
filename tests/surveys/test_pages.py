"""The survey pages: create through the form, answer once (members and the public link), results
with charts per unit, the Excel export read back, and the edit lock once someone answered."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from doanso.surveys.models import Response, Survey

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Ý kiến thanh niên về sân chơi",
    "description": "",
    "opens_on": "01/01/2026",
    "closes_on": "31/12/2030",
    "audience": "units",
    "q1_text": "Bạn biết chương trình qua đâu?",
    "q1_kind": "one",
    "q1_choices": "Fanpage\nChi đoàn",
    "q1_required": "1",
    "q2_text": "Bạn muốn tham gia gì?",
    "q2_kind": "many",
    "q2_choices": "Tình nguyện\nThể thao\nKỹ năng",
    "q3_text": "Mức độ hài lòng",
    "q3_kind": "scale",
    "q4_text": "Góp ý",
    "q4_kind": "long",
}


def _create(client, unit="CT", **extra):
    r = client.post("/surveys/new/", {**FORM, "unit": unit, **extra})
    assert r.status_code == 302, r.content.decode()[:2000]
    return Survey.objects.latest("id")


def test_staff_create_a_survey_with_the_usual_question_kinds(login):
    c = login("ct.admin")
    assert "Tạo khảo sát" in c.get("/surveys/").content.decode()
    s = _create(c)
    assert [(q.kind, q.choices) for q in s.questions.all()] == [
        ("one", ["Fanpage", "Chi đoàn"]),
        ("many", ["Tình nguyện", "Thể thao", "Kỹ năng"]),
        ("scale", []),
        ("long", []),
    ]
    page = c.get("/surveys/?unit=CT").content.decode()
    assert "Ý kiến thanh niên về sân chơi" in page and "01/01/2026 – 31/12/2030" in page


def test_a_bad_form_names_the_field_and_writes_nothing(login):
    c = login("ct.admin")
    r = c.post("/surveys/new/", {**FORM, "unit": "CT", "q1_choices": "Fanpage"})
    assert r.status_code == 400
    assert "Câu 1: cần ít nhất hai phương án, không trùng nhau." in r.content.decode()
    r = c.post("/surveys/new/", {**FORM, "unit": "CT", "closes_on": "31/13/2030"})
    assert r.status_code == 400 and "Ngày đóng" in r.content.decode()
    assert not Survey.objects.filter(title=FORM["title"]).exists()


def test_a_member_answers_once_and_the_second_answer_is_refused_in_vietnamese(login):
    s = _create(login("ct.admin"))
    q = list(s.questions.all())
    m = login("doanvien.demo")
    assert s.title in m.get("/surveys/").content.decode()  # the member's list of open surveys
    body = {f"q{q[0].pk}": "Chi đoàn", f"q{q[1].pk}": ["Thể thao", "Kỹ năng"], f"q{q[2].pk}": "4"}
    r = m.post(f"/surveys/{s.pk}/answer/", body)
    assert r.status_code == 200 and "Cảm ơn bạn đã trả lời khảo sát." in r.content.decode()
    r = m.post(f"/surveys/{s.pk}/answer/", body)
    assert r.status_code == 409
    assert "Bạn đã trả lời khảo sát này rồi; mỗi người chỉ trả lời một lần." in r.content.decode()
    assert Response.objects.filter(survey=s).count() == 1


def test_a_missing_required_answer_names_the_question(login):
    s = _create(login("ct.admin"))
    r = login("doanvien.demo").post(f"/surveys/{s.pk}/answer/", {})
    assert r.status_code == 400 and "Câu 1: bắt buộc trả lời." in r.content.decode()
    assert not Response.objects.filter(survey=s).exists()


def test_the_public_link_takes_one_answer_per_browser_without_login(client, login):
    s = _create(login("ct.admin"), audience="public")
    q1 = s.questions.first()
    r = client.get(f"/surveys/s/{s.slug}/")
    assert r.status_code == 200 and s.title in r.content.decode()
    r = client.post(f"/surveys/s/{s.slug}/", {f"q{q1.pk}": "Fanpage"})
    assert "Cảm ơn bạn đã trả lời khảo sát." in r.content.decode()
    r = client.post(f"/surveys/s/{s.slug}/", {f"q{q1.pk}": "Fanpage"})
    assert r.status_code == 409
    assert Response.objects.filter(survey=s).count() == 1
    assert client.get("/surveys/s/khong-co/").status_code == 404
    # a survey for members is not answerable through a guessed public address
    t = _create(login("ct.admin"))
    assert client.get(f"/surveys/s/{t.slug}/").status_code == 404


def test_results_show_charts_per_unit_and_the_excel_reads_back(login):
    admin = login("ct.admin")
    s = _create(admin)
    q = list(s.questions.all())
    login("doanvien.demo").post(
        f"/surveys/{s.pk}/answer/", {f"q{q[0].pk}": "Chi đoàn", f"q{q[2].pk}": "5", f"q{q[3].pk}": "Rất hay"}
    )
    admin.post(f"/surveys/{s.pk}/answer/", {f"q{q[0].pk}": "Fanpage", f"q{q[2].pk}": "4"})
    page = admin.get(f"/surveys/{s.pk}/").content.decode()
    assert "2 người trả lời" in page
    # one chart per answered choice/scale question, one per unit; nobody chose question 2
    assert page.count('class="chart survey-chart"') == 3 and "Chưa có trả lời." in page
    assert "50%" in page and "trung bình 4,5" in page and "Rất hay" in page
    from doanso.accounts.models import User

    branch = User.objects.get(username="doanvien.demo").member.branch
    sub = admin.get(f"/surveys/{s.pk}/", {"unit": branch.code}).content.decode()
    assert "1 người trả lời" in sub
    r = admin.get(f"/surveys/{s.pk}/export.xlsx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(BytesIO(r.content))
    summary = [row for row in wb["Tổng hợp"].iter_rows(values_only=True)]
    assert ("Số người trả lời", 2) in summary
    assert ("Chi đoàn", 1) in summary and ("Fanpage", 1) in summary and ("Trung bình", 4.5) in summary
    detail = list(wb["Trả lời"].iter_rows(values_only=True))
    assert len(detail) == 3 and "Người trả lời" in detail[0]
    assert any("Rất hay" in row for row in detail)


def test_questions_are_locked_once_someone_answered(login):
    admin = login("ct.admin")
    s = _create(admin)
    q1 = s.questions.first()
    form = {**FORM, "title": "Tên mới"}
    assert admin.post(f"/surveys/{s.pk}/edit/", {**form, "q1_text": "Câu đã sửa"}).status_code == 302
    s.refresh_from_db()
    assert s.title == "Tên mới" and s.questions.first().text == "Câu đã sửa"
    q1 = s.questions.first()
    admin.post(f"/surveys/{s.pk}/answer/", {f"q{q1.pk}": "Fanpage"})
    r = admin.post(f"/surveys/{s.pk}/edit/", {**form, "q1_text": "Lại sửa"})
    assert r.status_code == 409 or "không đổi câu hỏi" in r.content.decode()
    assert s.questions.first().text == "Câu đã sửa"


def test_another_units_admin_cannot_read_or_answer(login):
    s = _create(login("ct.admin"))
    hn = login("hn.admin")
    for url in (
        f"/surveys/{s.pk}/",
        f"/surveys/{s.pk}/edit/",
        f"/surveys/{s.pk}/export.xlsx",
        f"/surveys/{s.pk}/answer/",
    ):
        assert hn.get(url).status_code == 404, url
    assert hn.post(f"/surveys/{s.pk}/answer/", {}).status_code == 404
