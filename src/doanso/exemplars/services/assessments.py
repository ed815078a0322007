"""Members' yearly self-assessment against the criteria of their branch, and the branch's decision.

draft → submitted → confirmed, or → returned (with a reason) → submitted again. One per member and
year (a database constraint). The subtree counters `assessed:YYYY` and `confirmed:YYYY` move in the
same transaction, once per assessment.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from doanso.accounts.scoping import scope_for
from doanso.core import audit
from doanso.core.errors import ConflictError, UserError
from doanso.exemplars import counters, rules
from doanso.exemplars.models import Answer, AssessmentStatus, SelfAssessment
from doanso.exemplars.services.criteria import _year, applying
from doanso.members import api as members

NOTE_MAX = 300
LINK_MAX = 500
EDITABLE = (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)


@dataclass(frozen=True)
class AnswerIn:
    criterion: int
    met: bool
    note: str = ""
    link: str = ""


def _member(user):
    mid = getattr(user, "member_id", None)
    if not mid:
        raise Http404
    m = members.Member.objects.select_related("branch").get(pk=mid)
    if m.status != members.MemberStatus.ACTIVE:
        raise UserError(gettext("Chỉ đoàn viên đang sinh hoạt mới tự đánh giá."), field="member")
    return m


def mine(user, year: int) -> SelfAssessment:
    """The member's assessment of the year, created (as a draft) on first look."""
    m = _member(user)
    _year(year)
    try:
        with transaction.atomic():
            a, _ = SelfAssessment.objects.get_or_create(member=m, year=year, defaults={"branch": m.branch})
    except IntegrityError:  # two first looks at once: the other one created it
        a = SelfAssessment.objects.get(member=m, year=year)
    return a


def _check_link(link: str, row: int) -> str:
    link = (link or "").strip()
    if link and (not link.startswith(("https://", "http://")) or len(link) > LINK_MAX):
        raise UserError(
            gettext(
                "Tiêu chí %(row)s: liên kết minh chứng phải bắt đầu bằng http:// hoặc https:// "
                "(tối đa %(n)s ký tự)."
            )
            % {"row": row, "n": LINK_MAX},
            field=f"answers[{row}].link",
        )
    return link


@transaction.atomic
def save_answers(user, year: int, answers: list[AnswerIn]) -> SelfAssessment:
    """Replace the answers given (others stay); only criteria that apply to the member's branch."""
    a = mine(user, year)
    a = SelfAssessment.objects.select_for_update().get(pk=a.pk)
    if a.status not in EDITABLE:
        raise ConflictError(
            gettext("Bản tự đánh giá đã gửi: chờ chi đoàn xác nhận hoặc trả lại."), field="status"
        )
    allowed = set(applying(a.branch, year).values_list("pk", flat=True))
    for i, ans in enumerate(answers, start=1):
        if ans.criterion not in allowed:
            raise UserError(
                gettext("Tiêu chí %(row)s không áp dụng cho chi đoàn của bạn năm %(year)s.")
                % {"row": i, "year": year},
                field=f"answers[{i}].criterion",
            )
        if len(ans.note or "") > NOTE_MAX:
            raise UserError(
                gettext("Tiêu chí %(row)s: ghi chú dài quá %(n)s ký tự.") % {"row": i, "n": NOTE_MAX},
                field=f"answers[{i}].note",
            )
        Answer.objects.update_or_create(
            assessment=a,
            criterion_id=ans.criterion,
            defaults={
                "met": bool(ans.met),
                "note": (ans.note or "").strip(),
                "link": _check_link(ans.link, i),
            },
        )
    return a


@transaction.atomic
def submit(user, year: int) -> SelfAssessment:
    a = mine(user, year)
    a = SelfAssessment.objects.select_for_update().get(pk=a.pk)
    if a.status not in EDITABLE:
        raise ConflictError(gettext("Bản tự đánh giá đã gửi rồi."), field="status")
    needed = set(applying(a.branch, year).values_list("pk", flat=True))
    if not needed:
        raise UserError(
            gettext("Chưa có tiêu chí nào áp dụng cho chi đoàn của bạn năm %(y)s.") % {"y": year},
            field="year",
        )
    missing = needed - set(a.answers.values_list("criterion_id", flat=True))
    if missing:
        raise UserError(
            gettext("Còn %(n)s tiêu chí chưa đánh giá (đạt / chưa đạt).") % {"n": len(missing)},
            field="answers",
        )
    a.status, a.submitted_at, a.decision_note = AssessmentStatus.SUBMITTED, timezone.now(), ""
    a.save(update_fields=["status", "submitted_at", "decision_note"])
    if not a.counted:
        counters.add(a.branch.path, counters.assessed_key(year))
        SelfAssessment.objects.filter(pk=a.pk).update(counted=True)
    audit.record(user, "exemplars.assessment.submit", a, unit=a.branch, year=year)
    return a


def visible(user, assessment_id: int) -> SelfAssessment:
    """An assessment seen by the branch's managers (or above), or by the member; 404 otherwise."""
    a = SelfAssessment.objects.select_related("branch", "member").filter(pk=assessment_id).first()
    if a is None:
        raise Http404
    scope = scope_for(user)
    if not (scope.covers(a.branch.path) or scope.member_id == a.member_id):
        raise Http404
    return a


def _decide(actor, a: SelfAssessment) -> SelfAssessment:
    rules.admin_unit(actor, a.branch)
    if getattr(actor, "member_id", None) == a.member_id:
        raise rules.Forbidden(
            gettext("Không tự xác nhận bản tự đánh giá của chính mình."), field="assessment"
        )
    a = SelfAssessment.objects.select_for_update().select_related("branch").get(pk=a.pk)
    if a.status != AssessmentStatus.SUBMITTED:
        raise ConflictError(gettext("Bản tự đánh giá không ở trạng thái chờ xác nhận."), field="status")
    return a


@transaction.atomic
def confirm(actor, a: SelfAssessment) -> SelfAssessment:
    a = _decide(actor, a)
    a.status, a.decided_at, a.decided_by = AssessmentStatus.CONFIRMED, timezone.now(), actor
    a.save(update_fields=["status", "decided_at", "decided_by"])
    counters.add(a.branch.path, counters.confirmed_key(a.year))
    audit.record(actor, "exemplars.assessment.confirm", a, unit=a.branch)
    return a


@transaction.atomic
def send_back(actor, a: SelfAssessment, reason: str) -> SelfAssessment:
    reason = (reason or "").strip()
    if not reason:
        raise UserError(gettext("Lý do trả lại: chưa nhập."), field="reason")
    a = _decide(actor, a)
    a.status, a.decided_at, a.decided_by, a.decision_note = (
        AssessmentStatus.RETURNED,
        timezone.now(),
        actor,
        reason[:500],
    )
    a.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    audit.record(actor, "exemplars.assessment.return", a, unit=a.branch)
    return a
