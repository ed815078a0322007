from django.core import mail

from doanso.todo.channels.base import Channel, register


class Email(Channel):
    name = "email"

    def address(self, user, pref) -> str:
        return user.email or ""

    def send(self, user, pref, subject: str, body: str) -> bool:
        to = self.address(user, pref)
        if not to:
            return False
        return mail.EmailMessage(subject, body, None, [to]).send() == 1


register(Email())
