"""API routes of branch meetings (mounted by `endpoints.register`): a member's attendance over a year,
the evidence for their yearly rating."""

from datetime import datetime

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from doanso.activities.meetings_services import member_attendance

router = Router(tags=["activities"])


class MeetingMark(Schema):
    activity: int
    title: str
    start: datetime
    present: bool


class MeetingAttendanceOut(Schema):
    member: int
    branch: str
    year: int
    held: int
    attended: int
    items: list[MeetingMark]


class YearQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100)


@router.get("/{member_id}", response=MeetingAttendanceOut)
def attendance(request, member_id: int, q: Query[YearQuery]):
    """The member's branch meetings of the year and whether they were there (404 outside one's scope)."""
    return member_attendance(request.user, member_id, q.year or timezone.localdate().year)


def register(api) -> None:
    api.add_router("/meeting-attendance", router)
