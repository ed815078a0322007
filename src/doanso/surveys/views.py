"""Pages of the surveys app: the list of a unit's surveys, the create/edit form, the answer page
(members, and the public link without login), the results with charts per unit and the Excel export.

Thin: scoping by `accounts.scoping` (404 outside the user's scope), writes in `services`."""

import secrets
from datetime import date
from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from doanso.accounts.scoping import acting_units, get_unit, scope_for
from doanso.core import vn
from doanso.core.errors import UserError
from doanso.org.tree import ancestor_ids
from doanso.surveys import charts, forms, services
from doanso.surveys.models import Audience, Kind, Survey

DEVICE_COOKIE = "doanso_survey_device"
DEVICE_SALT = "surveys.device"
DEVICE_AGE = 400 * 24 * 3600


def _unit(request):
    code = request.GET.get("unit", "") or request.POST.get("unit", "")
    if code:
        return get_unit(request.user, code)
    return acting_units(request.user).first()


def _managed(user, survey_id: int) -> Survey:
    s = Survey.objects.filter(scope_for(user).q("unit__path"), pk=survey_id).select_related("unit").first()
    if s is None:
        raise Http404
    return s


def _answerable(user, survey_id: int) -> Survey:
    """A survey the logged-in user may answer here (public ones are answered through their link)."""
    s = Survey.objects.filter(pk=survey_id).select_related("unit").first()
    if s is None or s.audience == Audience.PUBLIC and not scope_for(user).covers(s.unit.path):
        raise Http404
    if not services.in_audience(user, s):
        raise Http404
    return s


def _for_member(user):
    """Open surveys the member may answer: those of their branch and of the units above it."""
    member = getattr(user, "member", None) if scope_for(user).member_id else None
    if member is None:
        return []
    qs = Survey.objects.filter(unit_id__in=ancestor_ids(member.branch.path)).exclude(audience=Audience.PUBLIC)
    return [
        s for s in qs.select_related("unit")[:50] if services.is_open(s) and services.in_audience(user, s)
    ]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Staff: the surveys of the unit's subtree. Members: the surveys open to them."""
    unit = _unit(request)
    page = None
    if unit is not None:
        lo, hi = unit.subtree_range
        qs = Survey.objects.filter(unit__path__gte=lo, unit__path__lt=hi).select_related("unit")
        page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request, "surveys/index.html", {"unit": unit, "page": page, "open_to_me": _for_member(request.user)}
    )


def _form(request, survey: Survey | None):
    units = list(acting_units(request.user))
    error = None
    if request.method == "POST":
        unit = survey.unit if survey else get_unit(request.user, request.POST.get("unit", ""))
        try:
            fields = forms.survey_fields(request.POST)
            if survey is None:
                survey = services.create(request.user, unit, **fields)
                messages.success(request, _("Đã tạo khảo sát “%(t)s”.") % {"t": survey.title})
            else:
                services.update(request.user, survey, **fields)
                messages.success(request, _("Đã lưu khảo sát “%(t)s”.") % {"t": survey.title})
        except UserError as exc:
            error = exc
        else:
            return redirect("surveys:results", survey.pk)
        values = request.POST
        questions = [
            {
                "n": i,
                "kind": values.get(f"q{i}_kind", "one"),
                "text": values.get(f"q{i}_text", ""),
                "required": bool(values.get(f"q{i}_required")),
                "choices_text": values.get(f"q{i}_choices", ""),
            }
            for i in range(1, forms.SLOTS + 1)
        ]
    elif survey is not None:
        values = {
            "unit": survey.unit.code,
            "title": survey.title,
            "description": survey.description,
            "audience": survey.audience,
            "anonymous": survey.anonymous,
            "occupations": ", ".join(survey.occupations),
            "opens_on": survey.opens_on,
            "closes_on": survey.closes_on,
        }
        questions = forms.slots(services.questions_of(survey))
    else:
        values = {"unit": request.GET.get("unit", "")}
        questions = forms.slots([])
    return render(
        request,
        "surveys/form.html",
        {
            "survey": survey,
            "units": units,
            "values": values,
            "questions": questions,
            "kinds": Kind.choices,
            "audiences": Audience.choices,
            "answered": survey is not None and survey.responses.exists(),
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
def new(request: HttpRequest) -> HttpResponse:
    if not scope_for(request.user).paths:
        raise Http404
    return _form(request, None)


@login_required
def edit(request: HttpRequest, survey_id: int) -> HttpResponse:
    return _form(request, _managed(request.user, survey_id))


def _answer_page(request, survey: Survey, *, action: str, user=None, device: str = ""):
    questions = list(survey.questions.all())
    error, done = None, False
    raw = {}
    if request.method == "POST":
        raw = forms.answers_of(request.POST, questions)
        try:
            services.answer(survey, raw, user=user, device=device)
        except UserError as exc:
            error = exc
        else:
            done = True
    return render(
        request,
        "surveys/answer.html",
        {
            "survey": survey,
            "questions": questions,
            "raw": raw,
            "error": error,
            "done": done,
            "open": services.is_open(survey),
            "action": action,
            "scale": range(1, 6),
        },
        status=(409 if error.status == 409 else 400) if error else 200,
    )


@login_required
def answer(request: HttpRequest, survey_id: int) -> HttpResponse:
    """A member (or staff) answers a survey of their units, once."""
    survey = _answerable(request.user, survey_id)
    return _answer_page(
        request, survey, action=reverse("surveys:answer", args=[survey.pk]), user=request.user
    )


def public(request: HttpRequest, slug: str) -> HttpResponse:
    """The public link: anyone answers, without login; one answer per browser (a signed cookie)."""
    survey = Survey.objects.filter(slug=slug, audience=Audience.PUBLIC).select_related("unit").first()
    if survey is None:
        raise Http404
    device = request.get_signed_cookie(DEVICE_COOKIE, default="", salt=DEVICE_SALT)
    fresh = not device
    device = device or secrets.token_urlsafe(24)
    user = request.user if request.user.is_authenticated else None
    response = _answer_page(
        request, survey, action=reverse("surveys:public", args=[slug]), user=user, device=device
    )
    if fresh:
        response.set_signed_cookie(
            DEVICE_COOKIE,
            device,
            salt=DEVICE_SALT,
            max_age=DEVICE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _results_unit(request, survey: Survey):
    code = request.GET.get("unit", "")
    if not code:
        return survey.unit
    unit = get_unit(request.user, code)
    lo, hi = survey.unit.subtree_range
    return unit if lo <= unit.path < hi else survey.unit


def _vn_date(stored: str) -> str:
    """A date answer is stored as ISO (2015-03-26, what the export writes); people read 26/03/2015."""
    try:
        return vn.format_date(date.fromisoformat(stored))
    except ValueError:
        return stored


@login_required
def results(request: HttpRequest, survey_id: int) -> HttpResponse:
    """Counts per question as charts, for the survey's unit or one unit of its subtree."""
    survey = _managed(request.user, survey_id)
    unit = _results_unit(request, survey)
    data = services.results(survey, None if unit == survey.unit else unit)
    for q in data["questions"]:
        if "counts" in q:
            q["chart"] = charts.bars(q["counts"])
        if q["kind"] == Kind.DATE and "texts" in q:
            q["texts"] = [_vn_date(t) for t in q["texts"]]
    per_unit = services.by_child_unit(survey, unit)
    public_url = (
        request.build_absolute_uri(reverse("surveys:public", args=[survey.slug]))
        if survey.audience == Audience.PUBLIC
        else ""
    )
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "unit": unit,
            "data": data,
            "per_unit": per_unit,
            "unit_chart": charts.bars(per_unit) if per_unit else None,
            "open": services.is_open(survey),
            "public_url": public_url,
        },
    )


@login_required
def export(request: HttpRequest, survey_id: int) -> HttpResponse:
    """The results and every answer as an Excel workbook."""
    from doanso.surveys import workbook

    survey = _managed(request.user, survey_id)
    unit = _results_unit(request, survey)
    out = BytesIO()
    workbook.build(survey, services.results(survey, None if unit == survey.unit else unit)).save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="khao-sat-{survey.pk}.xlsx"'
    return response
