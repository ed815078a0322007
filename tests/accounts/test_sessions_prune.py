"""Issue 12: UserSession rows (who, IP address, browser) of ended web sessions are pruned."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from doanso.accounts.models import User, UserSession

pytestmark = pytest.mark.django_db


def _logged_in(username: str) -> tuple[Client, str]:
    c = Client()
    c.force_login(User.objects.get(username=username))  # fires user_logged_in: a UserSession row
    return c, c.session.session_key


def test_prune_sessions_deletes_rows_of_expired_and_vanished_sessions():
    live, live_key = _logged_in("hn.admin")
    _, expired_key = _logged_in("hn.admin")
    _, gone_key = _logged_in("hcm.admin")
    assert set(UserSession.objects.values_list("session_key", flat=True)) >= {live_key, expired_key, gone_key}
    Session.objects.filter(session_key=expired_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    Session.objects.filter(session_key=gone_key).delete()  # as `clearsessions` or a logout would
    out = StringIO()
    call_command("accounts", "prune-sessions", stdout=out)
    keys = set(UserSession.objects.values_list("session_key", flat=True))
    assert expired_key not in keys and gone_key not in keys
    assert live_key in keys
    assert "Đã xoá 2 bản ghi phiên đăng nhập đã hết hạn." in out.getvalue()
    assert live.get("/").status_code == 200  # the live session is untouched
    # nothing left to prune: a second run deletes nothing
    out = StringIO()
    call_command("accounts", "prune-sessions", stdout=out)
    assert "Đã xoá 0 bản ghi" in out.getvalue() and live_key in UserSession.objects.values_list(
        "session_key", flat=True
    )


def test_prune_sessions_is_scheduled():
    assert any(command == "accounts prune-sessions" for _, command in settings.SCHEDULED_COMMANDS)
