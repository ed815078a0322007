from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

PHONE_CHARS = set("0123456789+ .-()")


def normalise_phone(value: str) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits


class IdentifierBackend(ModelBackend):
    """Accepts a username, an e-mail address or a phone number as the login."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        ident = username.strip()
        match = Q(username__iexact=ident)
        if "@" in ident:
            match |= Q(email__iexact=ident)
        phone = normalise_phone(ident)
        if len(phone) >= 9 and set(ident) <= PHONE_CHARS:
            match |= Q(phone=phone)
        users = list(get_user_model().objects.filter(match)[:2])
        if len(users) != 1:
            get_user_model()().set_password(password)  # even out timing
            return None
        user = users[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
