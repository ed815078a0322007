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

    rec = MemberImport.objects.filter(unit=victim, file_name="x.csv").first()
    return (rec or MemberImport.objects.create(unit=victim, file_name="x.csv")).pk


def _plans(victim):
    from datetime import date, datetime

    from doanso.core.calendar.periods import TZ
    from doanso.org.models import Unit
    from doanso.plans.models import Assignment, Indicator, Obligation, Plan, Target
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
            plan=plan(), title="Báo cáo tuần", due_rule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0"
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


def _accounts(victim):
    def staff_user():
        from doanso.accounts.models import ApiToken, Role, User

        u, _ = User.objects.get_or_create(username="hcm.walk.staff")
        Role.objects.get_or_create(user=u, unit=victim, role="staff")
        ApiToken.issue(u)  # something for the revoke route to write
        return u.pk

    return {"user_id": staff_user, "fmt": lambda: "csv"}


def _privacy(victim):
    from django.utils import timezone

    from doanso.members.models import Member
    from doanso.privacy.models import DataRequest

    def request():
        lo, hi = victim.subtree_range
        m = Member.objects.filter(branch__path__gte=lo, branch__path__lt=hi).order_by("id").first()
        r = DataRequest.objects.filter(member=m, status="received").first()
        return (r or DataRequest.objects.create(kind="export", member=m, due_at=timezone.now())).pk

    return {"request_id": request}


def _outreach(victim):
    from doanso.org.models import Unit
    from doanso.outreach.models import Channel, MediaItem, Post

    commune = lambda: Unit.objects.filter(parent=victim, active=True).order_by("path").first()  # noqa: E731

    def post():
        p = Post.objects.filter(unit=victim, url="https://hcm.doan.vn/walk").first()
        return (
            p
            or Post.objects.create(
                unit=victim,
                url="https://hcm.doan.vn/walk",
                url_key="walk",
                kind="tin_tot",
                published=date(2026, 3, 2),
            )
        ).pk

    def channel():
        c, _ = Channel.objects.get_or_create(
            unit=victim, url="https://facebook.com/walk", defaults={"kind": "fanpage"}
        )
        return c.pk

    def media():
        from django.core.files.base import ContentFile

        m = MediaItem.objects.filter(unit=commune(), title="Walk").first()
        if m is None:
            m = MediaItem(unit=commune(), kind="infographic", title="Walk", content_type="image/png", size=4)
            m.file.save("walk.png", ContentFile(b"\x89PNG"), save=False)
            m.save()
        return m.pk

    return {"post_id": post, "channel_id": channel, "media_id": media}


def _ideas(victim):
    from doanso.ideas.models import Idea

    def idea():
        i = Idea.objects.filter(unit=victim, title="Ý tưởng của HCM").first()
        if i is None:
            i = Idea.objects.create(
                unit=victim,
                author_name="Nguyễn Văn A",
                title="Ý tưởng của HCM",
                field="khac",
                description="Mô tả",
            )
        return i.pk

    return {"idea_id": idea}


def supported_idea(w, req=None):
    """The victim's idea moved to "hỗ trợ" (support records need it)."""
    from doanso.ideas.models import Idea

    Idea.objects.filter(pk=w.id("idea_id")).update(status="ho_tro")
    if req is not None:
        req["path"]["idea_id"] = w.id("idea_id")


def _surveys(victim):
    from datetime import date

    from doanso.surveys.models import Question, Survey

    def survey():
        s = Survey.objects.filter(unit=victim, title="Khảo sát của HCM").first()
        if s is None:
            s = Survey.objects.create(
                unit=victim,
                title="Khảo sát của HCM",
                slug="hcm-walk",
                opens_on=date(2026, 1, 1),
                closes_on=date(2030, 12, 31),
            )
            Question.objects.create(survey=s, order=1, kind="short", text="Góp ý")
        return s.pk

    return {"survey_id": survey}


def reported_idea(w, req=None):
    """The victim's idea with a report, so it is in the moderators' queue."""
    from doanso.ideas.models import Idea

    Idea.objects.filter(pk=w.id("idea_id")).update(report_count=1, moderation="hidden")


def _exemplars(victim):
    """Rows of the exemplars app inside HCM (created directly, without auditing)."""
    from doanso.exemplars.models import Criterion, Honour, Nomination, SelfAssessment, Value
    from doanso.members.models import Member
    from doanso.org.models import Unit

    lo, hi = victim.subtree_range

    def criterion():
        c = Criterion.objects.filter(unit=victim).first()
        return (
            c
            or Criterion.objects.create(value=Value.objects.first(), unit=victim, year=YEAR, text="Tiêu chí")
        ).pk

    def assessment():
        m = (
            Member.objects.filter(branch__path__gte=lo, branch__path__lt=hi, status="active")
            .order_by("id")
            .first()
        )
        a, _ = SelfAssessment.objects.get_or_create(
            member=m, year=YEAR, defaults={"branch": m.branch, "status": "submitted"}
        )
        return a.pk

    def child():
        return Unit.objects.filter(parent=victim, active=True).order_by("path").first()

    def nomination():
        n = Nomination.objects.filter(current=victim, status="open").first()
        if n is None:
            c = child()
            n = Nomination.objects.create(
                year=YEAR,
                kind="team",
                team_name="Đội hình thử",
                home=c,
                origin=c,
                current=victim,
                achievements="x",
            )
        return n.pk

    def honour():
        h = Honour.objects.filter(issuer=victim).first()
        if h is None:
            h = Honour.objects.create(
                kind="tuyen_duong",
                title="Gương",
                nominee_kind="team",
                team_name="Đội",
                home=victim,
                home_path=victim.path,
                issuer=victim,
                doc_number="1/QĐ-ĐTN",
                doc_date=date(YEAR, 3, 1),
            )
        return h.pk

    return {
        "criterion_id": criterion,
        "assessment_id": assessment,
        "exemplar_nomination_id": nomination,
        "honour_id": honour,
    }


def _activities(victim):
    from datetime import timedelta

    from django.utils import timezone

    from doanso.activities.models import Activity, ActivityType, Output, Registration
    from doanso.plans.models import Indicator

    def activity():
        from doanso.org.models import Unit

        district = Unit.objects.filter(parent=victim, active=True).order_by("path").first()
        a = Activity.objects.filter(unit=district, title="Hoạt động của tỉnh khác").first()
        if a is None:
            now = timezone.now()
            a = Activity.objects.create(
                unit=district,
                title="Hoạt động của tỉnh khác",
                type=ActivityType.objects.get(code="tinh_nguyen"),
                start=now - timedelta(hours=1),
                end=now + timedelta(hours=3),
            )
        return a

    def output():
        a = activity()
        o = a.outputs.first() or Output.objects.create(
            activity=a, indicator=Indicator.objects.get(code="CAY_XANH"), value=10
        )
        return o.pk

    def registration():
        from doanso.members.models import Member

        lo, hi = victim.subtree_range
        m = Member.objects.filter(branch__path__gte=lo, branch__path__lt=hi).order_by("id").first()
        return Registration.objects.get_or_create(activity=activity(), member=m)[0].pk

    def photo():  # an output's evidence photo (the activity pages)
        from django.core.files.base import ContentFile

        from doanso.activities.models import OutputPhoto

        o = Output.objects.get(pk=output())
        ph = o.photos.first() or OutputPhoto.objects.create(
            output=o, file=ContentFile(b"\x89PNG", name="hcm.png")
        )
        return ph.pk

    return {
        "activity_id": lambda: activity().pk,
        "output_id": output,
        "registration_id": registration,
        "output_photo_id": photo,
    }


def providers(victim) -> dict:
    out: dict = {}
    out.update(_outreach(victim))
    out.update(_surveys(victim))
    out.update(_ideas(victim))
    out.update(_exemplars(victim))
    out.update(_privacy(victim))
    out.update(_accounts(victim))
    out.update(_members(victim))
    out.update(_plans(victim))
    out.update(_planimport(victim))
    out.update(_credentials(victim))
    out.update(__import__("tests.learning.walk", fromlist=["providers"]).providers(victim))
    out.update(_places(victim))
    out.update(_activities(victim))
    return out


def _credentials(victim):
    def credential():
        from doanso.credentials.api import issue_achievement
        from doanso.credentials.models import Credential

        found = Credential.objects.filter(issuer_unit=victim, revoked_at=None).first()
        return (
            found
            or issue_achievement(
                issuer_unit=victim,
                subject_name="Nguyễn Văn An",
                subject_member_id=None,
                achievement_name="Giải Nhất",
                achievement_description="",
                source="contest",
                source_id=1,
            )
        ).pk

    return {"credential_id": credential}


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

    ob, _ = Obligation.objects.get_or_create(
        plan=plan(w), title="Báo cáo tuần", due_rule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0"
    )
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
    from doanso.members.actions import ratings

    b = branches(w)[0]
    m = free_member(w, b)
    ratings.save_ratings(w.victim_user, b, YEAR, {m.pk: ("ht", "")})
    if status == "submitted":
        ratings.submit_ratings(w.victim_user, b, YEAR)
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
    "due_rule": lambda w: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0",
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


def _cross_transfer(into_victim: bool):
    """A pending transfer between the two provinces, so the attacker sees it (his branch is one end):
    into the victim's branch (only the victim may accept or reject it), or out of it (only the victim
    may cancel it)."""

    def tweak(w, req):
        from doanso.members.models import Member, Transfer
        from doanso.org.models import Unit

        lo, hi = Unit.objects.get(code="HN").subtree_range
        theirs = Unit.objects.filter(kind="chi_doan", active=True, path__gte=lo, path__lt=hi).order_by(
            "path"
        )[0]
        ours = branches(w)[0]
        if into_victim:
            m = Member.objects.filter(branch=theirs, status="active").exclude(transfers__status="pending")[0]
            t = Transfer.objects.create(member=m, from_branch=theirs, to_branch=ours)
        else:
            m = free_member(w, ours)
            t = Transfer.objects.create(member=m, from_branch=ours, to_branch=theirs)
        req["path"]["transfer_id"] = t.pk

    return tweak


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


def _draft_ready(w, req=None):
    """A draft with one mapped target: since issue 11 a draft with nothing to do is never accepted."""
    from doanso.planimport.models import PlanDraft

    target = {
        "id": "t1",
        "value": 100,
        "percent": False,
        "unit": "lượt",
        "subject": "lượt thanh niên tham gia hiến máu",
        "text": "Phấn đấu 100 lượt.",
        "indicator": "TN_LUOT",
        "line": 2,
    }
    PlanDraft.objects.filter(pk=w.id("draft_id")).update(
        reviewed={"title": "Kế hoạch của HCM", "targets": [target], "deadlines": [], "recurring": []}
    )


def _activity_body(w, req):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    req["body"].update(
        unit=w.victim.code,
        type="tinh_nguyen",
        start=(now - timedelta(hours=1)).isoformat(),
        end=(now + timedelta(hours=3)).isoformat(),
    )


def _free_member_id(w):
    return free_member(w).pk


def _victim_type(w, req):
    """A type the victim province added: only its own subtree may list it."""
    from doanso.activities.models import ActivityType

    ActivityType.objects.get_or_create(code="loai_cua_hcm", defaults={"name": "Loại riêng", "unit": w.victim})


def _victim_campaign(w, req):
    """A campaign of the victim province: its subtree and the units above list it, nobody else."""
    from doanso.activities.models import Campaign

    Campaign.objects.get_or_create(unit=w.victim, name="Chiến dịch riêng của HCM")


def _attendance_file(w, req):
    req["body"] = {"file": ("diem-danh.csv", f"Mã đoàn viên\n{free_member(w).pk}\n".encode())}


def _open_report(w, req):
    ob = obligation(w)
    req["body"] = {"obligation": ob.pk, "unit": child(w).code, "period": f"{YEAR}W3"}


def _centre_plan():
    """A plan of the centre: every province may read it, none may write it."""
    from doanso.org.models import Unit
    from doanso.plans.models import Plan

    p, _ = Plan.objects.get_or_create(
        issuer=Unit.objects.get(code="TW"),
        title="Kế hoạch của Trung ương",
        defaults={
            "year": YEAR,
            "issued_on": date(YEAR, 1, 5),
            "period_start": str(YEAR),
            "period_end": str(YEAR),
        },
    )
    return p


def _open_report_ancestor_plan(w, req):
    """The obligation of a plan the attacker may read (the centre's), filed for a victim unit."""
    from doanso.plans.models import Assignment, Indicator, Obligation

    p = _centre_plan()
    ob, _ = Obligation.objects.get_or_create(
        plan=p, title="Báo cáo tuần TW", due_rule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0"
    )
    ob.indicators.add(Indicator.objects.get(code="TN_LUOT"))
    Assignment.objects.get_or_create(obligation=ob, unit=w.victim)
    req["body"] = {"obligation": ob.pk, "unit": w.victim.code, "period": f"{YEAR}W3"}


def _ancestor_plan(w, req):
    """A plan the attacker may read (the centre's), looked at from the victim province."""

    p = _centre_plan()
    req["path"]["plan_id"] = p.pk


def _listing_query(**q):
    def tweak(w, req):
        req["query"].update({k: (v(w) if callable(v) else v) for k, v in q.items()})

    return tweak


# POST routes that only read (the walk does not ask the victim's request to write).
READING_POSTS = {"POST /api/v1/members/card/verify", "POST /api/v1/units/{code}/members/search"}

# Per route: {variant name: tweak(world, request)}; "" is the plain case. A route missing here is
# built from its schema alone.
API_VARIANTS = {
    "POST /api/v1/activity-outputs/{output_id}/return": {"": _set(body__reason="Ảnh minh chứng chưa rõ")},
    "POST /api/v1/credentials": {"": lambda w, req: req["body"].update(unit=w.victim.code)},
    "POST /api/v1/ideas": {"": _set(body__unit=lambda w: w.victim.code)},
    "GET /api/v1/ideas/moderation": {"list": reported_idea},
    "POST /api/v1/surveys": {
        "": _set(body__unit=lambda w: w.victim.code, body__questions=[{"kind": "short", "text": "Góp ý"}])
    },
    "POST /api/v1/ideas/{idea_id}/transitions": {"": _set(body__to="danh_gia")},
    "POST /api/v1/ideas/{idea_id}/supports": {"": _chain(supported_idea, _set(body__amount="15.000.000"))},
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
    "POST /api/v1/transfers/{transfer_id}/accept": {
        "": _transfer_into,
        "from the attacker": _cross_transfer(True),
    },
    "POST /api/v1/transfers/{transfer_id}/reject": {
        "": _transfer_into,
        "from the attacker": _cross_transfer(True),
    },
    "POST /api/v1/transfers/{transfer_id}/cancel": {"": None, "to the attacker": _cross_transfer(False)},
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
    "POST /api/v1/activity-types": {"": _set(body__unit=lambda w: w.victim.code, body__code="loai_thu")},
    "POST /api/v1/activities": {"": _activity_body},
    "POST /api/v1/activities/{activity_id}/status": {"": _set(body__status="done")},
    "GET /api/v1/activity-types": {"": _victim_type},
    "POST /api/v1/activity-campaigns": {"": _set(body__unit=lambda w: w.victim.code)},
    "GET /api/v1/activity-campaigns": {"": _victim_campaign},
    "POST /api/v1/activities/{activity_id}/registrations": {"": _set(body__member=_free_member_id)},
    "POST /api/v1/activities/{activity_id}/checkins": {"": _set(body__member=_free_member_id)},
    "POST /api/v1/activities/{activity_id}/attendance": {"": _attendance_file},
    "GET /api/v1/activity-figures": {"": _set(query__unit=lambda w: w.victim.code, query__period=str(YEAR))},
    "POST /api/v1/activity-figures": {
        "": _set(body__unit=lambda w: w.victim.code, body__note="Ngoài hệ thống")
    },
    "POST /api/v1/plans/drafts/{draft_id}/accept": {"": _draft_ready},
    # outreach (issue 16)
    "POST /api/v1/posts": {
        "": _set(
            body__unit=lambda w: w.victim.code, body__url="https://hcm.doan.vn/moi", body__kind="tin_tot"
        )
    },
    "POST /api/v1/channels": {
        "": _set(body__unit=lambda w: w.victim.code, body__url="https://zalo.me/hcm", body__kind="zalo_oa")
    },
    "GET /api/v1/units/{code}/outreach/compliance": {"": _listing_query(period="2026W10")},
    "POST /api/v1/media/{media_id}/review": {"": _set(body__approve=True)},
    "POST /api/v1/exemplars/units/{code}/criteria": {"": _set(body__value="YEU_NUOC")},
    "POST /api/v1/exemplars/assessments/{assessment_id}/return": {"": _set(body__reason="Thiếu minh chứng")},
    "POST /api/v1/exemplars/units/{code}/nominations": {"": _set(body__team="Đội hình thử")},
    "POST /api/v1/exemplars/nominations/{exemplar_nomination_id}/decline": {"": _set(body__reason="Chưa đủ")},
    "POST /api/v1/exemplars/units/{code}/honours": {
        "": _set(body__kind="tuyen_duong", body__doc_number="15/QĐ-ĐTN", body__team="Đội hình thử")
    },
}

# ---------------------------------------------------------------------------- web forms


def upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def member_csv(w):
    from doanso.members.importing.columns import TEMPLATE_HEADERS

    row = {h: "" for h in TEMPLATE_HEADERS}
    values = ["Lê Thị Thu", "12/05/2001", "Nữ"]
    for h, v in zip(TEMPLATE_HEADERS, values, strict=False):
        row[h] = v
    text = ",".join(TEMPLATE_HEADERS) + "\n" + ",".join(row.values()) + "\n"
    return upload("danh-sach.csv", text.encode())


def _matured_member(w):
    from doanso.members.models import Member

    m = free_member(w)
    Member.objects.filter(pk=m.pk).update(birth_date=date(1995, 1, 2))
    return m


def _consent(w):
    from doanso.members.actions import consents

    m = __import__("doanso.members.models", fromlist=["Member"]).Member.objects.get(pk=w.id("member_id"))
    consents.give_consent(w.victim_user, m, "contact", "Nguyễn Văn Bình")


def _errors_file(w):
    import tempfile
    from pathlib import Path

    from doanso.core import crypto
    from doanso.members.models import MemberImport

    path = Path(tempfile.gettempdir()) / "doanso-scopewalk-errors.xlsx.enc"
    path.write_bytes(crypto.encrypt_bytes(b"PK"))  # error workbooks are sealed at rest
    MemberImport.objects.filter(pk=w.id("import_id")).update(errors_path=str(path))


def _draft_with_item(w):
    from doanso.planimport.models import PlanDraft

    item = {"id": "t1", "text": "Phấn đấu 100 lượt.", "value": 100, "unit": "lượt", "indicator": ""}
    PlanDraft.objects.filter(pk=w.id("draft_id")).update(
        reviewed={"title": "Kế hoạch của HCM", "targets": [item], "deadlines": [], "recurring": []}
    )


def _staff_role(w):
    """A staff account of the victim's first child, whose role the victim may revoke."""
    from doanso.accounts.models import Role, User

    u, _ = User.objects.get_or_create(username="hcm.canbo", defaults={"first_name": "Cán bộ HCM"})
    r, _ = Role.objects.get_or_create(user=u, unit=child(w), role="staff")
    return r


def _privacy_member(w) -> int:
    from doanso.privacy.models import DataRequest

    return DataRequest.objects.get(pk=w.id("request_id")).member_id


def _url(path):
    return lambda w, url: path(w) if callable(path) else path


# Per URL pattern: how the walk reaches the form the victim is shown for it (the page's own form by
# default) and what the victim types into it. Keys: setup(w), url(w) -> (url, query) replacing the
# filled pattern, form_page(w, url), form(w) -> {field: value}; a value None drops the field.
def _marked_transfer(w):
    """A pending transfer inside the victim province whose member's name carries a marker, so a list
    that shows it is caught (names of people and branches are not unique to a province)."""
    from doanso.members.models import Member, Transfer

    t = Transfer.objects.get(pk=w.id("transfer_id"))
    Member.objects.filter(pk=t.member_id).update(full_name="Lê Văn Hậu (TP. Hồ Chí Minh)")


def _active_member_of(branch):
    from doanso.members.models import Member, MemberStatus

    return Member.objects.filter(branch=branch, status=MemberStatus.ACTIVE).order_by("id").first()


def _draft_plan(w):
    """A draft plan of the victim province, which its admin may issue ("Ban hành")."""
    from datetime import date

    from doanso.plans import api as plans

    return plans.create_plan(
        None, w.victim, title="Kế hoạch của HCM (dự thảo)", issued_on=date(YEAR, 3, 1), period_start=str(YEAR)
    )


def _png_upload(w=None):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    return upload("tranh.png", out.getvalue())


WEB_FORMS: dict = {
    "credentials/<uuid:credential_id>/revoke/": {
        "form_page": lambda w, url: f"/credentials/?unit={w.victim.code}",
        "form": lambda w: {"reason": "Cấp nhầm người"},
    },
    "credentials/units/<str:code>/rotate-key/": {
        "form_page": lambda w, url: f"/credentials/?unit={w.victim.code}",
    },
    # outreach (issue 16): what the victim types into the quick forms
    "outreach/<str:code>/": {"form": lambda w: {"url": "https://hcm.doan.vn/tin-moi"}},
    "outreach/<str:code>/channels/": {"form": lambda w: {"url": "https://facebook.com/hcm-moi"}},
    "outreach/<str:code>/media/": {"form": lambda w: {"title": "Tranh cổ động", "file": _png_upload()}},
    "ideas/moderation/": {"setup": reported_idea},
    "ideas/new/": {"form": lambda w: {"title": "Ý tưởng mới", "description": "Mô tả", "field": "khac"}},
    "ideas/<int:idea_id>/move/": {"form_page": lambda w, url: url.replace("move/", "")},
    "ideas/<int:idea_id>/support/": {
        "setup": supported_idea,
        "form_page": lambda w, url: url.replace("support/", ""),
        "form": lambda w: {"provider": "Quận đoàn 1", "amount": "15.000.000"},
    },
    "ideas/<int:idea_id>/endorse/": {"form_page": lambda w, url: url.replace("endorse/", "")},
    "ideas/<int:idea_id>/report/": {"form_page": lambda w, url: url.replace("report/", "")},
    "ideas/<int:idea_id>/moderate/": {"form_page": lambda w, url: url.replace("moderate/", "")},
    "privacy/members/<int:member_id>/": {"form": lambda w: {"kind": "correction", "phone": "0901234567"}},
    "privacy/members/<int:member_id>/hold/": {
        "form_page": lambda w, url: url.replace("hold/", ""),
        "form": lambda w: {"reason": "Công văn 12/CA"},
    },
    "privacy/requests/<int:request_id>/decide/": {
        "form_page": lambda w, url: f"/privacy/members/{_privacy_member(w)}/",
    },
    "units/<str:code>/accounts/users/<int:user_id>/reset-password/": {
        "form_page": lambda w, url: url.replace("reset-password/", "")
    },
    "units/<str:code>/accounts/users/<int:user_id>/logout/": {
        "form_page": lambda w, url: url.replace("logout/", "")
    },
    "members/transfers/": {"setup": _marked_transfer},
    "units/search/": {"url": lambda w: ("/units/search/", {"q": "Hồ Chí Minh", "unit": w.victim.code})},
    "members/transfers/<int:transfer_id>/accept/": {"form_page": _url("/members/transfers/")},
    "members/transfers/<int:transfer_id>/reject/": {"form_page": _url("/members/transfers/")},
    "members/units/<str:code>/import/": {"form": lambda w: {"file": member_csv(w), "mode": "valid"}},
    "members/records/<int:member_id>/consents/withdraw/": {
        "setup": _consent,
        "form_page": lambda w, url: url.replace("withdraw/", ""),
    },
    "members/records/<int:member_id>/mature/": {
        "url": lambda w: (f"/members/records/{_matured_member(w).pk}/mature/", {}),
        "form_page": lambda w, url: f"/members/units/{branches(w)[0].code}/maturity/",
    },
    "members/records/<int:member_id>/nominate/": {
        "url": lambda w: (f"/members/records/{free_member(w).pk}/nominate/", {}),
        "form": lambda w: {"year": str(YEAR), "unit": branches(w)[0].code},
    },
    "members/nominations/<int:nomination_id>/outcome/": {
        "form_page": lambda w, url: f"/members/units/{w.victim.code}/nominations/?year=2024",
    },
    "members/imports/<int:import_id>/errors.xlsx": {"setup": _errors_file},
    "members/units/<str:code>/dues/excuse/": {
        "url": lambda w: (f"/members/units/{branches(w)[0].code}/dues/excuse/", {}),
        "form_page": lambda w, url: url.replace("excuse/", ""),
        "form": lambda w: {
            "member_id": str(_active_member_of(branches(w)[0]).pk),
            "first_month": "2026-10",
            "months": "2",
            "reason": "Hoàn cảnh khó khăn",
        },
    },
    "plans/<int:plan_id>/adopt/": {
        "setup": lambda w: _adopt_body(w, {}),
        "form": lambda w: {"unit": child(w).code},
    },
    "plans/new/": {
        "form": lambda w: {
            "title": "Kế hoạch thử nghiệm",
            "period_start": str(YEAR),
            "issued_on": "2026-03-15",
        }
    },
    "plans/<int:plan_id>/issue/": {
        "url": lambda w: (f"/plans/{_draft_plan(w).pk}/issue/", {}),
        "form_page": lambda w, url: url.replace("issue/", ""),
        "form": lambda w: {"symbol": "TĐTN"},
    },
    "plans/<int:plan_id>/targets/new/": {"form": lambda w: {"indicator": "TN_LUOT", "value": "850"}},
    "plans/<int:plan_id>/obligations/new/": {
        "form": lambda w: {"title": "Báo cáo tuần", "indicators": ["TN_LUOT"]}
    },
    "reports/units/<str:code>/open/": {
        "url": lambda w: (f"/reports/units/{child(w).code}/open/", {}),
        "form": lambda w: {"obligation": str(obligation(w).pk), "period": f"{YEAR}W3"},
    },
    "reports/<int:report_id>/": {"form": lambda w: {"v_TN_LUOT": "7", "narrative": "Tuần này."}},
    "reports/<int:report_id>/review/": {
        "url": lambda w: (f"/reports/{report(w, 'submitted').pk}/review/", {}),
        "form_page": lambda w, url: url.replace("review/", ""),
        "form": lambda w: {"comment": "Tốt."},
    },
    "plan-import/": {
        "form": lambda w: {"file": upload("ke-hoach.txt", "KẾ HOẠCH\nPhấn đấu 100 lượt.".encode())}
    },
    "plan-import/<int:draft_id>/meta/": {"form_page": lambda w, url: url.replace("meta/", "")},
    "plan-import/<int:draft_id>/confirm/": {"form_page": lambda w, url: url.replace("confirm/", "")},
    "plan-import/<int:draft_id>/item/": {
        "setup": _draft_with_item,
        "url": lambda w: (f"/plan-import/{w.id('draft_id')}/item/", {"section": "targets"}),
        "form": lambda w: {"value": "100", "subject": "lượt thanh niên tham gia hiến máu"},
    },
    "plan-import/<int:draft_id>/item/delete/": {
        "setup": _draft_with_item,
        "form": lambda w: {"section": "targets", "id": "t1"},
    },
    "plan-import/<int:draft_id>/item/map/": {
        "setup": _draft_with_item,
        "form_page": lambda w, url: url.replace("item/map/", ""),
        "form": lambda w: {"section": "targets", "id": "t1", "indicator": "TN_LUOT"},
    },
    "plan-import/<int:draft_id>/accept/": {
        "setup": _draft_ready,
        "form_page": lambda w, url: url.replace("accept/", ""),
    },
    "plan-import/<int:draft_id>/discard/": {"form_page": lambda w, url: url.replace("discard/", "")},
    "units/<str:code>/accounts/": {
        "form": lambda w: {"username": "hcm.moi", "full_name": "Trần Thị Hoa", "email": "hoa@example.vn"},
    },
    "units/<str:code>/accounts/grant/": {
        "setup": _staff_role,
        "form_page": lambda w, url: url.replace("grant/", ""),
        "form": lambda w: {"username": "hcm.canbo", "unit": w.victim.code, "role": "admin"},
    },
    "units/<str:code>/accounts/<int:role_id>/revoke/": {
        "url": lambda w: (f"/units/{w.victim.code}/accounts/{_staff_role(w).pk}/revoke/", {}),
        "form_page": lambda w, url: f"/units/{w.victim.code}/accounts/",
    },
}

# The learning app's routes (tests/learning/walk.py).
from tests.learning import walk as _learning_walk  # noqa: E402

API_VARIANTS.update(_learning_walk.API_VARIANTS)
WEB_FORMS.update(_learning_walk.WEB_FORMS)

# ---------------------------------------------------------------------------- places (issue 14)


def _png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (180, 20, 20)).save(buf, format="PNG")
    return buf.getvalue()


def _victim_place(victim):
    """A private place of the victim province (public ones are open to anyone by design)."""
    from doanso.places.models import Place

    p = Place.objects.filter(unit=victim, public=False).order_by("id").first()
    return p or Place.objects.create(unit=victim, name="Nhà truyền thống", lat=10.77, lon=106.7)


def _places(victim):
    def photo():
        from django.core.files.uploadedfile import SimpleUploadedFile

        from doanso.places import services
        from doanso.places.models import PlacePhoto

        place = _victim_place(victim)
        ph = PlacePhoto.objects.filter(place=place).first()
        return (ph or services.add_photo(None, place, SimpleUploadedFile("a.png", _png()))).pk

    return {"place_id": lambda: _victim_place(victim).pk, "photo_id": photo}


def _photo_page(w, url):
    from doanso.places.models import PlacePhoto

    return f"/places/{PlacePhoto.objects.get(pk=int(url.split('/')[3])).place_id}/"


BODY_FIELDS["photo"] = lambda w: ("anh.png", _png())
API_VARIANTS["POST /api/v1/places"] = {"": _set(body__unit=lambda w: w.victim.code)}
WEB_FORMS.update(
    {
        "places/new/": {"form": lambda w: {"name": "Nhà truyền thống mới", "kind": "dia_chi_do"}},
        "places/<int:place_id>/delete/": {"form_page": lambda w, url: url.replace("delete/", "")},
        "places/<int:place_id>/photos/": {
            "form_page": lambda w, url: url.replace("photos/", ""),
            "form": lambda w: {"photo": upload("anh.png", _png()), "caption": ""},
        },
        "places/photos/<int:photo_id>/delete/": {"form_page": _photo_page},
    }
)

# ---------------------------------------------------------------------------- branch meetings (issue 14)


def _victim_meeting(w) -> int:
    """A meeting of the victim's first branch, going on now (so ticking attendance is accepted)."""
    from datetime import timedelta

    from django.utils import timezone

    from doanso.activities import meetings_services
    from doanso.activities.models import Meeting

    branch = branches(w, 1)[0]
    m = Meeting.objects.filter(activity__unit=branch).first()
    if m is None:
        now = timezone.now()
        m = meetings_services.create_meeting(
            w.victim_user, branch, start=now - timedelta(hours=1), end=now + timedelta(hours=1)
        )
    return m.activity_id


# surveys and exemplars pages (issue 16): what the victim types into their forms
def _exemplars_page(page):
    return lambda w, url: f"/exemplars/units/{w.victim.code}/{page}/?year={YEAR}"


# ---------------------------------------------------------------------------- activity pages (issue 14)


def _act_member(w):
    """An active HCM member inside the walk's activity audience (the district's subtree)."""
    from doanso.activities.models import Activity
    from doanso.members.models import Member

    a = Activity.objects.get(pk=w.id("activity_id"))
    lo, hi = a.unit.subtree_range
    return (
        Member.objects.filter(branch__path__gte=lo, branch__path__lt=hi, status="active")
        .order_by("id")
        .first()
    )


def _act_victim_is_member(w, register: bool = False):
    """The victim's account gets an HCM member record (inside the savepoint) for the member pages."""
    from doanso.activities.models import Registration

    m = _act_member(w)
    w.victim_user.member = m
    w.victim_user.save(update_fields=["member"])
    if register:
        Registration.objects.get_or_create(activity_id=w.id("activity_id"), member=m)


def _act_token(w):
    from doanso.activities import services
    from doanso.activities.models import Activity

    a = Activity.objects.get(pk=w.id("activity_id"))
    return f"/activities/{a.pk}/checkin/", {"t": services.qr_token(a)}


def _act_detail(w, url):
    return "/activities/" + url.split("/")[2] + "/"


WEB_FORMS.update(
    {
        "activities/meetings/<str:code>/": {
            "url": lambda w: (f"/activities/meetings/{branches(w, 1)[0].code}/", {}),
            "form": lambda w: {"day": "15/03/2026", "start": "19:30", "end": "21:00", "kind": "dinh_ky"},
        },
        "activities/meetings/m/<int:activity_id>/": {
            "url": lambda w: (f"/activities/meetings/m/{_victim_meeting(w)}/", {}),
            "form": lambda w: {"action": "attendance", "present": str(free_member(w).pk)},
        },
        "activities/meetings/m/<int:activity_id>/bien-ban.docx": {
            "url": lambda w: (f"/activities/meetings/m/{_victim_meeting(w)}/bien-ban.docx", {}),
        },
        "surveys/new/": {
            "form": lambda w: {
                "title": "Khảo sát mới",
                "opens_on": "01/01/2026",
                "closes_on": "31/12/2030",
                "q1_text": "Góp ý",
                "q1_kind": "short",
            }
        },
        "exemplars/units/<str:code>/criteria/": {
            "form": lambda w: {"text": "Tiêu chí mới", "year": str(YEAR)}
        },
        "exemplars/criteria/<int:criterion_id>/edit/": {"form_page": _exemplars_page("criteria")},
        "exemplars/criteria/<int:criterion_id>/delete/": {"form_page": _exemplars_page("criteria")},
        "exemplars/assessments/<int:assessment_id>/confirm/": {"form_page": _exemplars_page("confirmations")},
        "exemplars/assessments/<int:assessment_id>/return/": {
            "form_page": _exemplars_page("confirmations"),
            "form": lambda w: {"reason": "Thiếu minh chứng"},
        },
        "exemplars/units/<str:code>/nominations/": {
            "form": lambda w: {"member_id": "", "team": "Đội hình mới", "achievements": "Tiêu biểu"}
        },
        "exemplars/nominations/<int:exemplar_nomination_id>/forward/": {
            "form_page": _exemplars_page("nominations")
        },
        "exemplars/nominations/<int:exemplar_nomination_id>/decline/": {
            "form_page": _exemplars_page("nominations"),
            "form": lambda w: {"reason": "Chưa đủ"},
        },
        "exemplars/nominations/<int:exemplar_nomination_id>/honour/": {
            "form_page": _exemplars_page("nominations"),
            "form": lambda w: {"title": "Gương sáng", "doc_number": "9-QĐ/TĐTN", "doc_date": "01/03/2026"},
        },
        "exemplars/nominations/<int:exemplar_nomination_id>/evidence/": {
            "form_page": _exemplars_page("nominations"),
            "form": lambda w: {"file": _png_upload()},
        },
        "exemplars/honours/<int:honour_id>/story/": {
            "form_page": _exemplars_page("honours"),
            "form": lambda w: {"title": "Câu chuyện", "text": "Nội dung"},
        },
        "activities/catalogue/": {
            "form": lambda w: {"c-name": "Chiến dịch thử", "c-starts_on": "01/06/2026"}
        },
        "activities/new/": {
            "form": lambda w: {
                "title": "Hoạt động mới",
                "type": "tinh_nguyen",
                "start": "01/12/2026 07:00",
                "end": "01/12/2026 11:00",
            }
        },
        "activities/<int:activity_id>/register/": {"setup": _act_victim_is_member, "form_page": _act_detail},
        "activities/<int:activity_id>/cancel/": {
            "setup": lambda w: _act_victim_is_member(w, register=True),
            "form_page": _act_detail,
        },
        "activities/<int:activity_id>/checkin/": {"setup": _act_victim_is_member, "url": _act_token},
        "activities/<int:activity_id>/checkins/": {
            "form_page": _act_detail,
            "form": lambda w: {"member": str(_act_member(w).pk)},
        },
        "activities/<int:activity_id>/attendance/": {
            "form_page": _act_detail,
            "form": lambda w: {"file": upload("dd.csv", f"Mã đoàn viên\n{_act_member(w).pk}\n".encode())},
        },
        "activities/<int:activity_id>/outputs/": {"form": lambda w: {"value": "10"}},
        "activities/outputs/<int:output_id>/decide/": {
            "form_page": lambda w, url: f"/activities/{w.id('activity_id')}/outputs/",
        },
    }
)

# the surveys list of a unit (?unit=CODE): the victim's survey listed, so an unscoped list shows it
WEB_FORMS["surveys/"] = {"setup": lambda w: w.id("survey_id")}
