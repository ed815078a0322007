"""The learning app's part of the scope walk (tests/scoping_providers.py hooks these in): path values
in the victim province, request bodies the victim's request is accepted with, and page forms.

The victim (hcm.admin) also takes rounds and course quizzes, so the providers link that account to an
HCM member record (inside the walk's savepoint, like every provider row)."""

from datetime import timedelta

QUESTIONS = [{"text": f"Câu {i} của HCM?", "options": ["Đúng", "Sai"], "answer": 0} for i in range(3)]


def _victim_member(victim):
    from doanso.accounts.models import User
    from doanso.members.models import Member

    user = User.objects.get(username="hcm.admin")
    if user.member_id is None:
        lo, hi = victim.subtree_range
        linked = User.objects.exclude(member=None).values("member")
        m = (
            Member.objects.filter(status="active", branch__path__gte=lo, branch__path__lt=hi)
            .exclude(pk__in=linked)
            .order_by("id")
            .first()
        )
        User.objects.filter(pk=user.pk).update(member=m)
        user.refresh_from_db()
    return user.member


def _contest(victim):
    from django.utils import timezone

    from doanso.learning import contests
    from doanso.learning.models import Contest

    c = Contest.objects.filter(unit=victim, title="Cuộc thi của HCM").first()
    if c is None:
        c = contests.create_contest(
            unit=victim, title="Cuộc thi của HCM", questions_per_round=2, questions=QUESTIONS
        )
        now = timezone.now()
        contests.add_round(c, now - timedelta(hours=1), now + timedelta(days=1))
        contests.add_round(c, now - timedelta(days=3), now - timedelta(days=2))  # ended, not closed
    _victim_member(victim)
    return c


def _attempt(victim):
    from doanso.learning import contests
    from doanso.learning.models import Attempt

    c = _contest(victim)
    member = _victim_member(victim)
    entrant = contests.member_entrant(member)
    a = Attempt.objects.filter(entrant=entrant, round__contest=c, round__number=1).first()
    if a is None:
        a = contests.start_attempt(
            c.rounds.get(number=1), entrant, unit=member.branch, ip=None, device=""
        ).attempt
    return a


def _course(victim):
    from doanso.learning import courses
    from doanso.learning.models import Course

    c = Course.objects.filter(unit=victim, title="Khoá học của HCM").first()
    return c or courses.create_course(
        unit=victim,
        title="Khoá học của HCM",
        kind="nghi_quyet",
        audience="all",
        lessons=[{"title": "Bài 1", "body": "Nội dung"}],
        questions=QUESTIONS,
    )


def providers(victim) -> dict:
    return {
        "contest_id": lambda: _contest(victim).pk,
        "number": lambda: 1,
        "attempt_id": lambda: _attempt(victim).pk,
        "course_id": lambda: _course(victim).pk,
        "lesson_id": lambda: _pdf_lesson(victim).pk,
    }


def _pdf_lesson(victim):
    """A lesson of the victim's course with a PDF (served only to the course's audience)."""
    from django.core.files.base import ContentFile

    course = _course(victim)
    lesson = course.lessons.exclude(pdf="").first()
    if lesson is None:
        lesson = course.lessons.create(position=9, title="Bài có PDF")
        lesson.pdf.save("walk.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return lesson


def _right(w, course=False) -> list[dict]:
    from doanso.learning.models import Question

    if course:
        qs = Question.objects.filter(course_id=w.id("course_id"))
        return [{"question": q.pk, "option": q.answer} for q in qs]
    return []


def _round_times(w, req):
    req["body"] = {"start": "2026-12-07T20:00:00+07:00", "end": "2026-12-07T21:00:00+07:00"}


def _contest_body(w, req):
    req["body"] = {
        "unit": w.victim.code,
        "title": "Cuộc thi thử",
        "questions_per_round": 2,
        "questions": QUESTIONS,
    }


def _course_body(w, req):
    req["body"] = {"unit": w.victim.code, "title": "Khoá thử", "questions": QUESTIONS}


def _question_file(w, req):
    req["body"] = {
        "file": (
            "cau-hoi.csv",
            "Câu hỏi,Phương án A,Phương án B,Đáp án\nThủ đô?,Hà Nội,Huế,A\n".encode(),
        )
    }


def _quiz(w, req):
    _victim_member(w.victim)
    req["body"] = {"answers": _right(w, course=True)}


def _answers(w, req):
    req["body"] = {"answers": [], "prediction": 1}


def _certificate_for_entrant(w, req):
    from doanso.learning import contests

    a = _attempt(w.victim)
    if a.submitted_at is None:
        contests.submit_answers(a, {}, 1)
    req["body"] = {"members": [a.entrant.member_id]}


def _ended_round(w, req):
    req["path"]["number"] = 2


API_VARIANTS = {
    "POST /api/v1/contests": {"": _contest_body},
    "POST /api/v1/contests/{contest_id}/rounds": {"": _round_times},
    "POST /api/v1/contests/{contest_id}/rounds/{number}/close": {"": _ended_round},
    "POST /api/v1/contests/{contest_id}/questions/import": {"": _question_file},
    "POST /api/v1/attempts/{attempt_id}/answers": {"": _answers},
    "POST /api/v1/courses": {"": _course_body},
    "POST /api/v1/contests/{contest_id}/certificates": {"": _certificate_for_entrant},
    "POST /api/v1/courses/{course_id}/quiz": {"": _quiz},
    "GET /api/v1/courses/mine": {"list": None},
}


def _quiz_form(w):
    _victim_member(w.victim)
    return {f"q{a['question']}": str(a["option"]) for a in _right(w, course=True)}


WEB_FORMS = {
    "learning/": {
        "form": lambda w: {"title": "Cuộc thi thử", "unit": w.victim.code, "questions_per_round": "5"}
    },
    "learning/courses/<int:course_id>/": {"setup": lambda w: _victim_member(w.victim), "form": _quiz_form},
    "learning/contests/<int:contest_id>/manage/": {
        "form": lambda w: {
            "action": "round",
            "start": "2026-12-07T20:00",
            "end": "2026-12-07T21:00",
            "file": None,
        }
    },
}
