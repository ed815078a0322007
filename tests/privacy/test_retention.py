"""`doanso privacy retention`: dry run by default, `--apply` anonymises members who left or matured
more than DOANSO_RETENTION_LEFT_MEMBERS_YEARS ago, skipping legal holds."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from doanso.core.models import AuditLog
from doanso.members.models import Member
from doanso.privacy.models import LegalHold
from doanso.privacy.services import retention_cutoff

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("privacy", "retention", *args, stdout=out)
    return out.getvalue()


def test_retention_is_a_dry_run_unless_applied_and_skips_legal_holds(settings):
    settings.DOANSO_RETENTION_LEFT_MEMBERS_YEARS = 5
    today = timezone.localdate()
    old, held, recent, active = Member.objects.order_by("id")[:4]
    Member.objects.filter(pk__in=[old.pk, held.pk]).update(
        status="removed", status_changed_on=today.replace(year=today.year - 6)
    )
    Member.objects.filter(pk=recent.pk).update(
        status="matured", status_changed_on=today.replace(year=today.year - 4)
    )
    Member.objects.filter(pk=active.pk).update(status="active", status_changed_on=date(2000, 1, 1))
    LegalHold.objects.create(member=held, reason="Hồ sơ tranh chấp")
    out = _run()
    assert "Chạy thử: 1 đoàn viên" in out and str(old.pk) in out
    old.refresh_from_db()
    assert not old.full_name.startswith("Đoàn viên đã ẩn danh")
    out = _run("--apply")
    assert "Đã ẩn danh 1 đoàn viên" in out
    names = dict(
        Member.objects.filter(pk__in=[old.pk, held.pk, recent.pk, active.pk]).values_list("pk", "full_name")
    )
    assert names[old.pk] == f"Đoàn viên đã ẩn danh #{old.pk}"
    assert not any(names[m.pk].startswith("Đoàn viên đã ẩn danh") for m in (held, recent, active))
    assert AuditLog.objects.filter(action="member.anonymise", object_id=str(old.pk)).count() == 1
    assert "Đã ẩn danh 0 đoàn viên" in _run("--apply")  # nothing twice


def test_a_leap_day_cutoff_falls_back_to_the_28th():
    assert retention_cutoff(date(2028, 2, 29), 5) == date(2023, 2, 28)
    assert retention_cutoff(date(2026, 11, 30), 10) == date(2016, 11, 30)
