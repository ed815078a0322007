"""`doanso seed-demo`: a deterministic demo of the real post-2025 Union.

The tree starts as the 63 provinces of 2024 (with districts, communes and branches) and
the 2025 merger is applied as dated restructuring on 2025-07-01. Members are streamed.
Later features add their own demo steps to STEPS.
"""

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from doanso.accounts.models import Role, RoleKind, User
from doanso.core import bulk
from doanso.core.text import fold
from doanso.demo.names import GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE, weighted_family
from doanso.demo.tree import TreeBuilder, unit_rows
from doanso.members import counters as member_counters
from doanso.members.models import Member
from doanso.org import counters as org_counters
from doanso.org.models import RestructureEvent, Unit, UnitVersion

DEMO_PASSWORD = "doanso-demo"
TODAY = date(2026, 11, 23)


@dataclass
class SeedContext:
    scale: str
    builder: TreeBuilder
    password: str
    log: Callable[[str], None]
    accounts: list[tuple[str, str]]


# Demo steps of the feature apps (demo/members.py, demo/plans.py), run in order after the tree,
# members and accounts exist. Imported when run, so building the tree alone stays quick.
def _members_registry(ctx: "SeedContext") -> None:
    from doanso.demo.members import seed_registry

    seed_registry(ctx)


def _plans(ctx: "SeedContext") -> None:
    from doanso.demo.plans import step

    step(ctx)


def _work(ctx: "SeedContext") -> None:
    from doanso.demo.work import step

    step(ctx)


# The participation apps' demo steps: `doanso/demo/<name>.py` with a `step(ctx)`, run in this order
# when the module exists (each app's step lands with the app).
APP_STEPS = ("places", "activities", "learning", "credentials", "outreach", "ideas", "surveys", "exemplars")


def _apps(ctx: "SeedContext") -> None:
    import importlib.util

    for name in APP_STEPS:
        module = f"doanso.demo.{name}"
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module).step(ctx)


STEPS: list[Callable[["SeedContext"], None]] = [_members_registry, _plans, _work, _apps]

UNIT_COLUMNS = (
    "id",
    "code",
    "name",
    "kind",
    "parent_id",
    "path",
    "depth",
    "active",
    "founded_on",
    "dissolved_on",
    "successor_id",
    "search_text",
)
# branch_id comes last: a row is a person template plus the branch it is placed in.
MEMBER_COLUMNS = (
    "full_name",
    "search_name",
    "birth_date",
    "gender",
    "status",
    "version",
    "birth_year",
    "occupation",
    "ethnicity",
    "admitted_on",
    "admitted_year",
    "joined_branch_on",
    "branch_id",
)
OCCUPATIONS = (
    ["truong_hoc"] * 40
    + ["dia_ban"] * 30
    + ["cong_nhan"] * 14
    + ["cong_chuc"] * 10
    + ["llvt"] * 3
    + ["khac"] * 3
)
ETHNICITIES = ["Kinh"] * 86 + [
    "Tày",
    "Thái",
    "Mường",
    "Khmer",
    "Hoa",
    "Nùng",
    "H'Mông",
    "Dao",
    "Gia Rai",
    "Ê Đê",
    "Ba Na",
    "Chăm",
    "Sán Dìu",
    "Xơ Đăng",
]
TEMPLATES = 1 << 16  # distinct generated people; millions of members reuse them like common names recur


def person_templates(seed: int = 63, k: int = TEMPLATES) -> list[tuple]:
    """k people (every member column but the branch), drawn from name pools by index."""
    rng = random.Random(seed)
    r, r2 = rng.random, random.Random(seed + 1).random
    fam = weighted_family()
    fam_f = [fold(x) for x in fam]
    pools = {
        "nam": (MIDDLE_MALE, [fold(x) for x in MIDDLE_MALE], GIVEN_MALE, [fold(x) for x in GIVEN_MALE]),
        "nu": (
            MIDDLE_FEMALE,
            [fold(x) for x in MIDDLE_FEMALE],
            GIVEN_FEMALE,
            [fold(x) for x in GIVEN_FEMALE],
        ),
    }
    statuses = ["active"] * 92 + ["transferred"] * 3 + ["matured"] * 4 + ["removed"]
    base = TODAY.toordinal()
    days = [TODAY.replace(year=TODAY.year - 16).toordinal() - base - i for i in range(0, 14 * 365, 7)]
    nf, no, ne = len(fam), len(OCCUPATIONS), len(ETHNICITIES)
    out = []
    for _ in range(k):
        g = "nam" if r() < 0.49 else "nu"
        mids, mids_f, givens, givens_f = pools[g]
        i, j, m = int(r() * nf), int(r() * len(mids)), int(r() * len(givens))
        born = date.fromordinal(base + days[int(r() * len(days))])
        admitted = min(date.fromordinal(born.toordinal() + 5845 + int(r2() * 1500)), TODAY)  # ≈ 16 to 20
        out.append(
            (
                f"{fam[i]} {mids[j]} {givens[m]}",
                f"{fam_f[i]} {mids_f[j]} {givens_f[m]}",
                born,
                g,
                statuses[int(r() * 100)],
                1,
                born.year,
                OCCUPATIONS[int(r2() * no)],
                ETHNICITIES[int(r2() * ne)],
                admitted,
                admitted.year,
                admitted,
            )
        )
    return out


def member_rows(builder: TreeBuilder, seed: int = 63) -> Iterator[tuple]:
    """Members for every branch: consecutive person templates from a random offset (streamed)."""
    rng = random.Random(seed)
    people = person_templates(seed, min(TEMPLATES, 4096 if builder.scale.members[1] < 50 else TEMPLATES))
    mask = len(people) - 1
    lo, hi = builder.scale.members
    for br in builder.branches():
        n = max(3, round(rng.randint(lo, hi) * br.member_weight))
        start, bid = int(rng.random() * len(people)), (br.id,)
        for i in range(start, start + n):
            yield people[i & mask] + bid


def _write_tree(builder: TreeBuilder) -> None:
    bulk.load(Unit._meta.db_table, UNIT_COLUMNS, unit_rows(builder.units))
    versions = ((u.id, v[0], v[1], v[2], v[3], v[4]) for u in builder.units for v in u.versions)
    bulk.load(
        UnitVersion._meta.db_table,
        ("unit_id", "parent_id", "name", "kind", "valid_from", "valid_to"),
        versions,
    )
    events = [RestructureEvent(kind=k, effective_on=on, details=d) for k, on, _, d in builder.events]
    RestructureEvent.objects.bulk_create(events, batch_size=2000)
    through = RestructureEvent.units.through
    through.objects.bulk_create(
        [
            through(restructureevent_id=ev.pk, unit_id=u.id)
            for ev, (_, _, us, _) in zip(events, builder.events, strict=True)
            for u in us
        ],
        batch_size=5000,
    )
    bulk.reset_sequences(Unit, UnitVersion)


def _account(username: str, password_hash: str, unit: Unit, role: str, **extra) -> User:
    user = User(username=username, email=f"{username}@demo.doanso.vn", password=password_hash, **extra)
    user.save()
    Role.objects.create(user=user, unit=unit, role=role)
    return user


def _accounts(ctx: SeedContext) -> None:
    # One Argon2 hash for all demo accounts: they share the demo password anyway, and
    # hashing is deliberately slow (it would dominate the tiny seed used by every test run).
    pw = make_password(ctx.password)
    by_code = {u.code: u for u in Unit.objects.filter(code__in=["TW", "HN", "HCM", "CT"])}
    admins = [
        ("tw.admin", "TW", "Trung ương Đoàn"),
        ("hn.admin", "HN", "Thành đoàn Hà Nội"),
        ("hcm.admin", "HCM", "Thành đoàn TP. Hồ Chí Minh"),
        ("ct.admin", "CT", "Thành đoàn Cần Thơ"),
    ]
    for username, code, label in admins:
        _account(username, pw, by_code[code], RoleKind.ADMIN, first_name=label)
        ctx.accounts.append((username, label))
    # A branch in Cần Thơ that belonged to Tỉnh đoàn Sóc Trăng before the merger.
    branch = (
        Unit.objects.filter(kind="chi_doan", active=True, code__startswith="ST-").order_by("code").first()
        or Unit.objects.filter(kind="chi_doan", active=True).order_by("code").first()
    )
    _account("chidoan.demo", pw, branch, RoleKind.ADMIN, first_name="Bí thư chi đoàn", phone="0912000001")
    ctx.accounts.append(("chidoan.demo", f"Bí thư {branch.name} ({branch.code})"))
    member = Member.objects.filter(branch=branch, status="active").order_by("id").first()
    _account(
        "doanvien.demo",
        pw,
        branch,
        RoleKind.MEMBER,
        first_name=member.full_name,
        member=member,
        phone="0912000002",
    )
    ctx.accounts.append(("doanvien.demo", f"Đoàn viên {member.full_name}"))


def seed(
    scale: str = "small", password: str = DEMO_PASSWORD, log: Callable[[str], None] = print
) -> SeedContext:
    t0 = time.monotonic()
    builder = TreeBuilder(scale).build()
    ctx = SeedContext(scale, builder, password, log, [])
    with transaction.atomic():
        if connection.vendor == "sqlite":
            with connection.cursor() as cur:
                cur.execute("PRAGMA defer_foreign_keys = ON")
                cur.execute("PRAGMA cache_size = -131072")  # 128 MB page cache while building indexes
        _write_tree(builder)
        log(f"Đơn vị: {len(builder.units):,} ({time.monotonic() - t0:.1f} s)")
        with bulk.indexes_deferred(Member._meta.db_table, allow_schema_changes=True):  # an operator's seed
            n = bulk.load(Member._meta.db_table, MEMBER_COLUMNS, member_rows(builder))
        log(f"Đoàn viên: {n:,} ({time.monotonic() - t0:.1f} s)")
        member_counters.rebuild_all()
        org_counters.rebuild_units()
        log(f"Bộ đếm: ({time.monotonic() - t0:.1f} s)")
        _accounts(ctx)
        for step in STEPS:
            step(ctx)
            log(f"{step.__name__.strip('_')}: ({time.monotonic() - t0:.1f} s)")
    log(f"Xong sau {time.monotonic() - t0:.1f} s.")
    return ctx
