"""Path parameter values pointing into the victim province's data (tests/api/test_scoping_every_route.py).

Each feature app adds its ids here; a provider may create the row it needs (without auditing).
"""

from datetime import date


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


# ---------------------------------------------------------------------------- request bodies
#
# tests/scopewalk.py builds each API body from the route's OpenAPI schema; a field named below gets
# this value (pointing at the victim's data) instead of a generated one. Helpers take the walk's World
# (`w.victim`, `w.victim_user`, `w.id(name)`), and may create rows: each case runs in a savepoint.

YEAR = 2026


def branches(w, n: int = 2):
    """Active branches of the victim province, in path order."""
    from doanso.org.models import Unit

    lo, hi = w.victim.subtree_range
    return list(
        Unit.objects.filter(kind="chi_doan", active=True, path__gte=lo, path__lt=hi).order_by("path")[:n]
    )


def child(w):
    """An active child of the victim province (a unit its plans can allocate to)."""
    from doanso.org.models import Unit

    return Unit.objects.filter(parent=w.victim, active=True).order_by("path").first()


def free_member(w, branch=None):
    """An active, non-Party member of a victim branch with no pending transfer or nomination this year,
    who has been in the Union and the branch long enough to be rated."""
    from doanso.members.models import Member

    qs = Member.objects.filter(status="active", party_member=False, branch__in=[branch or branches(w)[0]])
    qs = qs.exclude(transfers__status="pending").exclude(nominations__year=YEAR)
    m = qs.order_by("id").first()
    Member.objects.filter(pk=m.pk).update(admitted_on=date(2015, 3, 26), joined_branch_on=date(2020, 1, 1))
    m.refresh_from_db()
    return m


def plan(w):
    return __import__("doanso.plans.models", fromlist=["Plan"]).Plan.objects.get(pk=w.id("plan_id"))


def obligation(w):
    """A weekly report of the victim's plan, owed by its first child."""
    from doanso.plans.models import Assignment, Indicator, Obligation

    ob, _ = Obligation.objects.get_or_create(plan=plan(w), title="Báo cáo tuần", due_rule="weekly FR 12:00")
    ob.indicators.add(Indicator.objects.get(code="TN_LUOT"))
    Assignment.objects.get_or_create(obligation=ob, unit=child(w))
    return ob


def report(w, status: str = "draft"):
    """The victim child's weekly report, in the given state."""
    from doanso.reports import services
    from doanso.reports.models import Report

    r = Report.objects.get(pk=w.id("report_id"))
    r.obligation.indicators.add(
        __import__("doanso.plans.models", fromlist=["x"]).Indicator.objects.get(code="TN_LUOT")
    )
    if status == "submitted":
        services.submit(w.victim_user, r, {"TN_LUOT": 12}, "Đã làm.")
        r.refresh_from_db()
    return r


def rating_batch(w, status: str):
    from doanso.members import services

    b = branches(w)[0]
    m = free_member(w, b)
    services.save_ratings(w.victim_user, b, YEAR, {m.pk: ("ht", "")})
    if status == "submitted":
        services.submit_ratings(w.victim_user, b, YEAR)
    return b


def card_payload(w):
    from doanso.members import card

    m = free_member(w)
    return card.payload(m.pk, m.card_number)


BODY_FIELDS = {
    "issuer": lambda w: w.victim.code,
    "indicator": lambda w: "TN_LUOT",
    "indicators": lambda w: ["TN_LUOT"],
    "to_branch": lambda w: branches(w)[1].code,
    "member_ids": lambda w: [free_member(w).pk],
    "month": lambda w: f"{YEAR}-11",
    "due_rule": lambda w: "weekly FR 12:00",
    "purpose": lambda w: "contact",
    "guardian_name": lambda w: "Nguyễn Văn Bình",
    "outcome": lambda w: "admitted",
    "payload": card_payload,
    "period_start": lambda w: str(YEAR),
    "title": lambda w: "Kế hoạch thử nghiệm",
    "level": lambda w: "ht",
    "year": lambda w: YEAR,
}


def _set(**values):
    """A tweak that puts values (callables of the world) into the request's body/query/path."""

    def tweak(w, req):
        for where_name, fn in values.items():
            where, name = where_name.split("__")
            if where == "body" and req["body"] is None:
                req["body"] = {}
            req[where][name] = fn(w) if callable(fn) else fn

    return tweak


def _chain(*tweaks):
    def tweak(w, req):
        for t in tweaks:
            t(w, req)

    return tweak


def _member(pick=lambda w: free_member(w)):
    return _set(path__member_id=lambda w: pick(w).pk)


def _branch_code(w):
    return branches(w)[0].code


def _ratings_body(w):
    b = branches(w)[0]
    return {"year": YEAR, "ratings": [{"member_id": free_member(w, b).pk, "level": "ht", "note": ""}]}


def _version(w, req):
    from doanso.members.models import Member

    req["body"]["version"] = Member.objects.get(pk=req["path"]["member_id"]).version
    req["body"]["phone"] = "0912345678"


def _transfer_into(w, req):
    req["path"]["transfer_id"] = w.id("transfer_id")


def _pending_nomination(w, req):
    from doanso.members.models import Nomination

    Nomination.objects.filter(pk=req["path"].setdefault("nomination_id", w.id("nomination_id"))).update(
        outcome="pending"
    )


def _report_values(status):
    def tweak(w, req):
        r = report(w, status)
        req["path"]["report_id"] = r.pk
        if status == "draft":
            req["body"] = {"values": {"TN_LUOT": 7}, "narrative": "Tuần này.", "version": r.version}
        else:
            req["body"] = {"comment": "Cần bổ sung số liệu.", "version": r.version}

    return tweak


def _allocation_body(w, req):
    req["body"] = {"method": "manual", "shares": {child(w).code: 5}}


def _adopt_body(w, req):
    from doanso.plans.models import Allocation, Target

    t = Target.objects.get(pk=w.id("target_id"))
    Allocation.objects.update_or_create(target=t, unit=child(w), defaults={"value": 4})
    req["body"] = {"unit": child(w).code, "title": "Kế hoạch thực hiện"}


def _draft_review(w, req):
    # The schema names this body ReviewIn, like the reports' review body, so OpenAPI shows the other one.
    req["body"] = {"title": "Kế hoạch đã soát", "targets": [], "deadlines": [], "recurring": []}


def _open_report(w, req):
    ob = obligation(w)
    req["body"] = {"obligation": ob.pk, "unit": child(w).code, "period": f"{YEAR}W3"}


def _open_report_ancestor_plan(w, req):
    """The obligation of a plan the attacker may read (the centre's), filed for a victim unit."""
    from doanso.org.models import Unit
    from doanso.plans.models import Assignment, Indicator, Obligation, Plan

    tw = Unit.objects.get(code="TW")
    p, _ = Plan.objects.get_or_create(
        issuer=tw,
        title="Kế hoạch của Trung ương",
        defaults={
            "year": YEAR,
            "issued_on": date(YEAR, 1, 5),
            "period_start": str(YEAR),
            "period_end": str(YEAR),
        },
    )
    ob, _ = Obligation.objects.get_or_create(plan=p, title="Báo cáo tuần TW", due_rule="weekly FR 12:00")
    ob.indicators.add(Indicator.objects.get(code="TN_LUOT"))
    Assignment.objects.get_or_create(obligation=ob, unit=w.victim)
    req["body"] = {"obligation": ob.pk, "unit": w.victim.code, "period": f"{YEAR}W3"}


def _ancestor_plan(w, req):
    """A plan the attacker may read (the centre's), looked at from the victim province."""
    from doanso.org.models import Unit
    from doanso.plans.models import Plan

    tw = Unit.objects.get(code="TW")
    p, _ = Plan.objects.get_or_create(
        issuer=tw,
        title="Kế hoạch của Trung ương",
        defaults={
            "year": YEAR,
            "issued_on": date(YEAR, 1, 5),
            "period_start": str(YEAR),
            "period_end": str(YEAR),
        },
    )
    req["path"]["plan_id"] = p.pk


def _listing_query(**q):
    def tweak(w, req):
        req["query"].update({k: (v(w) if callable(v) else v) for k, v in q.items()})

    return tweak


# POST routes that only read (the walk does not ask the victim's request to write).
READING_POSTS = {"POST /api/v1/members/card/verify"}

# Per route: {variant name: tweak(world, request)}; "" is the plain case. A route missing here is
# built from its schema alone.
API_VARIANTS = {
    "GET /api/v1/units": {"list": _listing_query(q="Hồ Chí Minh")},
    "GET /api/v1/transfers": {"list": lambda w, req: w.id("transfer_id")},
    "GET /api/v1/plans": {
        "list": lambda w, req: req["query"].pop("unit", None) and w.id("plan_id"),
        "unit": None,
    },
    "GET /api/v1/plans/drafts": {
        "list": lambda w, req: req["query"].pop("unit", None) and w.id("draft_id"),
        "unit": lambda w, req: w.id("draft_id"),
    },
    "GET /api/v1/units/{code}/ratings": {"": _set(path__code=_branch_code)},
    "POST /api/v1/units/{code}/ratings": {
        "": lambda w, req: req.update(body=_ratings_body(w)) or _set(path__code=_branch_code)(w, req)
    },
    "POST /api/v1/units/{code}/ratings/submit": {
        "": lambda w, req: req["path"].update(code=rating_batch(w, "saved").code),
    },
    "POST /api/v1/units/{code}/ratings/approve": {
        "": lambda w, req: req["path"].update(code=rating_batch(w, "submitted").code),
    },
    "GET /api/v1/units/{code}/dues": {"": _set(path__code=_branch_code)},
    "POST /api/v1/units/{code}/dues": {"": _set(path__code=_branch_code)},
    "PATCH /api/v1/members/{member_id}": {"": _chain(_member(), _version)},
    "POST /api/v1/members/{member_id}/status": {"": _chain(_member(), _set(body__status="removed"))},
    "POST /api/v1/members/{member_id}/transfers": {"": _member()},
    "POST /api/v1/members/{member_id}/nominations": {"": _member()},
    "POST /api/v1/members/{member_id}/consents": {"": _member()},
    "POST /api/v1/members/nominations/{nomination_id}/outcome": {"": _pending_nomination},
    "POST /api/v1/transfers/{transfer_id}/accept": {"": _transfer_into},
    "POST /api/v1/transfers/{transfer_id}/reject": {"": _transfer_into},
    "POST /api/v1/plans/{plan_id}/targets": {
        "": _set(body__value="85.000", body__period=str(YEAR)),
    },
    "POST /api/v1/plans/{plan_id}/targets/{target_id}/allocations": {"": _allocation_body},
    "POST /api/v1/plans/{plan_id}/obligations": {"": _set(body__applies_to="children")},
    "POST /api/v1/plans/{plan_id}/adopt": {"": _adopt_body},
    "POST /api/v1/reports": {"": _open_report, "ancestor plan": _open_report_ancestor_plan},
    "PUT /api/v1/reports/{report_id}": {"": _report_values("draft")},
    "POST /api/v1/reports/{report_id}/submit": {"": _report_values("draft")},
    "POST /api/v1/reports/{report_id}/approve": {"": _report_values("submitted")},
    "POST /api/v1/reports/{report_id}/return": {"": _report_values("submitted")},
    "GET /api/v1/plans/{plan_id}/dashboard": {"": None, "ancestor plan": _ancestor_plan},
    "GET /api/v1/plans/{plan_id}/trend": {"": None, "ancestor plan": _ancestor_plan},
    "GET /api/v1/plans/{plan_id}/dashboard.xlsx": {"": None, "ancestor plan": _ancestor_plan},
    "PUT /api/v1/plans/drafts/{draft_id}": {"": _draft_review},
}

# Web pages: how the walk fills a form the victim is shown (see tests/scopewalk.py:_run_web_case).
WEB_FORMS: dict = {}
