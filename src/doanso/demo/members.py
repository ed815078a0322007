"""Demo data for the registry: past ratings, transfers, nominations and dues (a seed step).

Deterministic and bounded: a sample of branches gets full years of ratings and dues, so the
step stays quick at every scale. The demo secretary's own branch is left to rate 2025.
"""

import random
from datetime import date

from doanso.members import counters, selectors
from doanso.members import dues as dues_math
from doanso.members.actions import transfers
from doanso.members.models import (
    BatchStatus,
    DuesPayment,
    DuesRate,
    DuesRule,
    Member,
    MemberRating,
    Nomination,
    RatingBatch,
)
from doanso.org.models import Unit

SAMPLE_BRANCHES = 120
YEARS = (2024, 2025)
LEVEL_WEIGHTS = ["htxs"] * 30 + ["htt"] * 45 + ["ht"] * 20 + ["kht"] * 5


def _rates():
    return {(r.category): r for r in DuesRate.objects.filter(valid_to__isnull=True)}


def seed_registry(ctx) -> None:
    """The demo's member registry (ratings, transfers, nominations, dues). Long because it is demo data
    written out step by step; no product code runs it."""
    from doanso.accounts.models import User

    rng = random.Random(2025)
    tw = User.objects.get(username="tw.admin")
    demo_branch = User.objects.get(username="chidoan.demo").roles.first().unit
    demo_member = User.objects.get(username="doanvien.demo").member_id
    branches = list(
        Unit.objects.filter(kind="chi_doan", active=True)
        .exclude(pk=demo_branch.pk)
        .exclude(code__startswith="HCM")
        .order_by("path")[:SAMPLE_BRANCHES]
    )
    members_of: dict[int, list[Member]] = {}
    for m in (
        Member.objects.filter(branch__in=branches, status="active")
        .only("id", "branch_id", "admitted_on", "occupation")
        .order_by("id")
    ):
        members_of.setdefault(m.branch_id, []).append(m)
    batches, ratings, nominations, dues = [], [], [], []
    rates = _rates()
    rule = DuesRule.objects.filter(valid_from__lte=date(YEARS[-1], 1, 1)).order_by("-valid_from").first()
    if rule is None:  # a flushed database (transactional tests) has lost the migrated rules and rates
        rates = {}
    keep = selectors.keep_share(rule) if rule else None
    for year in YEARS:
        for b in branches:
            batches.append(
                RatingBatch(
                    branch=b,
                    year=year,
                    term="2023-2027",
                    status=BatchStatus.APPROVED,
                    created_by=tw,
                    approved_by=tw,
                )
            )
    RatingBatch.objects.bulk_create(batches, batch_size=2000)
    for batch in batches:
        end = date(batch.year, 9, 30)
        for m in members_of.get(batch.branch_id, []):
            if m.admitted_on and m.admitted_on <= end:
                ratings.append(
                    MemberRating(
                        batch=batch,
                        member_id=m.pk,
                        year=batch.year,
                        level=LEVEL_WEIGHTS[int(rng.random() * len(LEVEL_WEIGHTS))],
                    )
                )
    MemberRating.objects.bulk_create(ratings, batch_size=5000)
    for b in branches:
        ms = members_of.get(b.pk, [])
        for year in YEARS:
            if ms and rng.random() < 0.3:
                m = ms[int(rng.random() * len(ms))]
                if m.pk != demo_member and not any(n.member_id == m.pk for n in nominations):
                    nominations.append(
                        Nomination(
                            member_id=m.pk,
                            branch=b,
                            year=year,
                            nominated_by=tw,
                            nominated_on=date(year, 5, 19),
                            outcome="admitted" if rng.random() < 0.6 else "not_admitted",
                            outcome_on=date(year, 12, 1),
                        )
                    )
        for month in range(1, 13):
            for m in ms:
                rate = rates.get(selectors.dues_category(m.occupation))
                if rate is not None and rng.random() < 0.85:
                    share = dues_math.split(rate.monthly_amount, keep)
                    dues.append(
                        DuesPayment(
                            member_id=m.pk,
                            branch=b,
                            month=f"2025-{month:02d}",
                            category=rate.category,
                            amount=rate.monthly_amount,
                            kept=share.kept,
                            sent_up=share.sent_up,
                            paid_on=date(2025, month, 10),
                            recorded_by=tw,
                        )
                    )
    Nomination.objects.bulk_create(nominations, batch_size=2000)
    Member.objects.filter(pk__in=[n.member_id for n in nominations if n.outcome == "admitted"]).update(
        party_member=True, party_admitted_on=date(2025, 12, 1)
    )
    DuesPayment.objects.bulk_create(dues, batch_size=5000)
    counters.rebuild_events()
    _transfers(tw, demo_branch)
    ctx.log(
        f"Sổ đoàn viên: {len(ratings):,} xếp loại, {len(nominations)} giới thiệu đảng, "
        f"{len(dues):,} lượt đoàn phí"
    )


def _transfers(tw, demo_branch) -> None:
    """One accepted transfer across provinces (Tuyên Quang → Cần Thơ) and pending ones both ways."""
    tq = list(Unit.objects.filter(kind="chi_doan", active=True, code__startswith="HGI-").order_by("code")[:2])
    ct = list(Unit.objects.filter(kind="chi_doan", active=True, code__startswith="HGG-").order_by("code")[:2])
    hn = Unit.objects.filter(kind="chi_doan", active=True, code__startswith="HN-").order_by("code").first()
    if not (tq and ct and hn):
        return
    ms = list(Member.objects.filter(branch=tq[0], status="active").order_by("id")[:2])
    if len(ms) == 2:
        t = transfers.request_transfer(tw, ms[0], ct[0], "Chuyển nơi cư trú")
        transfers.accept_transfer(tw, t, "Đã tiếp nhận")
        transfers.request_transfer(tw, ms[1], demo_branch, "Đi học tại Cần Thơ")
    m = Member.objects.filter(branch=ct[-1], status="active").order_by("id").first()
    if m:
        transfers.request_transfer(tw, m, hn, "Chuyển công tác ra Hà Nội")
