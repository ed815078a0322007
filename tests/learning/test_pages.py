"""The pages: a member takes a round on the web, a guest signs up and plays, leaderboards per unit,
organiser pages (rounds, import, flags), the course page with its quiz, and another province's admin
refused everywhere."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from doanso.learning.models import Attempt, Completion, Contest, Round
from tests.learning.test_bank_import import GOOD, _xlsx


def _right_form(html: str) -> dict:
    """Pick, for every question on the page, the option whose text starts with "Đúng"."""
    data = {"action": "answer", "prediction": "3"}
    for name, value, text in re.findall(r'name="(q\d+)" value="(\d+)"> (\S+)', html):
        if text.startswith("Đúng"):
            data[name] = value
    return data


def test_member_takes_a_round_on_the_web(login, member_user, contest):
    c = login(member_user(1))
    url = f"/learning/contests/{contest['id']}/rounds/1/play/"
    page = c.get(url)
    assert page.status_code == 200
    assert "Bắt đầu làm bài" in page.content.decode()
    started = c.post(url, {"action": "start"}).content.decode()
    assert 'id="countdown"' in started and "data-deadline=" in started
    assert "learning/play.js" in started and "<script>" not in started
    done = c.post(url, _right_form(started), follow=True).content.decode()
    assert "Đúng 10/10 câu" in done
    a = Attempt.objects.get(round__contest_id=contest["id"])
    assert a.correct == 10 and a.prediction == 3


def test_guest_signs_up_and_plays_on_the_web(contest):
    Contest.objects.filter(pk=contest["id"]).update(allow_public=True)
    c = Client()
    page = c.get(f"/learning/contests/{contest['id']}/")
    assert "Đăng ký dự thi" in page.content.decode()
    r = c.post(
        f"/learning/contests/{contest['id']}/",
        {"name": "Trần Khách", "phone": "0987654321", "school": "THPT A", "province": "TP.HCM"},
    )
    assert r.status_code == 302
    url = f"/learning/contests/{contest['id']}/rounds/1/play/"
    started = c.post(url, {"action": "start"}).content.decode()
    done = c.post(url, _right_form(started), follow=True).content.decode()
    assert "Đúng 10/10 câu" in done
    board = c.get(f"/learning/contests/{contest['id']}/rounds/1/leaderboard/").content.decode()
    assert "Trần Khách" in board


def test_members_only_contest_page_sends_strangers_to_login(contest):
    r = Client().get(f"/learning/contests/{contest['id']}/")
    assert r.status_code == 302 and "/login/" in r["Location"]


def test_leaderboard_page_per_unit(login, api, member_user, contest, hcm_branches):
    for i, b in ((1, 0), (2, 1)):
        c = login(member_user(i, branch=b))
        url = f"/learning/contests/{contest['id']}/rounds/1/play/"
        c.post(url, _right_form(c.post(url, {"action": "start"}).content.decode()))
    admin = login("hcm.admin")
    whole = admin.get(f"/learning/contests/{contest['id']}/rounds/1/leaderboard/").content.decode()
    assert "2 người dự thi" in whole
    # the branch's own parent is a child of HCM? pick the unit of branch 1 through its code
    one = admin.get(
        f"/learning/contests/{contest['id']}/rounds/1/leaderboard/", {"unit": hcm_branches[1].code}
    ).content.decode()
    assert "1 người dự thi" in one


def test_organiser_adds_a_round_imports_questions_and_closes(login, contest, tmp_path):
    admin = login("hcm.admin")
    url = f"/learning/contests/{contest['id']}/manage/"
    assert "Tải tệp mẫu Excel" in admin.get(url).content.decode()
    r = admin.post(url, {"action": "round", "start": "2026-12-07T20:00", "end": "2026-12-07T21:00"})
    assert r.status_code == 302
    assert Round.objects.filter(contest_id=contest["id"]).count() == 2
    bad = admin.post(
        url, {"action": "round", "start": "2026-12-07T20:00", "end": "2026-12-07T19:00"}, follow=True
    )
    assert "Thời điểm kết thúc phải sau thời điểm bắt đầu" in bad.content.decode()
    with open(_xlsx(tmp_path, GOOD), "rb") as fh:
        admin.post(url, {"action": "import", "file": fh})
    assert Contest.objects.get(pk=contest["id"]).questions.count() == 14
    Round.objects.filter(contest_id=contest["id"], number=1).update(end=timezone.now() - timedelta(seconds=1))
    admin.post(url, {"action": "close", "number": "1"})
    assert Round.objects.get(contest_id=contest["id"], number=1).closed_at is not None


def test_template_download(login):
    r = login("hcm.admin").get("/learning/question-template.xlsx")
    assert r.status_code == 200
    assert r.content[:2] == b"PK"


def test_create_contest_on_the_home_page(login):
    r = login("hcm.admin").post(
        "/learning/", {"unit": "HCM", "title": "Tuổi trẻ học tập", "questions_per_round": "5"}
    )
    assert r.status_code == 302
    assert Contest.objects.filter(title="Tuổi trẻ học tập", unit__code="HCM").exists()


def test_course_page_quiz_records_completion(login, member_user, unit):
    from doanso.learning import courses

    course = courses.create_course(
        unit=unit("HCM"),
        title="Học tập Nghị quyết Đại hội",
        kind="nghi_quyet",
        audience="all",
        lessons=[{"title": "Bài 1", "body": "Nội dung bài 1", "video_url": "https://video.example/1"}],
        questions=[{"text": "Câu 1?", "options": ["Đúng", "Sai"], "answer": 0}],
    )
    c = login(member_user(1))
    page = c.get(f"/learning/courses/{course.pk}/").content.decode()
    assert "Nội dung bài 1" in page and "Bài kiểm tra cuối khoá" in page
    q = course.questions.get()
    done = c.post(f"/learning/courses/{course.pk}/", {f"q{q.pk}": "0"}).content.decode()
    assert "Đạt" in done
    assert Completion.objects.filter(course=course).count() == 1
    home = c.get("/learning/").content.decode()
    assert "Học tập Nghị quyết Đại hội" in home


@pytest.mark.parametrize(
    "path",
    [
        "/learning/contests/{id}/",
        "/learning/contests/{id}/rounds/1/play/",
        "/learning/contests/{id}/rounds/1/leaderboard/",
        "/learning/contests/{id}/flags/",
        "/learning/contests/{id}/manage/",
    ],
)
def test_another_provinces_admin_gets_404(login, contest, path):
    c = login("hn.admin")
    url = path.format(id=contest["id"])
    assert c.get(url).status_code == 404
    assert (
        c.post(url, {"action": "round", "start": "2026-12-07T20:00", "end": "2026-12-07T21:00"}).status_code
        == 404
    )
    assert Round.objects.filter(contest_id=contest["id"]).count() == 1


def test_another_provinces_admin_cannot_create_in_hcm(login):
    r = login("hn.admin").post("/learning/", {"unit": "HCM", "title": "Xâm nhập", "questions_per_round": "5"})
    assert r.status_code == 404
    assert not Contest.objects.filter(title="Xâm nhập").exists()
