"""The production scheduler: runs the periodic `doanso` commands at their hour (APScheduler).

One process (the Procfile's `scheduler`) for the whole deployment: running it twice would send
every reminder twice. Each job is a management command run in this process; a failing job is
logged and the others go on. The table is `settings.SCHEDULED_COMMANDS` (docs/deployment.md).
"""

from __future__ import annotations

import logging
import shlex
import time
from collections.abc import Iterable

from django.core.management import call_command, get_commands
from django.db import close_old_connections, connection

logger = logging.getLogger("doanso.scheduler")


def parse(entries: Iterable[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """`("5 * * * *", "reports remind")` → `("5 * * * *", ["reports", "remind"])`, commands checked."""
    from apscheduler.triggers.cron import CronTrigger

    known = get_commands()
    jobs = []
    for cron, command in entries:
        CronTrigger.from_crontab(cron)  # raises ValueError for a malformed rule, at start
        args = shlex.split(command)
        if not args or args[0] not in known:
            raise ValueError(f"scheduled command {command!r}: no such doanso command")
        jobs.append((cron, args))
    return jobs


def _fresh_connections() -> None:
    """Drops a connection the database closed while the scheduler slept (not inside a transaction)."""
    if not connection.in_atomic_block:
        close_old_connections()


def run_job(args: list[str]) -> bool:
    """Runs one command; True when it ended well. Never raises: the scheduler must live on."""
    _fresh_connections()
    start = time.monotonic()
    try:
        call_command(*args)
    except BaseException as exc:  # noqa: BLE001 - SystemExit from a command counts as a failure too
        if isinstance(exc, KeyboardInterrupt):
            raise
        logger.exception("job failed: %s", " ".join(args), extra={"job": " ".join(args)})
        return False
    finally:
        _fresh_connections()
    logger.info(
        "job done: %s",
        " ".join(args),
        extra={"job": " ".join(args), "duration_ms": round((time.monotonic() - start) * 1000, 1)},
    )
    return True


def serve(entries: Iterable[tuple[str, str]], timezone: str) -> None:
    """Blocks, running each job at its rule's times (one instance at a time, missed runs merged)."""
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.cron import CronTrigger

    scheduler = BlockingScheduler(timezone=timezone)
    for cron, args in parse(entries):
        scheduler.add_job(
            run_job,
            CronTrigger.from_crontab(cron, timezone=timezone),
            args=[args],
            id=" ".join(args),
            max_instances=1,
            coalesce=True,
            misfire_grace_time=600,
        )
    logger.warning("scheduler started with %d jobs", len(scheduler.get_jobs()))
    scheduler.start()
