"""Reminder delivery: an outbox of notices per person, sent as ONE digest per person per run on the
channels they chose, outside their quiet hours.

`reports.remind` decides what is due (each step once) and hands its lines here (`deliver`); a line
is stored once per person (`Notice`, unique key), then `flush` sends every person's pending lines in
one message per channel. A person in their quiet hours keeps their lines for the next run; a run that
finds nothing new sends nothing (idempotent). A fixed number of queries whatever the number of
people (insert; pending lines with their accounts; preferences; one update per channel set)."""

from collections import defaultdict
from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import ngettext

from doanso.todo.channels import get as channel
from doanso.todo.models import Channel, Notice, Preference
from doanso.todo.wording import TZ

DEFAULT_CHANNELS = [Channel.EMAIL]


def in_quiet_hours(quiet_from: time | None, quiet_to: time | None, now: datetime) -> bool:
    """Pure: is `now` (local time) inside [from, to)? A window may run past midnight (22:00–06:00)."""
    if quiet_from is None or quiet_to is None or quiet_from == quiet_to:
        return False
    t = now.astimezone(TZ).time()
    if quiet_from < quiet_to:
        return quiet_from <= t < quiet_to
    return t >= quiet_from or t < quiet_to


def preference_of(user) -> Preference:
    """The person's settings, or the default (e-mail, no quiet hours) not yet saved."""
    pref = Preference.objects.filter(user=user).first()
    return pref or Preference(user=user, channels=list(DEFAULT_CHANNELS))


def save_preference(user, pref: Preference) -> Preference:
    pref.user = user
    pref.save()
    return pref


def digest_text(lines: list[tuple[str, str]]) -> tuple[str, str]:
    """(subject, body) of one digest: every line with its link."""
    subject = ngettext(
        "[Đoàn Số] Việc cần làm: %(n)d nhắc việc", "[Đoàn Số] Việc cần làm: %(n)d nhắc việc", len(lines)
    ) % {"n": len(lines)}
    body = "\n".join(f"- {text}\n  {url}" for text, url in lines)
    return subject, body


def deliver(notices: list[dict], now: datetime) -> int:
    """Store the lines (once per person and key) and send everyone's digest now."""
    Notice.objects.bulk_create(
        [
            Notice(
                user_id=n["user_id"], key=n["key"][:120], text=n["text"][:500], url=n["url"], created_at=now
            )
            for n in notices
        ],
        ignore_conflicts=True,
    )
    return flush(now)


def flush(now: datetime | None = None) -> int:
    """Send each person with pending lines one digest on each of their channels; returns the
    number of people reached. Long because it groups in steps that share one read each."""
    now = now or timezone.now()
    pending = list(
        Notice.objects.filter(sent_at__isnull=True)
        .select_related("user")
        .order_by("user_id", "created_at", "id")
    )
    if not pending:
        return 0
    by_user: dict[int, list[Notice]] = defaultdict(list)
    for n in pending:
        by_user[n.user_id].append(n)
    prefs = {p.user_id: p for p in Preference.objects.filter(user_id__in=list(by_user))}
    done: dict[tuple[str, ...], list[int]] = defaultdict(list)
    reached = 0
    for user_id, notes in by_user.items():
        user = notes[0].user
        pref = prefs.get(user_id) or Preference(user=user, channels=list(DEFAULT_CHANNELS))
        if in_quiet_hours(pref.quiet_from, pref.quiet_to, now):
            continue  # kept for the first run after the quiet hours
        subject, body = digest_text([(n.text, n.url) for n in notes])
        tried, used = [], []
        for name in pref.channels or DEFAULT_CHANNELS:
            ch = channel(name)
            if ch is None or not ch.enabled() or not ch.address(user, pref):
                continue
            tried.append(name)
            if ch.send(user, pref, subject, body):
                used.append(name)
        if tried and not used:
            continue  # every channel failed: try again next run
        reached += bool(used)
        done[tuple(used)].extend(n.pk for n in notes)
    for used, ids in done.items():  # one update per set of channels (usually one)
        Notice.objects.filter(pk__in=ids, sent_at__isnull=True).update(sent_at=now, channels=list(used))
    return reached


def install() -> None:
    """Make the reports reminders deliver through this outbox and these channels."""
    from doanso.reports import api as reports

    reports.set_delivery(deliver)
