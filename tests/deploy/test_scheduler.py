"""`doanso scheduler`: the periodic commands exist, are listed, and a failing one does not stop the rest."""

import logging

import pytest
from django.core.management import CommandError, call_command

from doanso.core import scheduler


def test_every_scheduled_command_exists_and_is_listed(capsys, settings):
    call_command("scheduler", "--list")
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"{cron:<16} doanso {command}" for cron, command in settings.SCHEDULED_COMMANDS]
    commands = [command for _, command in settings.SCHEDULED_COMMANDS]
    assert "reports remind" in commands and "reports sync" in commands and "clearsessions" in commands


@pytest.mark.parametrize(
    "entry, message",
    [
        (("5 * * *", "reports remind"), "Wrong number of fields"),
        (("* * * * *", "nope"), "no such doanso command"),
    ],
)
def test_a_bad_schedule_stops_the_start(settings, entry, message):
    settings.SCHEDULED_COMMANDS = [entry]
    with pytest.raises((CommandError, ValueError), match=message):
        call_command("scheduler", "--list")


@pytest.mark.django_db
def test_a_failing_job_is_logged_and_the_next_still_runs(caplog, settings):
    caplog.set_level(logging.INFO, logger="doanso.scheduler")
    assert scheduler.run_job(["reports", "no-such-subcommand"]) is False
    assert scheduler.run_job(["clearsessions"]) is True
    messages = [r.getMessage() for r in caplog.records]
    assert messages == ["job failed: reports no-such-subcommand", "job done: clearsessions"]


@pytest.mark.django_db
def test_run_now_runs_every_job_once(settings, capsys):
    settings.SCHEDULED_COMMANDS = [("0 3 * * *", "clearsessions"), ("5 * * * *", "reports remind")]
    call_command("scheduler", "--run-now")
