"""Pages of the exemplars app: the units' own criteria under the 12 values, the member's yearly
self-assessment, the branch's confirmation, nominations up the tree with evidence, each level's
decision, honours with their deciding document and the story sent to outreach's good-news calendar.

Thin: scoping by `accounts.scoping.get_unit` and the services' `visible` (404 outside the user's
scope), every write in `services` (403 inside the scope for what the user's level may not do)."""

from collections.abc import Callable
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doanso.accounts.scoping import can_administer, get_unit
from doanso.core.errors import UserError
from doanso.exemplars import selectors
from doanso.exemplars.models import HonourKind, Nomination, StepAction, Value
from doanso.exemplars.rules import acts_at
from doanso.exemplars.services import assessments, criteria, honours, nominations


def _year(request) -> int:
    raw = request.POST.get("year", "") or request.GET.get("year", "")
    try:
        year = int(raw)
    except ValueError:
        year = timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _act(request, back: str, do) -> HttpResponse:
    """Run a write; its Vietnamese message (or error) is shown on the page we go back to."""
    try:
        message = do()
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message)
    return redirect(back)


# ------------------------------------------------------------------------------- self-assessment


@login_required
def me(request: HttpRequest) -> HttpResponse:
    """The member's own self-assessment of the year against the criteria of their branch."""
    year = _year(request)
    if request.method == "POST":
        a = assessments.mine(request.user, year)
        rows = [
            assessments.AnswerIn(
                c.pk,
                request.POST.get(f"met_{c.pk}") == "1",
                request.POST.get(f"note_{c.pk}", ""),
                request.POST.get(f"link_{c.pk}", ""),
            )
            for c in criteria.applying(a.branch, year)
            if request.POST.get(f"met_{c.pk}") in ("0", "1")
        ]

        def do():
            assessments.save_answers(request.user, year, rows)
            if request.POST.get("action") == "submit":
                assessments.submit(request.user, year)
                return _("Đã gửi bản tự đánh giá cho chi đoàn xác nhận.")
            return _("Đã lưu bản tự đánh giá.")

        return _act(request, f"{reverse('exemplars:me')}?year={year}", do)
    a = assessments.mine(request.user, year)
    data = selectors.my_assessment_dict(a)
    given = {x["criterion"]: x for x in data["answers"]}
    rows = [{**c, "answer": given.get(c["id"])} for c in data["criteria"]]
    return render(
        request,
        "exemplars/me.html",
        {
            "year": year,
            "a": data,
            "status": a.get_status_display(),
            "rows": rows,
            "editable": a.status in assessments.EDITABLE,
        },
    )


@login_required
def confirmations(request: HttpRequest, code: str) -> HttpResponse:
    """Self-assessments of the unit's subtree waiting for the branch's confirmation."""
    unit, year = get_unit(request.user, code), _year(request)
    rows = []
    for a in selectors.assessments_in(unit, year, "submitted")[:200]:
        d = selectors.assessment_dict(a)
        d["branch_name"] = a.branch.name
        d["met"] = sum(1 for x in d["answers"] if x["met"])
        rows.append(d)
    return render(request, "exemplars/confirmations.html", {"unit": unit, "year": year, "rows": rows})


def _back_to_confirmations(request, a) -> str:
    code = request.POST.get("back", "") or a.branch.code
    return f"{reverse('exemplars:confirmations', args=[code])}?year={a.year}"


@login_required
@require_POST
def confirm(request: HttpRequest, assessment_id: int) -> HttpResponse:
    a = assessments.visible(request.user, assessment_id)
    return _act(
        request,
        _back_to_confirmations(request, a),
        lambda: assessments.confirm(request.user, a) and _("Đã xác nhận bản tự đánh giá."),
    )


@login_required
@require_POST
def send_back(request: HttpRequest, assessment_id: int) -> HttpResponse:
    a = assessments.visible(request.user, assessment_id)
    return _act(
        request,
        _back_to_confirmations(request, a),
        lambda: (
            assessments.send_back(request.user, a, request.POST.get("reason", ""))
            and _("Đã trả lại bản tự đánh giá.")
        ),
    )


# ------------------------------------------------------------------------------------- criteria


@login_required
def unit_criteria(request: HttpRequest, code: str) -> HttpResponse:
    """The criteria that apply in the unit (its own and those of the levels above), and its own form."""
    unit, year = get_unit(request.user, code), _year(request)
    back = f"{reverse('exemplars:criteria', args=[unit.code])}?year={year}"
    if request.method == "POST":
        return _act(
            request,
            back,
            lambda: (
                criteria.add_criterion(
                    request.user, unit, request.POST.get("value", ""), year, request.POST.get("text", "")
                )
                and _("Đã thêm tiêu chí.")
            ),
        )
    rows = list(criteria.applying(unit, year))
    return render(
        request,
        "exemplars/criteria.html",
        {
            "unit": unit,
            "year": year,
            "rows": rows,
            "values": Value.objects.all(),
            "admin": can_administer(request.user, unit),
        },
    )


def _criterion_back(c) -> str:
    return f"{reverse('exemplars:criteria', args=[c.unit.code])}?year={c.year}"


@login_required
@require_POST
def change_criterion(request: HttpRequest, criterion_id: int) -> HttpResponse:
    c = criteria.visible(request.user, criterion_id)
    return _act(
        request,
        _criterion_back(c),
        lambda: (
            criteria.change_criterion(request.user, c, request.POST.get("text", "")) and _("Đã sửa tiêu chí.")
        ),
    )


@login_required
@require_POST
def delete_criterion(request: HttpRequest, criterion_id: int) -> HttpResponse:
    c = criteria.visible(request.user, criterion_id)
    back = _criterion_back(c)

    def do():
        criteria.delete_criterion(request.user, c)
        return _("Đã xóa tiêu chí.")

    return _act(request, back, do)


# ---------------------------------------------------------------------------------- nominations


@login_required
def board(request: HttpRequest, code: str) -> HttpResponse:
    """The nominations of one level: propose one of the subtree, and decide what reached this level."""
    unit, year = get_unit(request.user, code), _year(request)
    back = f"{reverse('exemplars:board', args=[unit.code])}?year={year}"
    if request.method == "POST":
        member = request.POST.get("member_id", "")

        def do():
            nominations.propose(
                request.user,
                unit,
                year=year,
                achievements=request.POST.get("achievements", ""),
                member_id=int(member) if member.isdigit() else None,
                team=request.POST.get("team", "").strip() or None,
                links=[x.strip() for x in request.POST.get("links", "").splitlines() if x.strip()],
            )
            return _("Đã gửi đề nghị lên cấp trên.")

        return _act(request, back, do)
    rows = []
    for n in nominations.board(unit, year)[:200]:
        d = selectors.nomination_dict(n)
        d["status_label"] = n.get_status_display()
        d["current_name"] = n.current.name
        for step in d["steps"]:
            # who decided and when: "Đề nghị · Đoàn xã … · 20/11/2026", never a unit code or ISO time
            step["label"] = StepAction(step["action"]).label
            step["on"] = timezone.localtime(datetime.fromisoformat(step["at"])).date()
        d["here"] = n.status == "open" and n.current_id == unit.pk and acts_at(request.user, unit)
        rows.append(d)
    confirmed = [a for a in selectors.assessments_in(unit, year, "confirmed")[:200]]
    return render(
        request,
        "exemplars/board.html",
        {
            "unit": unit,
            "year": year,
            "rows": rows,
            "confirmed": confirmed,
            "kinds": HonourKind.choices,
            "can_propose": can_administer(request.user, unit) and unit.parent_id is not None,
            "today": timezone.localdate(),
        },
    )


def _on_nomination(request, exemplar_nomination_id: int, do: Callable[[Nomination], str]) -> HttpResponse:
    """Every decision on a nomination has one shape: the nomination the user can see (404 outside
    the scope), the write, its message on the board of the level it was at (or the page it came from)."""
    n = nominations.visible(request.user, exemplar_nomination_id)
    code = request.POST.get("back", "") or n.current.code
    back = f"{reverse('exemplars:board', args=[code])}?year={n.year}"
    return _act(request, back, lambda: do(n))


@login_required
@require_POST
def forward(request: HttpRequest, exemplar_nomination_id: int) -> HttpResponse:
    """The level the nomination reached sends it up to its parent."""

    def do(n: Nomination) -> str:
        nominations.forward(request.user, n, request.POST.get("reason", ""))
        return _("Đã đề nghị lên cấp trên.")

    return _on_nomination(request, exemplar_nomination_id, do)


@login_required
@require_POST
def decline(request: HttpRequest, exemplar_nomination_id: int) -> HttpResponse:
    """The level the nomination reached stops it here, with a reason."""

    def do(n: Nomination) -> str:
        nominations.decline(request.user, n, request.POST.get("reason", ""))
        return _("Đã ghi quyết định không đề nghị tiếp.")

    return _on_nomination(request, exemplar_nomination_id, do)


@login_required
@require_POST
def honour(request: HttpRequest, exemplar_nomination_id: int) -> HttpResponse:
    """The level the nomination reached honours it, with the deciding document's number and date."""

    def do(n: Nomination) -> str:
        honours.register_honour(
            request.user,
            n.current,
            kind=request.POST.get("kind", ""),
            title=request.POST.get("title", ""),
            doc_number=request.POST.get("doc_number", ""),
            doc_date=request.POST.get("doc_date", ""),
            nomination=n,
            public=bool(request.POST.get("public")),
            public_name=request.POST.get("public_name", ""),
            public_summary=request.POST.get("public_summary", ""),
        )
        return _("Đã ghi nhận quyết định tuyên dương.")

    return _on_nomination(request, exemplar_nomination_id, do)


@login_required
@require_POST
def evidence(request: HttpRequest, exemplar_nomination_id: int) -> HttpResponse:
    """A file of evidence attached to the nomination at the level it reached."""
    upload = request.FILES.get("file")

    def do(n: Nomination) -> str:
        if upload is None:
            raise UserError(_("Tệp minh chứng: chưa chọn tệp."), field="file")
        nominations.attach(request.user, n, upload.name, upload)
        return _("Đã đính kèm minh chứng.")

    return _on_nomination(request, exemplar_nomination_id, do)


# ------------------------------------------------------------------------------ honours, stories


@login_required
def unit_honours(request: HttpRequest, code: str) -> HttpResponse:
    """Honours of the unit's subtree in the year, each with its story form."""
    unit, year = get_unit(request.user, code), _year(request)
    rows = []
    for h in selectors.honours_in(unit, year)[:200]:
        d = selectors.honour_dict(h)
        d["kind_label"] = h.get_kind_display()
        d["issuer_name"] = h.issuer.name
        d["can_tell"] = d["story"] is None and can_administer(request.user, h.issuer)
        rows.append(d)
    return render(request, "exemplars/honours.html", {"unit": unit, "year": year, "rows": rows})


@login_required
@require_POST
def story(request: HttpRequest, honour_id: int) -> HttpResponse:
    h = honours.visible(request.user, honour_id)
    code = request.POST.get("back", "") or h.issuer.code
    back = f"{reverse('exemplars:honours', args=[code])}?year={h.doc_date.year}"
    return _act(
        request,
        back,
        lambda: (
            honours.tell_story(
                request.user,
                h,
                title=request.POST.get("title", ""),
                text=request.POST.get("text", ""),
                url=request.POST.get("url", ""),
                published=request.POST.get("published", "") or None,
            )
            and _("Đã gửi câu chuyện vào lịch tin tốt.")
        ),
    )


def public(request: HttpRequest) -> HttpResponse:
    """Honoured exemplars who agreed to be shown (no login)."""
    rows = [selectors.public_dict(h) for h in selectors.public_honours()[:100]]
    return render(request, "exemplars/public.html", {"rows": rows})
