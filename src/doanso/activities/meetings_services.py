"""Writes and reads of branch meetings (sinh hoạt chi đoàn, issue 14 item 8).

A meeting is an activity of type `sinh_hoat_chi_doan` organised by the branch itself, plus a
`Meeting` row (agenda, minutes). Attendance is ordinary check-ins: by QR (the activity's code or a
member's e-card, like any activity) or ticked on the branch's list (method "list"), so the counters
and the distinct-participant figures see them too. Saving the minutes marks the meeting held, which
feeds CD_SINH_HOAT once per branch and month.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from doanso.accounts.scoping import scope_for
from doanso.activities import counting, selectors, services
from doanso.activities.models import Activity, Meeting, MeetingKind, Method, Participation, Status
from doanso.core import audit, vn
from doanso.core.errors import UserError
from doanso.members.api import Member, MemberStatus
from doanso.org.models import Unit, UnitKind

TYPE = "sinh_hoat_chi_doan"


def _title(kind: str, theme: str, on: date) -> str:
    month = f"{on:%m/%Y}"
    if kind == MeetingKind.THEMED and theme.strip():
        return gettext("Sinh hoạt chủ điểm tháng %(month)s: %(theme)s") % {
            "month": month,
            "theme": theme.strip(),
        }
    return gettext("Sinh hoạt chi đoàn định kỳ tháng %(month)s") % {"month": month}


@transaction.atomic
def create_meeting(
    user,
    branch: Unit,
    *,
    start: datetime,
    end: datetime,
    kind: str = MeetingKind.REGULAR,
    theme: str = "",
    agenda: str = "",
    place_name: str = "",
) -> Meeting:
    """Schedule a branch's meeting (the branch already scoped by the caller)."""
    if branch.kind != UnitKind.CHI_DOAN:
        raise UserError(gettext("Chỉ chi đoàn mới tổ chức sinh hoạt chi đoàn."), field="unit")
    if kind not in MeetingKind.values:
        raise UserError(gettext("Hình thức sinh hoạt không hợp lệ."), field="kind")
    if kind == MeetingKind.THEMED and not theme.strip():
        raise UserError(gettext("Sinh hoạt chủ điểm cần có chủ điểm."), field="theme")
    a = services.create_activity(
        user,
        unit=branch,
        fields=services.ActivityFields(
            title=_title(kind, theme, timezone.localtime(start).date()),
            type_code=TYPE,
            start=start,
            end=end,
            place_name=place_name,
            description=agenda,
        ),
    )
    m = Meeting.objects.create(activity=a, kind=kind, theme=theme.strip(), agenda=agenda.strip())
    audit.record(user, "activity.meeting.create", a, unit=branch)
    return m


def get_meeting(user, activity_id: int) -> Meeting:
    """A meeting the user runs (its branch or a unit above it); 404 otherwise."""
    a = selectors.get_managed(user, activity_id)
    m = Meeting.objects.filter(activity=a).first()
    if m is None:
        raise Http404
    m.activity = a
    return m


def branch_members(branch: Unit) -> list[Member]:
    return list(
        Member.objects.filter(branch=branch, status=MemberStatus.ACTIVE).order_by("search_name", "id")
    )


def present_ids(meeting: Meeting) -> set[int]:
    return set(
        Participation.objects.filter(activity_id=meeting.activity_id, member__isnull=False).values_list(
            "member_id", flat=True
        )
    )


@transaction.atomic
def tick_attendance(user, meeting: Meeting, member_ids: list[int]) -> int:
    """Record the ticked members as present (those already checked in are left as they are); all
    or nothing, a refused row names the member. Returns how many were added."""
    a = meeting.activity
    if a.status == Status.CANCELLED:
        raise UserError(gettext("Buổi sinh hoạt đã bị huỷ."), field="members")
    allowed = {m.pk: m for m in branch_members(a.unit)}
    already = present_ids(meeting)
    now = timezone.now()
    at = now if a.start <= now <= a.end else a.start  # ticked afterwards: the meeting's start
    added = 0
    for mid in dict.fromkeys(member_ids):
        if mid in already:
            continue
        if mid not in allowed:
            raise UserError(
                gettext("Đoàn viên mã %(id)s không thuộc chi đoàn này.") % {"id": mid}, field="members"
            )
        try:
            services.check_in(user, a.pk, member_id=mid, at=at, method=Method.LIST)
        except UserError as exc:
            raise UserError(
                gettext("%(name)s: %(reason)s") % {"name": allowed[mid].full_name, "reason": exc.message},
                field="members",
            ) from None
        added += 1
    audit.record(user, "activity.meeting.attendance", a, unit=a.unit, added=added)
    return added


@transaction.atomic
def save_minutes(user, meeting: Meeting, *, number: str, chair: str, secretary: str, minutes: str) -> Meeting:
    """Save the biên bản; the first time, the meeting counts as held for its month."""
    if not minutes.strip():
        raise UserError(gettext("Chưa nhập diễn biến và kết luận của buổi sinh hoạt."), field="minutes")
    if not chair.strip():
        raise UserError(gettext("Chưa nhập người chủ trì."), field="chair")
    if not secretary.strip():
        raise UserError(gettext("Chưa nhập thư ký."), field="secretary")
    meeting.number, meeting.chair, meeting.secretary = number.strip(), chair.strip(), secretary.strip()
    meeting.minutes = minutes.strip()
    first = meeting.held_at is None
    if first:
        meeting.held_at = timezone.now()
    meeting.save()
    if first:
        a = meeting.activity
        counting.meeting_held(a.unit.path, a.unit_id, timezone.localtime(a.start).date())
        if a.status == Status.PLANNED:
            Activity.objects.filter(pk=a.pk).update(status=Status.DONE)
    audit.record(user, "activity.meeting.minutes", meeting.activity, unit=meeting.activity.unit)
    return meeting


def meetings_of(branch: Unit, year: int) -> list[Meeting]:
    return list(
        Meeting.objects.filter(activity__unit=branch, activity__start__year=year)
        .exclude(activity__status=Status.CANCELLED)
        .select_related("activity")
        .order_by("activity__start")
    )


@dataclass
class Attendance:
    member_id: int
    name: str
    held: int
    attended: int
    meetings: list[tuple[Meeting, bool]]

    @property
    def share(self) -> str:
        return vn.format_percent(100 * self.attended / self.held) if self.held else "—"


def branch_attendance(branch: Unit, year: int) -> tuple[list[Meeting], list[Attendance]]:
    """Each active member's attendance at the branch's meetings of the year (for the yearly rating)."""
    meetings = meetings_of(branch, year)
    pairs = set(
        Participation.objects.filter(activity_id__in=[m.activity_id for m in meetings]).values_list(
            "activity_id", "member_id"
        )
    )
    rows = []
    for member in branch_members(branch):
        marks = [(m, (m.activity_id, member.pk) in pairs) for m in meetings]
        rows.append(Attendance(member.pk, member.full_name, len(meetings), sum(x for _, x in marks), marks))
    return meetings, rows


def member_attendance(user, member_id: int, year: int) -> dict:
    """One member's attendance at their branch's meetings of the year: {"member", "branch",
    "year", "held", "attended", "items": [{"activity", "title", "start", "present"}]}.
    404 for a member outside the user's scope (their own record excepted)."""
    m = Member.objects.select_related("branch").filter(pk=member_id).first()
    own = m is not None and getattr(user, "member_id", None) == m.pk
    if m is None or not (own or scope_for(user).covers(m.branch.path)):
        raise Http404
    meetings = meetings_of(m.branch, year)
    present = set(
        Participation.objects.filter(member=m, activity_id__in=[x.activity_id for x in meetings]).values_list(
            "activity_id", flat=True
        )
    )
    items = [
        {
            "activity": x.activity_id,
            "title": x.activity.title,
            "start": x.activity.start,
            "present": x.activity_id in present,
        }
        for x in meetings
    ]
    return {
        "member": m.pk,
        "branch": m.branch.code,
        "year": year,
        "held": len(items),
        "attended": sum(1 for i in items if i["present"]),
        "items": items,
    }
