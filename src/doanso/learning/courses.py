"""Courses: who a course is for (its audience), the end-of-course quiz and completion per member.

Audiences: every member of the course unit's subtree; the members admitted this year (new members);
cán bộ (members whose account holds an admin role); one occupation group (khối). A member passes
when the share of right answers reaches the course's `pass_percent`; completion is recorded once and
credited to the LLCT / resolution counters (see `credits`).
"""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from doanso.accounts.models import RoleKind, User
from doanso.core import audit
from doanso.core.calendar.periods import TZ
from doanso.core.errors import UserError
from doanso.learning import credits
from doanso.learning.models import Audience, Completion, Course, Question
from doanso.org.api import ancestor_ids, subtree_range


def is_cadre(member) -> bool:
    return User.objects.filter(member=member, roles__role=RoleKind.ADMIN).exists()


def in_audience(course: Course, member, now: datetime | None = None) -> bool:
    lo, hi = subtree_range(course.unit.path)
    if not lo <= member.branch.path < hi:
        return False
    if course.audience == Audience.NEW_MEMBERS:
        return member.admitted_year == (now or timezone.now()).astimezone(TZ).year
    if course.audience == Audience.CADRES:
        return is_cadre(member)
    if course.audience == Audience.OCCUPATION:
        return member.occupation == course.occupation
    return True


def courses_for(member, now: datetime | None = None) -> list[Course]:
    """Courses assigned to the member: those of the branch's ancestors whose audience includes them."""
    qs = Course.objects.filter(unit_id__in=ancestor_ids(member.branch.path)).select_related("unit")
    return [c for c in qs if in_audience(c, member, now)]


@transaction.atomic
def create_course(
    *, unit, title: str, kind: str, audience: str, occupation: str = "", lessons=(), questions=(), actor=None
) -> Course:
    from doanso.learning.contests import check_question

    if audience == Audience.OCCUPATION and not occupation:
        raise UserError(gettext("Chọn khối cho khoá học dành cho một khối."), field="occupation")
    course = Course.objects.create(
        unit=unit, title=title.strip(), kind=kind, audience=audience, occupation=occupation
    )
    for i, lesson in enumerate(lessons, start=1):
        course.lessons.create(position=i, **lesson)
    for i, q in enumerate(questions, start=1):
        check_question(q["text"], q["options"], q["answer"], gettext("Câu %(n)s") % {"n": i})
        Question.objects.create(
            unit=unit, course=course, text=q["text"], options=q["options"], answer=q["answer"]
        )
    audit.record(actor, "course.create", course, unit=unit, title=course.title)
    return course


def take_quiz(course: Course, member, chosen: dict[int, int], now: datetime | None = None) -> dict:
    """Grade the course quiz; a pass records the completion (once) and credits the member."""
    now = now or timezone.now()
    if not in_audience(course, member, now):
        raise UserError(gettext("Khoá học này không dành cho bạn."), field="course")
    rights = dict(course.questions.values_list("id", "answer"))
    if not rights:
        raise UserError(gettext("Khoá học chưa có câu hỏi kiểm tra."), field="questions")
    correct = sum(1 for q, a in rights.items() if chosen.get(q) == a)
    score = round(100 * correct / len(rights))
    passed = score >= course.pass_percent
    if passed:
        try:
            with transaction.atomic():
                Completion.objects.create(course=course, member=member, score=score)
                credits.credit(member, course.kind, now)
        except IntegrityError:
            pass  # passed before: counted once
    return {"correct": correct, "total": len(rights), "score": score, "passed": passed}
