"""Demo work for every account, relative to the day the demo is seeded (issue 11):

- `chidoan.demo`'s commune issued a plan six weeks ago with a weekly report: the branch filed the
  early weeks on time but not the last two (late), and this week's is due; Thành đoàn Cần Thơ issued
  a plan ten days ago to carry out; the branch has this year's rating to enter (a draft) and a member
  transferring in to accept;
- `doanvien.demo` has a card number, last year's rating (submitted) and this month's dues to pay;
- Hà Nội ran a plan since the start of the year with a monthly report from every branch, its target
  shared among the wards: its dashboard has values at the city, each ward and each branch.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from doanso.members.models import (
    BatchStatus,
    Member,
    MemberHistory,
    MemberRating,
    MemberStatus,
    RatingBatch,
    RatingLevel,
    Transfer,
)
from doanso.org.models import Unit, UnitKind
from doanso.plans import api as plans
from doanso.plans.models import AppliesTo

WEEKLY = "FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0"
MONTHLY = "FREQ=MONTHLY;BYMONTHDAY=5;BYHOUR=17;BYMINUTE=0"


class OnTime(random.Random):
    """A "random" source that makes Filing submit every report a day before its deadline, approved."""

    def random(self) -> float:
        return 0.5

    def randint(self, a: int, b: int) -> int:
        return 24 if a <= 24 <= b else a


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def _branch_of(username: str) -> Unit:
    from doanso.accounts.models import Role

    return Role.objects.select_related("unit").get(user__username=username).unit


def _branch_week(log) -> None:
    """The commune's weekly report owed by chidoan.demo's branch (two late, one due this week)."""
    from doanso.demo.plans import Filing

    today = timezone.localdate()
    now = timezone.now()
    branch = _branch_of("chidoan.demo")
    commune = branch.parent
    issued = today - timedelta(days=42)
    plan = plans.create_plan(
        None,
        commune,
        title=f"Kế hoạch công tác Đoàn và phong trào thanh niên của {commune.name} năm {today.year}",
        issued_on=issued,
        period_start=str(issued.year),
        period_end=str(today.year + (1 if today.month == 12 else 0)),
        place="Cần Thơ",
    )
    target = plans.add_target(None, plan, indicator="TN_LUOT", value="2000", period=str(today.year))
    siblings = list(Unit.objects.filter(parent=commune, active=True).order_by("path"))
    plans.allocate_proportional(None, target, siblings)
    weekly = plans.add_obligation(
        None, plan, title="Báo cáo tuần", due_rule=WEEKLY, indicators=["TN_LUOT", "CAY_XANH"]
    )
    plans.issue_plan(None, plan)
    filing = Filing()
    rng = random.Random(11)
    for p, deadline in weekly.rule.occurrences(issued, today):
        if deadline >= now:
            continue
        recent = now - deadline < timedelta(days=15)
        for u in siblings:
            if u.pk == branch.pk and recent:
                continue  # the last two weeks: late
            vals = {"TN_LUOT": rng.randint(10, 40), "CAY_XANH": rng.randint(0, 20)}
            filing.file(OnTime() if u.pk == branch.pk else rng, weekly, u, p, deadline, vals)
    n = filing.flush()
    city = Unit.objects.get(code="CT")
    received = plans.create_plan(
        None,
        city,
        title="Kế hoạch ra quân Chiến dịch tình nguyện Mùa đông ấm",
        issued_on=today - timedelta(days=10),
        period_start=str(today.year),
        place="Cần Thơ",
        issue=True,
    )
    log(f"Việc của chi đoàn: {plan.symbol} ({n} báo cáo tuần đã nộp), {received.symbol} cần thực hiện")


def _branch_members(log) -> None:
    """Ratings to enter, a transfer to accept, a member with a card, a rating and dues to pay."""
    today = timezone.localdate()
    branch = _branch_of("chidoan.demo")
    RatingBatch.objects.get_or_create(branch=branch, year=today.year, defaults={"term": f"{today.year}"})
    other = (
        Member.objects.filter(branch__parent=branch.parent, status=MemberStatus.ACTIVE)
        .exclude(branch=branch)
        .order_by("id")
        .first()
    )
    if other:
        Transfer.objects.create(
            member=other, from_branch=other.branch, to_branch=branch, reason="Chuyển nơi cư trú"
        )
    from doanso.accounts.models import User

    me = User.objects.get(username="doanvien.demo").member
    if not me.card_number:
        Member.objects.filter(pk=me.pk).update(card_number=f"{me.pk:08d}")
    if not me.history.exists():
        joined = me.admitted_on or today.replace(year=today.year - 3)
        MemberHistory.objects.bulk_create(
            [
                MemberHistory(member=me, kind="create", branch=branch, at=_at(joined)),
                MemberHistory(member=me, kind="update", branch=branch, at=_at(today - timedelta(days=120))),
                MemberHistory(member=me, kind="rating", branch=branch, at=_at(today - timedelta(days=60))),
            ]
        )
    last = today.year - 1
    batch, _ = RatingBatch.objects.get_or_create(
        branch=branch, year=last, defaults={"term": f"{last}", "status": BatchStatus.SUBMITTED}
    )
    if batch.status == BatchStatus.SUBMITTED:
        MemberRating.objects.get_or_create(
            batch=batch, member=me, defaults={"year": last, "level": RatingLevel.GOOD}
        )
    log(f"Đoàn viên: xếp loại {today.year} chờ nhập, {1 if other else 0} chuyển sinh hoạt chờ tiếp nhận")


def _hanoi(log) -> None:
    """A year-long Hà Nội plan, a monthly report from every branch: values at every level."""
    from doanso.demo.plans import Filing

    today = timezone.localdate()
    now = timezone.now()
    hn = Unit.objects.get(code="HN")
    lo, hi = hn.subtree_range
    wards = list(Unit.objects.filter(parent=hn, active=True).order_by("path"))
    branches = list(
        Unit.objects.filter(path__gte=lo, path__lt=hi, kind=UnitKind.CHI_DOAN, active=True).order_by("path")
    )
    if not branches:
        return
    plan = plans.create_plan(
        None,
        hn,
        title=f"Kế hoạch thực hiện chương trình công tác Đoàn năm {today.year}",
        issued_on=today.replace(month=1, day=2) if today.month > 1 else today - timedelta(days=60),
        period_start=str(today.year),
        place="Hà Nội",
        department="BTC",
    )
    # about 120 participations a month per branch: the year's target is what a year of that gives
    per_year = len(branches) * 120 * 12
    target = plans.add_target(None, plan, indicator="TN_LUOT", value=str(per_year), period=str(today.year))
    plans.add_target(None, plan, indicator="CAY_XANH", value=str(len(branches) * 600), period=str(today.year))
    plans.allocate_proportional(None, target, wards)
    monthly = plans.add_obligation(
        None,
        plan,
        title="Báo cáo tháng",
        due_rule=MONTHLY,
        indicators=["TN_LUOT", "CAY_XANH"],
        applies_to=AppliesTo.CHOSEN,
        units=branches,
    )
    plans.issue_plan(None, plan)
    filing = Filing()
    rng = random.Random(2026)
    for p, deadline in monthly.rule.occurrences(plan.issued_on, today):
        if deadline >= now:
            continue
        for u in branches:
            filing.file(
                rng,
                monthly,
                u,
                p,
                deadline,
                {"TN_LUOT": rng.randint(80, 160), "CAY_XANH": rng.randint(20, 90)},
            )
    n = filing.flush()
    log(f"Hà Nội: {plan.symbol} ({len(wards)} phường, {len(branches)} chi đoàn, {n} báo cáo tháng)")


def step(ctx) -> None:
    _branch_week(ctx.log)
    _branch_members(ctx.log)
    _hanoi(ctx.log)
