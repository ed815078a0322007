"""Pages of learning: courses and their quiz, contests, taking a round (phone-first, countdown in a
static script), leaderboards per unit, organiser pages (rounds, question import, flags). Thin: the
same `access` rules as the API, the same services."""

import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from doanso.accounts.lockout import client_ip
from doanso.accounts.scoping import acting_units, get_unit, scope_for
from doanso.core import vn
from doanso.core.calendar.periods import TZ
from doanso.core.errors import ImportFailed, UserError
from doanso.learning import access, bank, certificates, contests, courses, lessons, ratelimit
from doanso.learning.models import (
    Attempt,
    Audience,
    Contest,
    Course,
    CourseKind,
    Flag,
    Lesson,
    Question,
    Round,
)
from doanso.org.api import Unit, ancestor_ids

GUEST_COOKIE = "doanso_entrant"
DEVICE_COOKIE = "doanso_device"


class _Req:
    """The request as `access` sees it on a page: the user, or a guest's cookie token."""

    def __init__(self, request: HttpRequest):
        self.user = request.user
        token = request.COOKIES.get(GUEST_COOKIE, "")
        self.auth = access.entrant_from_token(token) if token and not request.user.is_authenticated else None


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"/login/?next={request.path}")
    user = request.user
    member = getattr(user, "member", None)
    scope = scope_for(user)
    q = scope.q("unit__path")
    if member is not None:
        q |= Q(unit_id__in=ancestor_ids(member.branch.path))
    contest_list = Contest.objects.filter(q).select_related("unit").order_by("-id")[:50]
    course_list = courses.courses_for(member) if member is not None else []
    managed_courses = (
        Course.objects.filter(scope.q("unit__path")).select_related("unit")[:50] if scope.paths else []
    )
    if request.method == "POST" and scope.admin_paths and request.POST.get("action") == "course":
        try:
            unit = get_unit(user, request.POST.get("unit", ""))
            if not scope.administers(unit.path):
                raise UserError(gettext("Chỉ quản trị viên của đơn vị mới được tạo khoá học."), field="unit")
            kind, audience = request.POST.get("kind", ""), request.POST.get("audience", "")
            if kind not in CourseKind.values or audience not in Audience.values:
                raise UserError(gettext("Chọn loại khoá học và đối tượng."), field="kind")
            title = request.POST.get("title", "").strip()
            if not title:
                raise UserError(gettext("Chưa nhập tên khoá học."), field="title")
            new = courses.create_course(
                unit=unit,
                title=title[:200],
                kind=kind,
                audience=audience,
                occupation=request.POST.get("occupation", "").strip()[:16],
                actor=user,
            )
            return redirect("learning:course", new.pk)
        except UserError as exc:
            messages.error(request, exc.message)
    elif request.method == "POST" and scope.admin_paths:
        try:
            unit = get_unit(user, request.POST.get("unit", ""))
            if not scope.administers(unit.path):
                raise UserError(gettext("Chỉ quản trị viên của đơn vị mới được tạo cuộc thi."), field="unit")
            n = vn.number_for(
                request.POST.get("questions_per_round", "10"),
                label=gettext("Số câu mỗi lượt"),
                field="questions_per_round",
            )
            title = request.POST.get("title", "").strip()
            if not title:
                raise UserError(gettext("Chưa nhập tên cuộc thi."), field="title")
            if not 1 <= n <= 100:
                raise UserError(gettext("Số câu mỗi lượt: từ 1 đến 100."), field="questions_per_round")
            c = contests.create_contest(
                unit=unit,
                title=title[:200],
                questions_per_round=int(n),
                questions=[],
                allow_public=request.POST.get("allow_public") == "on",
                actor=user,
            )
            return redirect("learning:manage", c.pk)
        except UserError as exc:
            messages.error(request, exc.message)
    return render(
        request,
        "learning/home.html",
        {
            "contests": contest_list,
            "courses": course_list,
            "managed_courses": managed_courses,
            "units": acting_units(user) if scope.admin_paths else [],
            "kinds": CourseKind.choices,
            "audiences": Audience.choices,
        },
    )


def _organise_course(request: HttpRequest, c: Course) -> HttpResponse | None:
    """An organiser's write on the course page: a lesson (text, video link, PDF) or a quiz question."""
    action = request.POST.get("action")
    try:
        if action == "lesson":
            lessons.add_lesson(
                c,
                title=request.POST.get("title", ""),
                body=request.POST.get("body", "")[:20000],
                video_url=request.POST.get("video_url", "")[:500],
                pdf=request.FILES.get("pdf"),
                actor=request.user,
            )
            messages.success(request, gettext("Đã thêm bài học."))
        else:
            raw = request.POST.get("answer", "").strip()
            answer = int(vn.number_for(raw, label=gettext("Đáp án đúng"), field="answer")) - 1 if raw else -1
            lessons.add_question(
                c,
                text=request.POST.get("text", "")[:2000],
                options=request.POST.get("options", "")[:4000].splitlines(),
                answer=answer,
                actor=request.user,
            )
            messages.success(request, gettext("Đã thêm câu hỏi kiểm tra."))
    except UserError as exc:
        messages.error(request, exc.message)
        return None
    return redirect("learning:course", c.pk)


@login_required
def lesson_pdf(request: HttpRequest, course_id: int, lesson_id: int) -> FileResponse:
    c = access.visible_course(request.user, course_id)
    lesson = Lesson.objects.filter(pk=lesson_id, course=c).first()
    if lesson is None or not lesson.pdf or not access.lesson_reader(request.user, c):
        raise Http404
    response = FileResponse(lesson.pdf.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bai-hoc-{lesson.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def course(request: HttpRequest, course_id: int) -> HttpResponse:
    c = access.visible_course(request.user, course_id)
    result = None
    member = getattr(request.user, "member", None)
    organiser = access.administers(request.user, c)
    if request.method == "POST" and request.POST.get("action") in ("lesson", "question"):
        if not organiser:
            raise Http404
        done = _organise_course(request, c)
        if done is not None:
            return done
    elif request.method == "POST":
        if member is None:
            raise Http404
        chosen = {}
        for q in c.questions.all():
            raw = request.POST.get(f"q{q.pk}", "")
            if raw.isdigit():
                chosen[q.pk] = int(raw)
        try:
            result = courses.take_quiz(c, member, chosen)
        except UserError as exc:
            messages.error(request, exc.message)
    return render(
        request,
        "learning/course.html",
        {
            "course": c,
            "lessons": c.lessons.all(),
            "questions": c.questions.all(),
            "result": result,
            "member": member,
            "organiser": organiser,
            "reader": access.lesson_reader(request.user, c),
            "pdf_max": vn.format_size(settings.DOANSO_LESSON_PDF_MAX_BYTES),
            "kinds": CourseKind.choices,
        },
    )


def _contest(request: HttpRequest, contest_id: int) -> Contest:
    return access.visible_contest(_Req(request), contest_id)


@require_http_methods(["GET", "POST"])
def contest(request: HttpRequest, contest_id: int) -> HttpResponse:
    """The contest page: rounds, and for a public contest a sign-up form for non-members."""
    c = Contest.objects.select_related("unit").filter(pk=contest_id).first()
    if c is None:
        raise Http404
    if not request.user.is_authenticated and not c.allow_public:
        return redirect(f"/login/?next={request.path}")
    response = None
    if request.method == "POST" and c.allow_public and not request.user.is_authenticated:
        try:
            ratelimit.hit("guest", client_ip(request))
            entrant = contests.guest_entrant(
                c,
                name=request.POST.get("name", "")[:120],
                phone=request.POST.get("phone", "")[:20],
                school=request.POST.get("school", "")[:200],
                province=request.POST.get("province", "")[:100],
            )
            response = redirect("learning:contest", c.pk)
            response.set_cookie(
                GUEST_COOKIE,
                access.entrant_token(entrant),
                max_age=180 * 86400,
                httponly=True,
                samesite="Lax",
            )
            return response
        except UserError as exc:
            messages.error(request, exc.message)
    req = _Req(request)
    if request.user.is_authenticated or req.auth is not None:
        c = access.visible_contest(req, contest_id)
    now = timezone.now()
    return render(
        request,
        "learning/contest.html",
        {
            "contest": c,
            "rounds": c.rounds.all(),
            "now": now,
            "guest": req.auth,
            "needs_signup": not request.user.is_authenticated and req.auth is None,
            "organiser": request.user.is_authenticated and access.manages(request.user, c),
            "admin": request.user.is_authenticated and access.administers(request.user, c),
        },
    )


def _round(c: Contest, number: int) -> Round:
    rnd = Round.objects.filter(contest=c, number=number).first()
    if rnd is None:
        raise Http404
    return rnd


@require_http_methods(["GET", "POST"])
def play(request: HttpRequest, contest_id: int, number: int) -> HttpResponse:
    """Take a round: start (POST action=start), answer (POST action=answer), or see one's result."""
    req = _Req(request)
    if not request.user.is_authenticated and req.auth is None:
        return redirect("learning:contest", contest_id)
    c = access.visible_contest(req, contest_id)
    rnd = _round(c, number)
    guest = req.auth
    member = getattr(request.user, "member", None) if guest is None else None
    if guest is None and member is None:
        messages.error(request, gettext("Chỉ đoàn viên hoặc người đã đăng ký dự thi mới được làm bài."))
        return redirect("learning:contest", c.pk)
    entrant = guest or contests.member_entrant(member)
    attempt = Attempt.objects.filter(round=rnd, entrant=entrant).first()
    shown = None
    device = request.COOKIES.get(DEVICE_COOKIE) or contests.new_device_id()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "start" and attempt is None:
                ratelimit.hit("start", f"e{entrant.pk}")
                unit = c.unit if guest else member.branch
                started = contests.start_attempt(
                    rnd, entrant, unit=unit, ip=client_ip(request), device=device
                )
                attempt, shown = started.attempt, started.questions
            elif request.POST.get("action") == "answer" and attempt is not None:
                chosen = {}
                for qid in attempt.questions:
                    raw = request.POST.get(f"q{qid}", "")
                    if raw.isdigit():
                        chosen[qid] = int(raw)
                raw = request.POST.get("prediction", "").strip()
                prediction = (
                    int(vn.number_for(raw, label=gettext("Dự đoán"), field="prediction")) if raw else None
                )
                attempt = contests.submit_answers(attempt, chosen, prediction)
                return redirect("learning:play", c.pk, rnd.number)
        except UserError as exc:
            messages.error(request, exc.message)
    if attempt is not None and attempt.submitted_at is None and shown is None:
        rows = {q.pk: q for q in Question.objects.filter(pk__in=attempt.questions)}
        shown = [
            {"id": q, "text": rows[q].text, "options": [rows[q].options[i] for i in perm]}
            for q, perm in zip(attempt.questions, attempt.permutations, strict=True)
        ]
    response = render(
        request,
        "learning/play.html",
        {"contest": c, "round": rnd, "attempt": attempt, "questions": shown, "now": timezone.now()},
    )
    response.set_cookie(DEVICE_COOKIE, device, max_age=365 * 86400, httponly=True, samesite="Lax")
    return response


def leaderboard(request: HttpRequest, contest_id: int, number: int) -> HttpResponse:
    req = _Req(request)
    if not request.user.is_authenticated and req.auth is None:
        return redirect(f"/login/?next={request.path}")
    c = access.visible_contest(req, contest_id)
    rnd = _round(c, number)
    code = request.GET.get("unit", "")
    where = None
    lo, hi = c.unit.subtree_range
    if code:
        where = Unit.objects.filter(code=code, path__gte=lo, path__lt=hi).first()
        if where is None:
            raise Http404
    page = max(1, int(request.GET.get("page", "1")) if request.GET.get("page", "1").isdigit() else 1)
    items, count = contests.leaderboard(rnd, where, (page - 1) * 50, 50)
    units = Unit.objects.filter(Q(pk=c.unit_id) | Q(parent=c.unit)).order_by("path")[:100]
    return render(
        request,
        "learning/leaderboard.html",
        {
            "contest": c,
            "round": rnd,
            "items": items,
            "count": count,
            "unit": where,
            "units": units,
            "page": page,
        },
    )


@login_required
def flags(request: HttpRequest, contest_id: int) -> HttpResponse:
    c = access.managed_contest(request.user, contest_id)
    rows = Flag.objects.filter(attempt__round__contest=c).select_related(
        "attempt__round", "attempt__entrant__member"
    )[:200]
    return render(request, "learning/flags.html", {"contest": c, "flags": rows})


def _when(raw: str, label: str, field: str) -> datetime:
    try:
        dt = datetime.fromisoformat(raw)
    except ValueError:
        raise UserError(
            gettext("%(label)s: cần ngày giờ (dd/mm/yyyy hh:mm).") % {"label": label}, field=field
        ) from None
    return dt if dt.tzinfo else dt.replace(tzinfo=TZ)


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, contest_id: int) -> HttpResponse:
    """Organiser page: add a round, import questions from Excel, close a finished round."""
    c = access.admin_contest(request.user, contest_id)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "round":
                rnd = contests.add_round(
                    c,
                    _when(request.POST.get("start", ""), gettext("Bắt đầu"), "start"),
                    _when(request.POST.get("end", ""), gettext("Kết thúc"), "end"),
                    actor=request.user,
                )
                messages.success(request, gettext("Đã thêm lượt %(n)s.") % {"n": rnd.number})
            elif action == "import" and "file" in request.FILES:
                with tempfile.NamedTemporaryFile(suffix=".upload") as tmp:
                    for chunk in request.FILES["file"].chunks():
                        tmp.write(chunk)
                    tmp.flush()
                    n = bank.import_questions(c, tmp.name, actor=request.user)
                messages.success(request, gettext("Đã nhập %(n)s câu hỏi.") % {"n": n})
            elif action == "close":
                rnd = contests.close_round(
                    _round(c, int(request.POST.get("number", "0") or 0)), actor=request.user
                )
                messages.success(request, gettext("Đã chốt lượt %(n)s.") % {"n": rnd.number})
            elif action == "certify":
                rnd = _round(c, int(request.POST.get("number", "0") or 0))
                n = certificates.issue_for_winners(rnd, actor=request.user)
                messages.success(request, gettext("Đã cấp %(n)s giấy chứng nhận.") % {"n": n})
            return redirect("learning:manage", c.pk)
        except ImportFailed as exc:
            messages.error(request, str(exc))
        except UserError as exc:
            messages.error(request, exc.message)
    return render(
        request,
        "learning/manage.html",
        {
            "contest": c,
            "rounds": c.rounds.all(),
            "questions": c.questions.count(),
            "now": timezone.now(),
            "closed": [(r, contests.winners(r)) for r in c.rounds.all() if r.closed_at],
        },
    )


@login_required
def template(request: HttpRequest) -> HttpResponse:
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as tmp:
        bank.write_template(tmp.name)
        data = Path(tmp.name).read_bytes()
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-ngan-hang-cau-hoi.xlsx"'
    return response
