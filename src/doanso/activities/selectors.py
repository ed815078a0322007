"""Reads of activities, always inside what the user may see."""

import functools

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from doanso.accounts.scoping import scope_for
from doanso.activities.models import Activity, ActivityType, Organiser
from doanso.core import bulk, prepared
from doanso.members.api import Member
from doanso.org.models import Unit
from doanso.org.tree import ancestor_ids


def managed(user) -> QuerySet:
    """Activities the user runs: organised (chủ trì or phối hợp) by a unit of their scope."""
    scope = scope_for(user)
    co = Organiser.objects.filter(Q(activity=OuterRef("pk")) & scope.q("unit__path"))
    return Activity.objects.filter(scope.q("unit__path") | Q(Exists(co)))


def _member_branch_path(user) -> str | None:
    member = getattr(user, "member", None) if getattr(user, "member_id", None) else None
    return member.branch.path if member is not None else None


def open_to(user) -> QuerySet:
    """Activities a member may join: their branch is inside the audience (or, with no audience
    set, inside the organiser's subtree)."""
    path = _member_branch_path(user)
    if path is None:
        return Activity.objects.none()
    ancestors = ancestor_ids(path)
    through = Activity.audience.through
    in_audience = through.objects.filter(activity=OuterRef("pk"), unit_id__in=ancestors)
    any_audience = through.objects.filter(activity=OuterRef("pk"))
    return Activity.objects.filter(
        Q(Exists(in_audience)) | (~Q(Exists(any_audience)) & Q(unit_id__in=ancestors))
    )


def visible(user) -> QuerySet:
    return Activity.objects.filter(
        Q(pk__in=managed(user).values("pk")) | Q(pk__in=open_to(user).values("pk"))
    )


def get_visible(user, activity_id: int) -> Activity:
    a = visible(user).select_related("unit", "type", "campaign").filter(pk=activity_id).first()
    if a is None:
        raise Http404
    return a


@functools.cache
def _for_check_in_sql(vendor: str) -> str:
    q = connection.ops.quote_name
    a_t, u_t, t_t, m_t = (q(m._meta.db_table) for m in (Activity, Unit, ActivityType, Member))
    aud_t = q(Activity.audience.through._meta.db_table)
    return (
        f"SELECT {bulk.columns(Activity, 'a')}, u.path, t.code, au.unit_id, "
        "mm.m_id, mm.m_name, mm.m_status, mm.m_branch, mm.m_path "
        f"FROM {a_t} a JOIN {u_t} u ON u.id = a.unit_id JOIN {t_t} t ON t.id = a.type_id "
        f"LEFT JOIN {aud_t} au ON au.activity_id = a.id LEFT JOIN ("
        "SELECT m.id AS m_id, m.full_name AS m_name, m.status AS m_status, m.branch_id AS m_branch, "
        f"b.path AS m_path FROM {m_t} m JOIN {u_t} b ON b.id = m.branch_id WHERE m.id = %s"
        ") mm ON 1 = 1 WHERE a.id = %s"
    )


def for_check_in(activity_id: int, member_id: int | None = None) -> tuple[Activity | None, Member | None]:
    """The activity with what a check-in reads — its unit's path, its type's code, and its audience's
    unit ids in `audience_ids` — and the member checking in (name, status, branch path), in one
    statement written out, not built by the ORM: the hottest read of a crowd checking in
    (bench/locust/peak.py). The unit, type, member and branch hold only those fields; any other is
    loaded when first read."""
    if not 0 < activity_id < 2**63:  # a key no row has (and SQLite cannot bind)
        return None, None
    if member_id is not None and not 0 < member_id < 2**63:
        member_id = None
    with prepared.cursor() as cur:
        cur.execute(_for_check_in_sql(connection.vendor), [member_id, activity_id])
        rows = cur.fetchall()
    if not rows:
        return None, None
    n = len(Activity._meta.concrete_fields)
    a = bulk.from_row(Activity, rows[0][:n])
    unit_path, type_code, _, m_id, m_name, m_status, m_branch, m_path = rows[0][n:]
    a.unit = Unit.from_db(connection.alias, ["id", "path"], [a.unit_id, unit_path])
    a.type = ActivityType.from_db(connection.alias, ["id", "code"], [a.type_id, type_code])
    a.audience_ids = {r[n + 2] for r in rows if r[n + 2] is not None}
    member = None
    if m_id is not None:
        fields = ["id", "full_name", "status", "branch_id"]
        member = Member.from_db(connection.alias, fields, [m_id, m_name, m_status, m_branch])
        member.branch = Unit.from_db(connection.alias, ["id", "path"], [m_branch, m_path])
    return a, member


def get_managed(user, activity_id: int) -> Activity:
    """The activity if the user runs it (as `managed`), else 404."""
    a = Activity.objects.select_related("unit", "type", "campaign").filter(pk=activity_id).first()
    return _run_by(user, a)


def get_managed_for_check_in(
    user, activity_id: int, member_id: int | None = None
) -> tuple[Activity, Member | None]:
    """`get_managed`, read as `for_check_in` reads it (with the member to check in)."""
    a, member = for_check_in(activity_id, member_id)
    return _run_by(user, a), member


def _run_by(user, a: Activity | None) -> Activity:
    """404 unless the user runs `a`. Checked against the scope's paths in Python: the scope test
    `managed` builds (OR of ranges plus an EXISTS) costs more to compile than to run, and staff
    checking a crowd in read this for every scan."""
    if a is None:
        raise Http404
    scope = scope_for(user)
    if scope.covers(a.unit.path):
        return a
    co = Organiser.objects.filter(activity=a).values_list("unit__path", flat=True)
    if not any(scope.covers(path) for path in co):
        raise Http404
    return a


def can_manage(user, activity: Activity) -> bool:
    return managed(user).filter(pk=activity.pk).exists()


def member_eligible(activity: Activity, branch_path: str) -> bool:
    """Whether a member of this branch is inside the activity's audience."""
    ancestors = set(ancestor_ids(branch_path))
    audience = getattr(activity, "audience_ids", None)  # read with the activity by `for_check_in`
    if audience is None:
        audience = set(activity.audience.values_list("id", flat=True))
    if audience:
        return bool(audience & ancestors)
    return activity.unit_id in ancestors


def types_for(user) -> QuerySet:
    """National types plus those added by units on the user's path (theirs and their ancestors')."""
    scope = scope_for(user)
    ids: set[int] = set()
    for p in scope.paths:
        ids.update(ancestor_ids(p))
    path = _member_branch_path(user)
    if path:
        ids.update(ancestor_ids(path))
    return ActivityType.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=ids))


def units_above(unit: Unit) -> list[int]:
    return ancestor_ids(unit.path)[:-1]
