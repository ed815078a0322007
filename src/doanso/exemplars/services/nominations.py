"""Nominations of exemplary members and groups up the tree (branch → grassroots → district → province
→ centre). A nomination proposed by a unit reaches its parent; the level it has reached — and only
that level, by an admin of exactly that unit — forwards it one level up, declines it with a reason, or
honours it (`services.honours`). Every step is kept."""

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext

from doanso.accounts.scoping import scope_for
from doanso.core import audit
from doanso.core.errors import ConflictError, UserError
from doanso.exemplars import evidence, rules
from doanso.exemplars.models import (
    Evidence,
    Nomination,
    NominationStatus,
    NominationStep,
    NomineeKind,
    StepAction,
)
from doanso.exemplars.services.criteria import _year
from doanso.members import api as members
from doanso.org.models import Unit
from doanso.org.tree import is_within

ACHIEVEMENTS_MAX = 5000
LINKS_MAX = 10
TEAM_MAX = 200


def _links(links: list[str]) -> list[str]:
    if len(links) > LINKS_MAX:
        raise UserError(gettext("Tối đa %(n)s liên kết minh chứng.") % {"n": LINKS_MAX}, field="links")
    out = []
    for i, link in enumerate(links, start=1):
        link = (link or "").strip()
        if not (link.startswith("https://") or link.startswith("http://")) or len(link) > 500:
            raise UserError(
                gettext("Liên kết %(i)s phải bắt đầu bằng http:// hoặc https:// (tối đa 500 ký tự).")
                % {"i": i},
                field=f"links[{i}]",
            )
        out.append(link)
    return out


def _nominee(origin: Unit, member_id: int | None, group: str | None, team: str | None):
    """(kind, member, group unit, team name, home unit), each inside the proposing unit's subtree."""
    given = [x for x in (member_id, group, team) if x]
    if len(given) != 1:
        raise UserError(
            gettext("Chọn đúng một người hoặc tập thể được đề nghị: đoàn viên, đơn vị hoặc tên đội, nhóm."),
            field="member_id",
        )
    if member_id:
        m = members.Member.objects.select_related("branch").filter(pk=member_id).first()
        if m is None or not is_within(m.branch.path, origin.path):
            raise UserError(
                gettext("Đoàn viên không thuộc %(unit)s.") % {"unit": origin.name}, field="member_id"
            )
        if m.status != members.MemberStatus.ACTIVE:
            raise UserError(gettext("Chỉ đề nghị đoàn viên đang sinh hoạt."), field="member_id")
        return NomineeKind.MEMBER, m, None, "", m.branch
    if group:
        g = Unit.objects.filter(code=group).first()
        if g is None or not is_within(g.path, origin.path) or not g.active:
            raise UserError(
                gettext("Đơn vị “%(code)s” không thuộc %(unit)s.") % {"code": group, "unit": origin.name},
                field="group",
            )
        return NomineeKind.UNIT, None, g, "", g
    team = team.strip()
    if len(team) > TEAM_MAX:
        raise UserError(gettext("Tên đội, nhóm dài quá %(n)s ký tự.") % {"n": TEAM_MAX}, field="team")
    return NomineeKind.TEAM, None, None, team, origin


@transaction.atomic
def propose(
    actor,
    origin: Unit,
    *,
    year: int,
    achievements: str,
    member_id: int | None = None,
    group: str | None = None,
    team: str | None = None,
    links: list[str] | None = None,
) -> Nomination:
    """The unit `origin` proposes an exemplar of its subtree; the nomination reaches its parent."""
    rules.admin_unit(actor, origin)
    _year(year)
    if origin.parent_id is None:
        raise UserError(
            gettext("Trung ương Đoàn là cấp cao nhất: không có cấp trên để đề nghị."), field="unit"
        )
    achievements = (achievements or "").strip()
    if not achievements:
        raise UserError(gettext("Thành tích, việc làm tiêu biểu: chưa nhập."), field="achievements")
    if len(achievements) > ACHIEVEMENTS_MAX:
        raise UserError(
            gettext("Thành tích dài quá %(n)s ký tự.") % {"n": ACHIEVEMENTS_MAX}, field="achievements"
        )
    kind, member, grp, team_name, home = _nominee(origin, member_id, group, team)
    dup = Nomination.objects.filter(year=year, kind=kind).exclude(status=NominationStatus.DECLINED)
    dup = (
        dup.filter(member=member)
        if member
        else dup.filter(group=grp)
        if grp
        else dup.filter(team_name=team_name, home=home)
    )
    if dup.exists():
        raise ConflictError(
            gettext("Đã có đề nghị cho người hoặc tập thể này trong năm %(y)s.") % {"y": year},
            field="member_id",
        )
    n = Nomination.objects.create(
        year=year,
        kind=kind,
        member=member,
        group=grp,
        team_name=team_name,
        home=home,
        origin=origin,
        current_id=origin.parent_id,
        achievements=achievements,
        links=_links(links or []),
        created_by=actor,
    )
    NominationStep.objects.create(nomination=n, unit=origin, action=StepAction.PROPOSED, by=actor)
    audit.record(actor, "exemplars.nomination.propose", n, unit=origin, year=year)
    return n


def visible(user, nomination_id: int) -> Nomination:
    """A nomination seen by the units it passed or sits at, and everyone above them; 404 otherwise."""
    n = (
        Nomination.objects.select_related("current", "origin", "home", "member", "group")
        .filter(pk=nomination_id)
        .first()
    )
    if n is None:
        raise Http404
    scope = scope_for(user)
    if not (scope.covers(n.current.path) or scope.covers(n.origin.path)):
        raise Http404
    return n


def _reached(actor, n: Nomination) -> Nomination:
    n = Nomination.objects.select_for_update().select_related("current").get(pk=n.pk)
    if n.status != NominationStatus.OPEN:
        raise ConflictError(gettext("Đề nghị này đã được xử lý xong."), field="status")
    if not rules.acts_at(actor, n.current):
        raise rules.Forbidden(
            gettext("Đề nghị đang ở %(unit)s: chỉ quản trị của cấp đó được xử lý.")
            % {"unit": n.current.name},
            field="nomination",
        )
    return n


@transaction.atomic
def forward(actor, n: Nomination, reason: str = "") -> Nomination:
    n = _reached(actor, n)
    here = n.current
    if here.parent_id is None:
        raise UserError(
            gettext("Trung ương Đoàn là cấp cao nhất: hãy tuyên dương hoặc không đề nghị tiếp."),
            field="nomination",
        )
    n.current_id = here.parent_id
    n.save(update_fields=["current"])
    NominationStep.objects.create(
        nomination=n, unit=here, action=StepAction.FORWARDED, reason=(reason or "")[:500], by=actor
    )
    audit.record(actor, "exemplars.nomination.forward", n, unit=here)
    return n


@transaction.atomic
def decline(actor, n: Nomination, reason: str) -> Nomination:
    reason = (reason or "").strip()
    if not reason:
        raise UserError(gettext("Lý do không đề nghị tiếp: chưa nhập."), field="reason")
    n = _reached(actor, n)
    n.status = NominationStatus.DECLINED
    n.save(update_fields=["status"])
    NominationStep.objects.create(
        nomination=n, unit=n.current, action=StepAction.DECLINED, reason=reason[:500], by=actor
    )
    audit.record(actor, "exemplars.nomination.decline", n, unit=n.current)
    return n


def reached(unit: Unit, year: int | None = None):
    """Open nominations waiting at this level."""
    qs = Nomination.objects.filter(current=unit, status=NominationStatus.OPEN)
    return qs.filter(year=year) if year else qs


def board(unit: Unit, year: int):
    """Nominations that reached this level or passed through it this year, newest first."""
    passed = NominationStep.objects.filter(unit=unit).values("nomination_id")
    return (
        Nomination.objects.filter(Q(current=unit) | Q(pk__in=passed), year=year)
        .select_related("current", "origin", "member", "group")
        .order_by("-created_at", "-id")
    )


@transaction.atomic
def attach(actor, n: Nomination, name: str, upload) -> Evidence:
    """A file of evidence, checked by content; by the level the nomination sits at or its origin."""
    n = Nomination.objects.select_for_update().select_related("origin", "current").get(pk=n.pk)
    if not (rules.acts_at(actor, n.current) or rules.acts_at(actor, n.origin)):
        rules.admin_unit(actor, n.origin)
    if n.files.count() >= evidence.MAX_FILES:
        raise UserError(gettext("Tối đa %(n)s tệp minh chứng.") % {"n": evidence.MAX_FILES}, field="file")
    head = upload.read(16)
    upload.seek(0)
    kind = evidence.check(name, upload.size, head)
    e = Evidence(nomination=n, name=name[:200], content_type=kind, size=upload.size, uploaded_by=actor)
    e.file.save(f"{n.pk}-{name[-80:]}", upload, save=False)
    e.save()
    audit.record(actor, "exemplars.nomination.attach", n, unit=n.current, file=e.name)
    return e
