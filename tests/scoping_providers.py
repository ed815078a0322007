"""Path parameter values pointing into the victim province's data (tests/api/test_scoping_every_route.py).

Each feature app adds its ids here; a provider may create the row it needs (without auditing).
"""


def _members(victim):
    from doanso.members.models import Member, Nomination, Transfer
    from doanso.org.models import Unit

    lo, hi = victim.subtree_range

    def member():
        return Member.objects.filter(branch__path__gte=lo, branch__path__lt=hi).order_by("id").first()

    def transfer():
        m = member()
        t = Transfer.objects.filter(member=m, status="pending").first()
        if t is None:
            other = (
                Unit.objects.filter(kind="chi_doan", active=True, path__gte=lo, path__lt=hi)
                .exclude(pk=m.branch_id)
                .first()
            )
            t = Transfer.objects.create(member=m, from_branch=m.branch, to_branch=other)
        return t.pk

    def nomination():
        m = member()
        n, _ = Nomination.objects.get_or_create(
            member=m, year=2024, defaults={"branch": m.branch, "nominated_on": "2024-05-01"}
        )
        return n.pk

    return {
        "member_id": lambda: member().pk,
        "transfer_id": transfer,
        "nomination_id": nomination,
        "import_id": lambda: _import(victim),
    }


def _import(victim):
    from doanso.members.models import MemberImport

    return MemberImport.objects.create(unit=victim, file_name="x.csv").pk


def _plans(victim):
    from datetime import date, datetime

    from doanso.org.models import Unit
    from doanso.plans.models import Assignment, Indicator, Obligation, Plan, Target
    from doanso.plans.periods import TZ
    from doanso.reports.models import Report

    def plan():
        p, _ = Plan.objects.get_or_create(
            issuer=victim,
            title="Kế hoạch của HCM",
            defaults={
                "year": 2026,
                "issued_on": date(2026, 1, 5),
                "period_start": "2026",
                "period_end": "2026",
            },
        )
        return p

    def target():
        ind = Indicator.objects.get(code="TN_LUOT")
        t, _ = Target.objects.get_or_create(plan=plan(), indicator=ind, period="2026", defaults={"value": 10})
        return t.pk

    def report():
        ob, _ = Obligation.objects.get_or_create(
            plan=plan(), title="Báo cáo tuần", due_rule="weekly FR 12:00"
        )
        child = Unit.objects.filter(parent=victim, active=True).order_by("path").first()
        Assignment.objects.get_or_create(obligation=ob, unit=child)
        return Report.objects.get_or_create(
            obligation=ob,
            unit=child,
            period="2026W2",
            defaults={"due_at": datetime(2026, 1, 9, 12, tzinfo=TZ)},
        )[0].pk

    return {"plan_id": lambda: plan().pk, "target_id": target, "report_id": report}


def _planimport(victim):
    from doanso.planimport.models import PlanDraft

    def draft():
        d = PlanDraft.objects.filter(unit=victim).first()
        if d is None:
            d = PlanDraft.objects.create(
                unit=victim,
                file_name="ke-hoach-hcm.txt",
                source_text="KẾ HOẠCH\nPhấn đấu 100 lượt.",
                extracted={"title": "Kế hoạch của HCM", "targets": []},
                reviewed={"title": "Kế hoạch của HCM", "targets": [], "deadlines": [], "recurring": []},
            )
        return d.pk

    return {"draft_id": draft}


def providers(victim) -> dict:
    out: dict = {}
    out.update(_members(victim))
    out.update(_plans(victim))
    out.update(_planimport(victim))
    return out
