"""Reminders escalate (a day before, two hours before, overdue, then the level above), each step once,
as one digest per person per run, on the channels the person chose, outside their quiet hours."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail

from doanso.accounts import services as accounts
from doanso.accounts.models import RoleKind
from doanso.core.calendar.periods import TZ
from doanso.plans.models import Obligation
from doanso.reports import tasks
from doanso.reports.models import Reminder
from doanso.todo.models import Notice, Preference
from tests.factories import UserFactory
from tests.todo import fakechat

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_chat(settings):
    yield from fakechat.serve(settings)


FRI_NOON = datetime(2026, 3, 13, 12, 0, tzinfo=TZ)  # the weekly report 2026W11 is due then


@pytest.mark.parametrize(
    ("before_deadline", "expected"),
    [
        (timedelta(days=2), None),
        (timedelta(hours=23), "d1"),
        (timedelta(hours=2, minutes=1), "d1"),
        (timedelta(hours=1, minutes=59), "h2"),
        (timedelta(minutes=-1), "late"),
        (timedelta(days=-2, hours=-23), "late"),
        (timedelta(days=-3), "up"),
    ],
)
def test_the_step_a_report_is_at(before_deadline, expected):
    assert tasks.step(FRI_NOON, FRI_NOON - before_deadline, timedelta(days=3)) == expected


def _mine(addr: str) -> list:
    return [m for m in mail.outbox if addr in m.to]


def test_each_step_is_sent_once_and_the_last_goes_to_the_level_above(district_plan):
    district, (commune,), _plan, _weekly = district_plan(1)
    boss = UserFactory(unit=district, username="rd.boss")
    boss.email = "rd.boss@example.vn"
    boss.save(update_fields=["email"])
    own = f"{commune.code.lower()}@example.vn"
    runs = [
        (FRI_NOON - timedelta(hours=23), "d1", "Hạn ngày mai"),
        (FRI_NOON - timedelta(hours=1), "h2", "Còn 2 giờ"),
        (FRI_NOON + timedelta(hours=1), "late", "Quá hạn"),
        (FRI_NOON + timedelta(days=3, hours=1), "up", "báo cấp trên"),
    ]
    for now, kind, words in runs:
        mail.outbox.clear()
        tasks.remind(now)
        assert Reminder.objects.filter(unit=commune, period="2026W11", kind=kind).count() == 1
        assert len(_mine(own)) == 1 and words in _mine(own)[0].body  # one digest, this step in it
        if kind == "up":
            assert len(_mine("rd.boss@example.vn")) == 1
            assert f"{commune.name} — “Báo cáo tuần”" in _mine("rd.boss@example.vn")[0].body
        else:
            assert not any("W11" in m.body for m in _mine("rd.boss@example.vn"))
        mail.outbox.clear()
        assert tasks.remind(now + timedelta(minutes=20)) == 0  # the same hour again: nothing new
        assert _mine(own) == []


def test_a_person_gets_one_digest_for_several_units(district_plan):
    _district, communes, _plan, _weekly = district_plan(3)
    chief = UserFactory(unit=communes[0], username="three.hats")
    chief.email = "three.hats@example.vn"
    chief.save(update_fields=["email"])
    for c in communes[1:]:
        accounts.grant_role(None, chief, c, RoleKind.STAFF)
    tasks.remind(FRI_NOON - timedelta(hours=23))
    got = _mine("three.hats@example.vn")
    assert len(got) == 1
    assert all(c.name in got[0].body for c in communes)


def test_quiet_hours_keep_the_digest_for_the_next_run(district_plan):
    _district, (commune,), _plan, _weekly = district_plan(1)
    admin = commune.roles.get().user
    Preference.objects.create(user=admin, channels=["email"], quiet_from=time(21, 0), quiet_to=time(7, 0))
    own = f"{commune.code.lower()}@example.vn"
    night = datetime(2026, 3, 12, 22, 30, tzinfo=TZ)  # 13.5 hours before: d1, but quiet
    assert tasks.remind(night) >= 1
    assert _mine(own) == []
    waiting = Notice.objects.filter(user=admin, sent_at__isnull=True)
    assert waiting.count() == 3  # W11 due tomorrow; W10 and W9 overdue (last 14 days)
    tasks.remind(night + timedelta(hours=9))  # 07:30: out of quiet hours, due in 4.5 hours
    assert len(_mine(own)) == 1 and "Hạn ngày mai" in _mine(own)[0].body
    assert not Notice.objects.filter(user=admin, sent_at__isnull=True).exists()


def test_zalo_and_telegram_get_the_digest_from_a_local_fake_server(district_plan, fake_chat):
    _district, (commune,), _plan, _weekly = district_plan(1)
    admin = commune.roles.get().user
    Preference.objects.create(
        user=admin, channels=["zalo", "telegram"], zalo_user_id="z-42", telegram_chat_id="777"
    )
    tasks.remind(FRI_NOON - timedelta(hours=23))
    zalo = [r for r in fake_chat.requests if r["path"] == "/v3.0/oa/message/cs"]
    tele = [r for r in fake_chat.requests if r["path"] == "/bot123:tele-test/sendMessage"]
    assert len(zalo) == 1 and len(tele) == 1
    assert zalo[0]["headers"]["access_token"] == "zalo-test-token"
    assert zalo[0]["json"]["recipient"] == {"user_id": "z-42"}
    assert "Hạn ngày mai" in zalo[0]["json"]["message"]["text"]
    assert tele[0]["json"]["chat_id"] == "777" and commune.name in tele[0]["json"]["text"]
    assert _mine(f"{commune.code.lower()}@example.vn") == []  # e-mail not chosen
    assert {tuple(c) for c in Notice.objects.filter(user=admin).values_list("channels", flat=True)} == {
        ("zalo", "telegram")
    }


def test_a_chat_service_that_fails_is_tried_again_next_run(district_plan, fake_chat):
    _district, (commune,), _plan, _weekly = district_plan(1)
    admin = commune.roles.get().user
    Preference.objects.create(user=admin, channels=["telegram"], telegram_chat_id="777")
    fake_chat.fail = True
    tasks.remind(FRI_NOON - timedelta(hours=23))
    assert len(fake_chat.requests) == 1  # one digest of the three lines
    assert Notice.objects.filter(user=admin, sent_at__isnull=True).count() == 3
    fake_chat.fail = False
    tasks.remind(FRI_NOON - timedelta(hours=22))
    assert len(fake_chat.requests) == 2
    assert set(Notice.objects.filter(user=admin).values_list("sent_at", flat=True)) == {
        FRI_NOON - timedelta(hours=22)
    }


def test_reminder_task_runs_through_django_tasks(db):
    result = tasks.send_reminders.enqueue()
    assert result.status == "SUCCESSFUL"
    assert Obligation.objects.exists()
