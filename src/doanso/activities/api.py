"""What other apps may import from `activities` (OEP-49 style boundary)."""

from doanso.activities.meetings_services import member_attendance as meeting_attendance

__all__ = ["meeting_attendance"]
