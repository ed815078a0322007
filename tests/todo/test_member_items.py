"""A member who acts for no unit gets the member-facing items of "Việc cần làm" (courses assigned,
rounds open) on their home and through the API; the secretaries' items stay as they were."""

from datetime import timedelta

import pytest
from django.utils import timezone

from doanso.accounts.models import RoleKind
from doanso.learning import contests, courses
from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

QUESTIONS = [{"text": f"Câu {i}?", "options": ["Đúng", "Sai"], "answer": 0} for i in range(3)]


@pytest.fixture
def pure_member(unit):
    from doanso.org.models import Unit

    hcm = unit("HCM")
    lo, hi = hcm.subtree_range
    branch = Unit.objects.filter(kind="chi_doan", active=True, path__gte=lo, path__lt=hi).order_by("path")[0]
    m = MemberFactory(branch=branch)
    return UserFactory(unit=branch, role=RoleKind.MEMBER, member=m, username="hcm.todo.member")


@pytest.fixture
def learning_work(unit):
    hcm = unit("HCM")
    course = courses.create_course(
        unit=hcm, title="Khoá học Nghị quyết Đại hội", kind="nghi_quyet", audience="all", questions=QUESTIONS
    )
    contest = contests.create_contest(
        unit=hcm, title="Tìm hiểu lịch sử Đoàn", questions_per_round=2, questions=QUESTIONS
    )
    now = timezone.now()
    contests.add_round(contest, now - timedelta(minutes=5), now + timedelta(hours=2))
    return course, contest


def test_a_pure_member_sees_courses_assigned_and_rounds_open_on_home_and_api(
    pure_member, learning_work, login, api
):
    course, contest = learning_work
    body = login(pure_member.username).get("/").content.decode()
    assert 'id="member-tasks"' in body
    assert "Học khoá “Khoá học Nghị quyết Đại hội”" in body
    assert "Dự thi “Tìm hiểu lịch sử Đoàn” – lượt 1" in body
    assert f'href="/learning/courses/{course.pk}/"' in body
    items = api(pure_member.username).get("/me/todo").json()["items"]
    assert {i["kind"] for i in items} == {"learning_course", "learning_round"}  # no unit work for a member
    assert {"Học khoá “Khoá học Nghị quyết Đại hội”", "Dự thi “Tìm hiểu lịch sử Đoàn” – lượt 1"} <= {
        i["title"] for i in items
    }


def test_a_member_of_another_province_sees_none_of_them(learning_work, api, unit):
    from doanso.org.models import Unit

    hn = unit("HN")
    lo, hi = hn.subtree_range
    branch = Unit.objects.filter(kind="chi_doan", active=True, path__gte=lo, path__lt=hi).order_by("path")[0]
    m = MemberFactory(branch=branch)
    UserFactory(unit=branch, role=RoleKind.MEMBER, member=m, username="hn.todo.member")
    assert api("hn.todo.member").get("/me/todo").json()["items"] == []


def test_staff_items_are_unchanged_and_member_items_do_not_leak_to_them(learning_work, api):
    items = api("hcm.admin").get("/me/todo").json()["items"]
    kinds = {i["kind"] for i in items}
    assert "learning_course" not in kinds and "learning_round" not in kinds  # hcm.admin is no member
    # the unit-based providers still answer for the units the secretary acts for
    assert kinds & {"report_due", "plan_received", "dues", "rating_enter", "maturity"}


def test_an_account_with_neither_units_nor_member_record_gets_nothing(learning_work, api, unit):
    UserFactory(unit=unit("HCM"), role=RoleKind.MEMBER, username="hcm.bare")
    assert api("hcm.bare").get("/me/todo").json()["items"] == []
