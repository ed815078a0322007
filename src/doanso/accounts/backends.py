import unicodedata

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

PHONE_CHARS = set("0123456789+ .-()")


def normalise_phone(value: str) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits


def clean_identifier(value: str | None) -> str:
    """What the login reads from the typed identifier: NFC, without surrounding spaces.

    Case is ignored by the lookup (iexact). The throttle (accounts.lockout) reads the same
    string through `resolve_identifier`, so no spelling of one account escapes its counter.
    """
    return unicodedata.normalize("NFC", value or "").strip()


def identifier_match(ident: str) -> Q:
    """The accounts an identifier names: username or e-mail (any case) or phone number."""
    match = Q(username__iexact=ident)
    if "@" in ident:
        match |= Q(email__iexact=ident)
    phone = normalise_phone(ident)
    if len(phone) >= 9 and set(ident) <= PHONE_CHARS:
        match |= Q(phone=phone)
    return match


def resolve_identifier(value: str | None):
    """The one account a typed login names, or None (unknown or ambiguous)."""
    ident = clean_identifier(value)
    if not ident:
        return None
    users = list(get_user_model().objects.filter(identifier_match(ident))[:2])
    return users[0] if len(users) == 1 else None


class IdentifierBackend(ModelBackend):
    """Accepts a username, an e-mail address or a phone number as the login."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        user = resolve_identifier(username)
        if user is None:
            get_user_model()().set_password(password)  # even out timing
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
