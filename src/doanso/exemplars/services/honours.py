"""Honours (tuyên dương, khen thưởng) with their deciding document, and the exemplars' stories.

An honour may end a nomination: only the level the nomination has reached can honour it. The
`honours:YYYY-MM` counter of the honoured person's unit moves in the same transaction. A story goes
to outreach's good-news calendar as "câu chuyện đẹp" through `_publish_story`.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from doanso.accounts.scoping import scope_for
from doanso.core import audit, vn
from doanso.core.errors import ConflictError, UserError
from doanso.exemplars import counters, docnumber, rules
from doanso.exemplars.models import (
    Honour,
    HonourKind,
    Nomination,
    NominationStatus,
    NominationStep,
    StepAction,
    Story,
)
from doanso.exemplars.services.nominations import _nominee
from doanso.org.models import Unit

TITLE_MAX = 200
STORY_TEXT_MAX = 10000


def _kind(kind: str) -> str:
    if kind not in HonourKind.values:
        raise UserError(gettext("Hình thức phải là tuyên dương hoặc khen thưởng."), field="kind")
    return kind


def _title(title: str, field: str = "title") -> str:
    title = (title or "").strip()
    if not title:
        raise UserError(gettext("Danh hiệu, nội dung tuyên dương: chưa nhập."), field=field)
    if len(title) > TITLE_MAX:
        raise UserError(gettext("Tiêu đề dài quá %(n)s ký tự.") % {"n": TITLE_MAX}, field=field)
    return title


@transaction.atomic
def register_honour(
    actor,
    issuer: Unit,
    *,
    kind: str,
    title: str,
    doc_number: str,
    doc_date: str | date,
    nomination: Nomination | None = None,
    member_id: int | None = None,
    group: str | None = None,
    team: str | None = None,
    public: bool = False,
    public_name: str = "",
    public_summary: str = "",
) -> Honour:
    """Register an honour decided by `issuer`; with a nomination, the nomination ends here."""
    rules.admin_unit(actor, issuer)
    kind, title = _kind(kind), _title(title)
    number = docnumber.normalise(doc_number)
    on = vn.date_for(doc_date, label=gettext("Ngày quyết định"), field="doc_date")
    if nomination is not None:
        n = (
            Nomination.objects.select_for_update(of=("self",))
            .select_related("current", "member", "group", "home")
            .get(pk=nomination.pk)
        )
        if n.status != NominationStatus.OPEN:
            raise ConflictError(gettext("Đề nghị này đã được xử lý xong."), field="nomination")
        if n.current_id != issuer.pk or not rules.acts_at(actor, issuer):
            raise rules.Forbidden(
                gettext("Đề nghị đang ở %(unit)s: chỉ cấp đó tuyên dương được.") % {"unit": n.current.name},
                field="nomination",
            )
        nominee = (n.kind, n.member, n.group, n.team_name, n.home)
    else:
        n = None
        nominee = _nominee(issuer, member_id, group, team)
    nominee_kind, member, grp, team_name, home = nominee
    if public and not (public_name or "").strip():
        raise UserError(
            gettext("Công khai: cần tên hiển thị mà người được tuyên dương đồng ý."), field="public_name"
        )
    try:
        with transaction.atomic():
            h = Honour.objects.create(
                kind=kind,
                title=title,
                nominee_kind=nominee_kind,
                member=member,
                group=grp,
                team_name=team_name,
                home=home,
                home_path=home.path,
                issuer=issuer,
                doc_number=number,
                doc_date=on,
                nomination=n,
                public=bool(public),
                public_name=(public_name or "").strip()[:120] if public else "",
                public_summary=(public_summary or "").strip()[:500] if public else "",
                created_by=actor,
            )
    except IntegrityError:
        raise ConflictError(
            gettext("Quyết định %(doc)s đã ghi nhận người này.") % {"doc": number}, field="doc_number"
        ) from None
    if n is not None:
        n.status = NominationStatus.HONOURED
        n.save(update_fields=["status"])
        NominationStep.objects.create(
            nomination=n, unit=issuer, action=StepAction.HONOURED, reason=number, by=actor
        )
    counters.add(home.path, counters.honours_key(on))
    audit.record(actor, "exemplars.honour.register", h, unit=issuer, doc=number)
    return h


def visible(user, honour_id: int) -> Honour:
    """An honour seen inside the issuing unit's or the honoured unit's subtree; 404 otherwise."""
    h = Honour.objects.select_related("issuer", "home", "member", "group").filter(pk=honour_id).first()
    if h is None:
        raise Http404
    scope = scope_for(user)
    if not (
        scope.covers(h.issuer.path)
        or scope.covers(h.home_path)
        or scope.member_id
        and scope.member_id == h.member_id
    ):
        raise Http404
    return h


@transaction.atomic
def tell_story(
    actor, h: Honour, *, title: str, text: str, url: str = "", published: str | date | None = None
) -> Story:
    """The exemplar's story, sent to the good-news calendar of the issuing unit (once per honour)."""
    rules.admin_unit(actor, h.issuer)
    title = _title(title)
    text = (text or "").strip()
    if not text:
        raise UserError(gettext("Nội dung câu chuyện: chưa nhập."), field="text")
    if len(text) > STORY_TEXT_MAX:
        raise UserError(
            gettext("Nội dung câu chuyện dài quá %(n)s ký tự.") % {"n": STORY_TEXT_MAX}, field="text"
        )
    url = (url or "").strip()
    if url and (not url.startswith(("https://", "http://")) or len(url) > 500):
        raise UserError(gettext("Liên kết phải bắt đầu bằng http:// hoặc https://."), field="url")
    on = (
        vn.date_for(published, label=gettext("Ngày đăng"), field="published")
        if published
        else timezone.localdate()
    )
    if Story.objects.filter(honour=h).exists():
        raise ConflictError(gettext("Câu chuyện của gương này đã được ghi nhận."), field="honour")
    s = Story.objects.create(honour=h, title=title, text=text, url=url, published=on, created_by=actor)
    post = _publish_story(s, actor)
    if post is not None:
        Story.objects.filter(pk=s.pk).update(post_id=post.pk)
        s.post_id = post.pk
    audit.record(actor, "exemplars.story.add", s, unit=h.issuer)
    return s


def _publish_story(story: Story, actor):
    """Log the story in outreach's good-news calendar (idempotent per story); None while the outreach
    app offers no `log_story` (the story stays here and is sent by `republish` once it does)."""
    try:
        from doanso.outreach import api as outreach
    except ImportError:
        return None
    log_story = getattr(outreach, "log_story", None)
    if log_story is None:
        return None
    return log_story(
        unit=story.honour.issuer,
        title=story.title,
        url=story.url or None,
        published=story.published,
        source="exemplars",
        source_id=story.pk,
        by_user=actor,
    )


def republish() -> int:
    """Send the stories not yet in the calendar (after outreach gained `log_story`); how many were sent."""
    sent = 0
    for s in Story.objects.filter(post_id__isnull=True).select_related("honour__issuer", "created_by"):
        post = _publish_story(s, s.created_by)
        if post is not None:
            Story.objects.filter(pk=s.pk).update(post_id=post.pk)
            sent += 1
    return sent
