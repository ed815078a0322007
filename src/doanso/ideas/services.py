"""Writes of the ideas bank: submit, move through the review, record support, moderate.

Each runs in one transaction, writes the audit log and, for transitions, the subtree counters.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from doanso.core import audit
from doanso.core.errors import ConflictError, UserError
from doanso.ideas import counters, workflow
from doanso.ideas.models import (
    Endorsement,
    Field,
    Idea,
    Moderation,
    ModerationDecision,
    Report,
    ReportReason,
    Status,
    Support,
    SupportKind,
    Transition,
)

MAX_AMOUNT = 10**15  # VND; far above any support a unit gives, far below the column's limit


def _display_name(user) -> str:
    member = getattr(user, "member", None) if getattr(user, "member_id", None) else None
    if member is not None:
        return member.full_name
    return (user.get_full_name() or user.username)[:200]


def _text(value: str, field: str, label: str, max_length: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise UserError(_("“%(label)s”: chưa nhập.") % {"label": label}, field=field)
    if len(value) > max_length:
        raise UserError(
            _("“%(label)s”: dài quá %(n)s ký tự.") % {"label": label, "n": max_length}, field=field
        )
    return value


def submit(user, unit, *, title: str, description: str, field: str, team: str = "") -> Idea:
    """A new idea, received (tiếp nhận) by `unit`."""
    if field not in Field.values:
        raise UserError(
            _("“Lĩnh vực”: “%(value)s” không có trong danh mục (%(choices)s).")
            % {"value": field, "choices": ", ".join(Field.values)},
            field="field",
        )
    with transaction.atomic():
        idea = Idea.objects.create(
            unit=unit,
            author=user,
            author_name=_display_name(user),
            title=_text(title, "title", _("Tên ý tưởng"), 200),
            description=_text(description, "description", _("Mô tả"), 10000),
            field=field,
            team=_text(team, "team", _("Nhóm tác giả"), 500, required=False),
        )
        audit.record(user, "idea.submit", idea, unit=unit, title=idea.title)
    return idea


def transition(user, idea_id: int, to: str, note: str = "", version: int | None = None) -> Idea:
    """Move an idea one step of the workflow. The row is locked (select_for_update), so of two
    reviewers moving it at once the second sees the first's status and gets a 409; a client that
    sends the `version` it loaded gets a 409 too when someone moved it since."""
    note = _text(note, "note", _("Ghi chú"), 1000, required=False)
    with transaction.atomic():
        idea = Idea.objects.select_for_update().select_related("unit").get(pk=idea_id)
        if version is not None and version != idea.version:
            raise ConflictError(
                _("Ý tưởng vừa được người khác chuyển sang “%(cur)s”; tải lại trang để xem.")
                % {"cur": workflow.label(idea.status)},
                field="version",
            )
        workflow.check(idea.status, to, note)
        month = timezone.localdate().strftime("%Y-%m")
        if to in workflow.SUPPORTED_OR_LATER and not idea.supported_month:
            idea.supported_month = month
            counters.bump(idea.unit.path, counters.SUPPORTED, month)
        if to in ("trien_khai", "hoan_thanh") and not idea.implemented_month:
            idea.implemented_month = month
            counters.bump(idea.unit.path, counters.IMPLEMENTED, month)
        Transition.objects.create(idea=idea, from_status=idea.status, to_status=to, note=note, by=user)
        previous, idea.status, idea.version = idea.status, to, idea.version + 1
        idea.save(update_fields=["status", "version", "supported_month", "implemented_month"])
        audit.record(user, "idea.transition", idea, unit=idea.unit, frm=previous, to=to, note=note)
    return idea


def add_support(user, idea: Idea, *, kind: str, provider: str, amount=0, note: str = "") -> Support:
    """Record support given to an idea; money is an amount in VND (core.vn reads "15.000.000")."""
    from doanso.core import vn

    if kind not in SupportKind.values:
        raise UserError(
            _("“Hình thức hỗ trợ”: “%(value)s” không có trong danh mục (%(choices)s).")
            % {"value": kind, "choices": ", ".join(SupportKind.values)},
            field="kind",
        )
    value = vn.number_for(amount if amount not in (None, "") else 0, label=_("Số tiền"), field="amount")
    if value != value.to_integral_value() or value < 0 or value > MAX_AMOUNT:
        raise UserError(_("“Số tiền”: cần một số đồng nguyên, không âm, không quá 10^15."), field="amount")
    if kind == SupportKind.MONEY and value == 0:
        raise UserError(_("“Số tiền”: hỗ trợ kinh phí cần ghi số tiền (đồng)."), field="amount")
    if idea.status in ("tiep_nhan", "danh_gia", "tu_choi"):
        raise ConflictError(
            _("Chỉ ghi nhận hỗ trợ cho ý tưởng đã được duyệt hỗ trợ (đang ở “%(cur)s”).")
            % {"cur": workflow.label(idea.status)},
            field="idea",
        )
    with transaction.atomic():
        support = Support.objects.create(
            idea=idea,
            kind=kind,
            amount=int(value),
            provider=_text(provider, "provider", _("Đơn vị, đối tác hỗ trợ"), 200),
            note=_text(note, "note", _("Ghi chú"), 1000, required=False),
            by=user,
        )
        audit.record(
            user, "idea.support", support, unit=idea.unit, idea=idea.pk, kind=kind, amount=int(value)
        )
    return support


def endorse(user, idea: Idea) -> Endorsement:
    """A person supports an idea (once: a second time is a 409)."""
    try:
        with transaction.atomic():
            return Endorsement.objects.create(idea=idea, user=user)
    except IntegrityError:
        raise ConflictError(_("Bạn đã ủng hộ ý tưởng này rồi."), field="idea") from None


def report(user, idea: Idea, *, reason: str, details: str = "") -> Idea:
    """A user reports an idea; at DOANSO_MODERATION_HIDE_AFTER reports it is hidden until a
    moderator decides. One report per person (a second is a 409)."""
    if reason not in ReportReason.values:
        raise UserError(
            _("“Lý do”: “%(value)s” không có trong danh mục (%(choices)s).")
            % {"value": reason, "choices": ", ".join(ReportReason.values)},
            field="reason",
        )
    details = _text(details, "details", _("Chi tiết"), 1000, required=False)
    try:
        with transaction.atomic():
            Report.objects.create(idea=idea, user=user, reason=reason, details=details)
            Idea.objects.filter(pk=idea.pk).update(report_count=F("report_count") + 1)
            idea.refresh_from_db(fields=["report_count", "moderation"])
            if idea.report_count >= settings.DOANSO_MODERATION_HIDE_AFTER and idea.moderation in (
                Moderation.NONE,
                Moderation.RESTORED,
            ):
                Idea.objects.filter(pk=idea.pk).update(moderation=Moderation.HIDDEN)
                idea.moderation = Moderation.HIDDEN
    except IntegrityError:
        raise ConflictError(_("Bạn đã báo cáo ý tưởng này rồi."), field="idea") from None
    return idea


def moderate(user, idea: Idea, decision: str, note: str = "") -> Idea:
    """A moderator restores a reported idea (its reports are cleared) or keeps it hidden."""
    if decision not in (Moderation.RESTORED, Moderation.KEPT_HIDDEN):
        raise UserError(
            _("“Quyết định”: chọn “restored” (khôi phục) hoặc “kept_hidden” (giữ ẩn)."), field="decision"
        )
    with transaction.atomic():
        idea = Idea.objects.select_for_update().get(pk=idea.pk)
        if decision == Moderation.RESTORED:
            idea.reports.all().delete()
            idea.report_count = 0
        idea.moderation = decision
        idea.save(update_fields=["moderation", "report_count"])
        ModerationDecision.objects.create(
            idea=idea,
            decision=decision,
            note=_text(note, "note", _("Ghi chú"), 1000, required=False),
            by=user,
        )
        audit.record(user, "idea.moderate", idea, unit=idea.unit, decision=decision)
    return idea


__all__ = ["Status", "submit", "transition", "add_support", "endorse", "report", "moderate"]
