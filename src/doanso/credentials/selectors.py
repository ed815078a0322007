"""Reading credentials: scoped lists for admins, the public view of one certificate."""

from django.http import Http404

from doanso.accounts.scoping import scope_for
from doanso.credentials.models import Credential


def visible(user):
    """Credentials issued by units inside the user's scope (admins and staff of those units)."""
    return Credential.objects.filter(scope_for(user).q("issuer_unit__path")).select_related("issuer_unit")


def held_by(member_id: int | None, limit: int = 50) -> list[Credential]:
    """The certificates issued to one member, newest first (their home lists them)."""
    if not member_id:
        return []
    return list(Credential.objects.filter(member_id=member_id).select_related("issuer_unit")[:limit])


def administered(user, pk) -> Credential:
    """A credential the user may revoke (an admin of the issuing unit or above); 404 otherwise, so
    another province learns nothing about it."""
    cred = Credential.objects.select_related("issuer_unit").filter(pk=pk).first()
    if cred is None or not scope_for(user).administers(cred.issuer_unit.path):
        raise Http404
    return cred


def short_name(full_name: str) -> str:
    """The holder's name minimised for a public page: "Nguyễn Văn An" → "Nguyễn V. A."."""
    parts = full_name.split()
    if len(parts) <= 1:
        return full_name
    return " ".join([parts[0], *(p[0] + "." for p in parts[1:])])
