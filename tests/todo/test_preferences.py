"""Each person chooses their reminder channels and quiet hours on a small page."""

from datetime import time

import pytest

from doanso.todo.models import Preference

pytestmark = pytest.mark.django_db


def test_the_page_saves_channels_and_quiet_hours(login, user):
    c = login("chidoan.demo")
    r = c.get("/todo/preferences/")
    assert r.status_code == 200 and "Cách nhận nhắc việc" in r.content.decode()
    r = c.post(
        "/todo/preferences/",
        {
            "channels": ["email", "telegram"],
            "telegram_chat_id": "555",
            "quiet_from": "21:30",
            "quiet_to": "06:30",
        },
    )
    assert r.status_code == 302
    p = Preference.objects.get(user=user("chidoan.demo"))
    assert (p.channels, p.telegram_chat_id, p.quiet_from, p.quiet_to) == (
        ["email", "telegram"],
        "555",
        time(21, 30),
        time(6, 30),
    )


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"channels": ["zalo"]}, "Cần mã người dùng Zalo"),
        ({"channels": ["telegram"]}, "Cần mã cuộc trò chuyện Telegram"),
        ({"channels": ["email"], "quiet_from": "22:00"}, "cần cả giờ bắt đầu và giờ kết thúc"),
    ],
)
def test_an_incomplete_choice_is_refused_and_nothing_saved(login, data, error):
    r = login("chidoan.demo").post("/todo/preferences/", data)
    assert r.status_code == 200 and error in r.content.decode()
    assert not Preference.objects.exists()


def test_quiet_hours_across_midnight():
    from datetime import datetime

    from doanso.todo.notify import in_quiet_hours
    from doanso.todo.wording import TZ

    q = (time(22, 0), time(6, 0))
    assert in_quiet_hours(*q, datetime(2026, 3, 12, 23, 0, tzinfo=TZ))
    assert in_quiet_hours(*q, datetime(2026, 3, 12, 5, 59, tzinfo=TZ))
    assert not in_quiet_hours(*q, datetime(2026, 3, 12, 6, 0, tzinfo=TZ))
    assert in_quiet_hours(time(12, 0), time(13, 0), datetime(2026, 3, 12, 12, 30, tzinfo=TZ))
    assert not in_quiet_hours(None, None, datetime(2026, 3, 12, 12, 30, tzinfo=TZ))
