"""Where a digest goes: e-mail, Zalo Official Account, Telegram. Each channel is a small class with
`send(user, pref, subject, body) -> bool`; chat channels are plain HTTP clients whose base URL and
token come from settings (so the tests point them at a local fake server). A channel with no token
configured is off and says so (`enabled`)."""

from doanso.todo.channels.base import CHANNELS, Channel, get
from doanso.todo.channels.chat import Telegram, Zalo
from doanso.todo.channels.email import Email

__all__ = ["CHANNELS", "Channel", "Email", "Telegram", "Zalo", "get"]
