"""Who may see and do what with contests and courses; everything out of reach is 404 (no leak).

- Organisers: admin/staff of a unit covering the contest's unit (`accounts.scoping`); only admins write.
- Members: contests of their branch's ancestors (the contest unit's subtree), and public contests.
- Guests (non-members, by signed entrant token): the one public contest they signed up for.
"""

from typing import TYPE_CHECKING

from django.core import signing
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from ninja.security import APIKeyHeader
from ninja.utils import check_csrf

from doanso.accounts import tokens
from doanso.accounts.scoping import scope_for
from doanso.core.errors import UserError
from doanso.learning.models import Attempt, Contest, Course, Entrant
from doanso.org.api import subtree_range

if TYPE_CHECKING:
    from doanso.members.api import Member

TOKEN_SALT = "doanso.learning.entrant"


def entrant_token(entrant: Entrant) -> str:
    return signing.dumps({"e": entrant.pk}, salt=TOKEN_SALT)


def entrant_from_token(token: str) -> Entrant | None:
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    return Entrant.objects.filter(pk=data.get("e"), member__isnull=True).first()


class CsrfMissing(UserError):
    status = 403


def player(request):
    """Who takes rounds: a bearer token, the web session (CSRF-checked for writes, as the API's own
    SessionOrBearer does), or a guest's `X-Entrant-Token`. Returns the user or the Entrant."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        row = tokens.authenticate(header[7:].strip(), now=timezone.now())
        if row is None:
            return None
        request.user = row.user
        return row.user
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if request.method not in ("GET", "HEAD", "OPTIONS") and check_csrf(request) is not None:
            raise CsrfMissing(gettext("Thiếu hoặc sai mã CSRF."), field="csrf")
        return user
    token = request.headers.get("X-Entrant-Token", "")
    return entrant_from_token(token) if token else None


class EntrantToken(APIKeyHeader):
    """`X-Entrant-Token: <token>`: a non-member who signed up for a public contest."""

    param_name = "X-Entrant-Token"

    def authenticate(self, request, key):
        return entrant_from_token(key) if key else None


def guest(request) -> Entrant | None:
    return request.auth if isinstance(request.auth, Entrant) else None


def _member(user):
    """The user's member row with its branch and the id of its contest entrant row (`entrant_pk`),
    in one query, kept on the user for the rest of the request."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "member_id", None) is None:
        return None
    field = user._meta.get_field("member")
    if not field.is_cached(user):
        member_model = field.related_model
        user.member = (
            member_model.objects.select_related("branch")
            .annotate(entrant_pk=Subquery(Entrant.objects.filter(member=OuterRef("pk")).values("pk")[:1]))
            .filter(pk=user.member_id)
            .first()
        )
    return user.member


def member_of(request) -> "Member | None":
    """The caller's member row (branch loaded, `entrant_pk` annotated), or None."""
    return _member(getattr(request, "user", None))


def _inside(path: str, root: str) -> bool:
    lo, hi = subtree_range(root)
    return lo <= path < hi


def manages(user, contest_or_course) -> bool:
    return scope_for(user).covers(contest_or_course.unit.path)


def administers(user, contest_or_course) -> bool:
    return scope_for(user).administers(contest_or_course.unit.path)


def can_enter(request, contest: Contest) -> bool:
    g = guest(request)
    if g is not None:
        return contest.allow_public and g.contest_id == contest.pk
    member = _member(request.user)
    return member is not None and (contest.allow_public or _inside(member.branch.path, contest.unit.path))


def visible_contest(request, contest_id: int, contest: Contest | None = None) -> Contest:
    """The contest if the caller may see it (else 404); pass `contest` (unit selected) when it was
    read already. Entrants are checked first: their check needs no query beyond the member row."""
    if contest is None:
        contest = Contest.objects.select_related("unit").filter(pk=contest_id).first()
    if contest is None:
        raise Http404
    if can_enter(request, contest):
        return contest
    if guest(request) is None and manages(request.user, contest):
        return contest
    raise Http404


def admin_contest(user, contest_id: int) -> Contest:
    contest = Contest.objects.select_related("unit").filter(pk=contest_id).first()
    if contest is None or not administers(user, contest):
        raise Http404
    return contest


def managed_contest(user, contest_id: int) -> Contest:
    contest = Contest.objects.select_related("unit").filter(pk=contest_id).first()
    if contest is None or not manages(user, contest):
        raise Http404
    return contest


def own_attempt(request, attempt_id: int) -> Attempt:
    """An attempt of the caller (member or guest); anyone else's is 404."""
    attempt = (
        Attempt.objects.select_related("entrant__member__branch", "round__contest")
        .filter(pk=attempt_id)
        .first()
    )
    if attempt is None:
        raise Http404
    g = guest(request)
    if g is not None and attempt.entrant_id == g.pk:
        return attempt
    user = request.user if g is None else None
    member_id = getattr(user, "member_id", None) if getattr(user, "is_authenticated", False) else None
    if member_id is not None and attempt.entrant.member_id == member_id:
        return attempt
    raise Http404


def visible_course(user, course_id: int) -> Course:
    course = Course.objects.select_related("unit").filter(pk=course_id).first()
    if course is None:
        raise Http404
    if manages(user, course):
        return course
    member = _member(user)
    if member is not None and _inside(member.branch.path, course.unit.path):
        return course
    raise Http404


def lesson_reader(user, course: Course) -> bool:
    """A lesson's files go to the course's audience and to the organisers of its unit, nobody else."""
    if manages(user, course):
        return True
    member = _member(user)
    if member is None:
        return False
    from doanso.learning.courses import in_audience

    return in_audience(course, member)
