import logging

log = logging.getLogger("doanso.todo")


class Channel:
    name = ""

    def enabled(self) -> bool:
        return True

    def address(self, user, pref) -> str:
        """Where on this channel the person is reached ("" if they gave nothing)."""
        raise NotImplementedError

    def send(self, user, pref, subject: str, body: str) -> bool:
        raise NotImplementedError


CHANNELS: dict[str, Channel] = {}


def register(channel: Channel) -> Channel:
    CHANNELS[channel.name] = channel
    return channel


def get(name: str) -> Channel | None:
    return CHANNELS.get(name)
