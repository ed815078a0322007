"""The "Việc cần làm" provider (courses assigned, rounds open) and the demo data."""

from doanso.learning import courses
from doanso.learning.models import Contest, Course
from doanso.learning.work import learning_items
from tests.learning.conftest import right_answers


def test_open_rounds_and_assigned_courses_are_on_the_list(api, user, member_user, contest, unit):
    course = courses.create_course(
        unit=unit("HCM"),
        title="Khoá nghị quyết",
        kind="nghi_quyet",
        audience="all",
        questions=[{"text": "C?", "options": ["Đúng", "Sai"], "answer": 0}],
    )
    name = member_user(1)
    from django.utils import timezone

    kinds = sorted(i.kind for i in learning_items(user(name), [], timezone.now()))
    assert kinds.count("learning_round") >= 1 and kinds.count("learning_course") >= 1
    # taking the round and passing the course take them off the list
    caller = api(name)
    started = caller.post(f"/contests/{contest['id']}/rounds/1/attempts").json()
    caller.post(f"/attempts/{started['attempt']}/answers", {"answers": right_answers(started)})
    q = course.questions.get()
    courses.take_quiz(course, user(name).member, {q.pk: 0})
    left = learning_items(user(name), [], timezone.now())
    assert not any(contest["title"] in i.title for i in left)
    assert not any("Khoá nghị quyết" in i.title for i in left)


def test_accounts_without_a_member_record_get_nothing(user):
    from django.utils import timezone

    assert learning_items(user("hn.admin"), [], timezone.now()) == []


def test_demo_has_a_contest_in_three_rounds_and_two_courses(db):
    c = Contest.objects.get(title="Tìm hiểu lịch sử Đoàn TNCS Hồ Chí Minh")
    assert c.rounds.count() == 3
    assert Course.objects.filter(unit__code="HCM").count() == 2
