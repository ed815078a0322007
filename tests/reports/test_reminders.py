from datetime import datetime

from django.core import mail

from doanso.core.calendar.periods import TZ
from doanso.plans.models import Obligation
from doanso.reports import tasks
from doanso.reports.models import Reminder


def test_reminders_before_and_after_the_deadline_are_sent_once(db, unit):
    now = datetime(2026, 11, 19, 9, 0, tzinfo=TZ)  # Thursday: the weekly report is due tomorrow 12:00
    sent = tasks.remind(now)
    assert sent > 0
    hn = Reminder.objects.filter(unit=unit("HN"))
    assert {r.kind for r in hn} == {"before", "after"}
    assert any("hn.admin@demo.doanso.vn" in m.to and "Sắp đến hạn" in m.subject for m in mail.outbox)
    assert tasks.remind(now) == 0  # nothing twice


def test_reminder_task_runs_through_django_tasks(db):
    result = tasks.send_reminders.enqueue()
    assert result.status == "SUCCESSFUL"
    assert Obligation.objects.exists()
