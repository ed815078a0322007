"""Scope and permission guards that the every-route walk cannot tell apart, each tested on its own.

The walk (tests/api/test_scoping_every_route.py) goes through the edges, which check the unit
first; these tests call the services the edges call — as other services, commands and tasks do —
and act as a unit's staff (not admin), so that deleting any one guard fails a test
(../shared/checks/guard-mutants). Guards that another guard makes redundant say so in a comment.
"""

from datetime import date

import pytest
from django.http import Http404

from doanso.core.errors import UserError
from tests import scoping_providers as sp
from tests.scopewalk import World


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def hn(world):
    return world.attacker_user


@pytest.fixture
def staff(world):
    """A staff (not admin) account of TP. Hồ Chí Minh: in scope, but may not administer."""
    from doanso.accounts.models import Role, User

    u = User.objects.create(username="hcm.staff", first_name="Cán bộ văn phòng")
    Role.objects.create(user=u, unit=world.victim, role="staff")
    return u


# ---------------------------------------------------------------------------- services, out of scope


def test_plans_services_refuse_a_foreign_issuer(world, hn):
    """plans.actions.checks.require: a target on another province's plan (the walk's 201 of issue 9)."""
    from doanso.plans import actions
    from doanso.plans.models import Target

    plan = sp.plan(world)
    before = Target.objects.filter(plan=plan).count()
    with pytest.raises(Http404):
        actions.add_target(hn, plan, indicator="TN_LUOT", value=100, period="2026")
    with pytest.raises(Http404):
        actions.create_plan(
            hn, world.victim, title="Kế hoạch lạ", issued_on=date(2026, 3, 1), period_start="2026"
        )
    assert Target.objects.filter(plan=plan).count() == before


def test_plans_for_a_foreign_unit_is_404(world, hn):
    """plans.selectors.plans_for: listing the plans of a unit outside the scope."""
    from doanso.plans import selectors

    with pytest.raises(Http404):
        selectors.plans_for(hn, world.victim)


def test_reports_cannot_be_opened_for_a_foreign_unit(world, hn):
    """reports.services._require: opening (creating) a report for another province's unit."""
    from doanso.reports import services
    from doanso.reports.models import Report

    ob = sp.obligation(world)
    before = Report.objects.count()
    with pytest.raises(Http404):
        services.open_report(hn, ob, sp.child(world), "2026W3")
    assert Report.objects.count() == before


def test_plan_drafts_cannot_be_created_for_a_foreign_unit(world, hn):
    """planimport.draft.require: reading a plan into another province's drafts."""
    from doanso.planimport import upload
    from doanso.planimport.models import PlanDraft

    before = PlanDraft.objects.count()
    with pytest.raises(Http404):
        upload.create_draft(
            hn, world.victim, sp.upload("ke-hoach.txt", "KẾ HOẠCH\nPhấn đấu 100 lượt.".encode())
        )
    assert PlanDraft.objects.count() == before


def test_member_export_refuses_a_foreign_unit(world, hn, tmp_path):
    """members.importing.export_members: the export holds CCCDs in clear."""
    from doanso.members.importing import export_members

    out = tmp_path / "hcm.xlsx"
    with pytest.raises(UserError):
        export_members(hn, world.victim, out)
    assert not out.exists()


def test_approving_a_foreign_branchs_ratings_is_404(world, hn):
    """members.actions.ratings.approve_ratings: out of scope is a 404, not a "not the parent" message."""
    from doanso.members.actions import ratings
    from doanso.members.models import RatingBatch

    branch = sp.rating_batch(world, "submitted")
    with pytest.raises(Http404):
        ratings.approve_ratings(hn, branch, sp.YEAR)
    assert RatingBatch.objects.get(branch=branch, year=sp.YEAR).status == "submitted"


def test_member_writes_out_of_scope_are_404_not_a_permission_message(world, hn):
    """members.actions.common.require_admin: outside the scope the unit does not exist (no existence leak)."""
    from doanso.members.actions import common, records

    m = sp.free_member(world)
    with pytest.raises(Http404):
        common.require_admin(hn, m.branch)
    with pytest.raises(Http404):
        records.set_status(hn, m, "removed")


def test_excusing_a_foreign_member_from_dues_is_404_and_writes_nothing(world, hn):
    """members.actions.dues.excuse_from_dues: out of scope the member does not exist — not a message
    naming the grassroots committee that decides (which would leak the unit's name)."""
    from doanso.members.actions import dues
    from doanso.members.models import DuesExcusal

    m = sp.free_member(world)
    with pytest.raises(Http404):
        dues.excuse_from_dues(hn, m, "2026-10", 2, "Hoàn cảnh khó khăn")
    assert not DuesExcusal.objects.filter(member=m).exists()


# ---------------------------------------------------------------------------- staff may read, not administer


def test_staff_cannot_change_member_records(world, staff, api):
    """members.actions.common.require_admin's admin check, through the API."""
    from doanso.accounts.models import ApiToken
    from doanso.members.models import Member

    m = sp.free_member(world)
    token = ApiToken.issue(staff)
    r = api("hcm.admin").client.patch(
        f"/api/v1/members/{m.pk}",
        {"version": m.version, "phone": "0900000000"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 400
    assert r.json()["field"] == "unit"
    assert Member.objects.get(pk=m.pk).phone == m.phone


def test_staff_cannot_edit_a_member_on_the_web(world, staff, client):
    """members.views.member_edit's can_administer (change_member itself does not check)."""
    from doanso.members.models import Member

    m = sp.free_member(world)
    client.force_login(staff)
    assert client.get(f"/members/records/{m.pk}/edit/").status_code == 404
    r = client.post(f"/members/records/{m.pk}/edit/", {"full_name": "Tên Khác", "version": m.version})
    assert r.status_code == 404
    assert Member.objects.get(pk=m.pk).full_name == m.full_name


def test_staff_cannot_withdraw_a_consent(world, staff, client):
    """members.views.consent_withdraw's can_administer: a clean 404, not the service's error."""
    from doanso.members.actions import consents
    from doanso.members.models import Consent

    m = sp.free_member(world)
    consents.give_consent(world.victim_user, m, "contact", "Nguyễn Văn Bình")
    client.force_login(staff)
    r = client.post(f"/members/records/{m.pk}/consents/withdraw/", {"purpose": "contact"})
    assert r.status_code == 404
    assert Consent.objects.get(member=m, purpose="contact").withdrawn_at is None


def test_staff_cannot_import_members(world, staff, client):
    """members.views._admin_unit: the import page is for the unit's admins."""
    from doanso.members.models import MemberImport

    client.force_login(staff)
    assert client.get(f"/members/units/{world.victim.code}/import/").status_code == 404
    before = MemberImport.objects.count()
    r = client.post(
        f"/members/units/{world.victim.code}/import/", {"file": sp.member_csv(world), "mode": "valid"}
    )
    assert r.status_code == 404
    assert MemberImport.objects.count() == before


def test_staff_cannot_decide_a_transfer(world, staff, client):
    """members.views.transfer_decide's can_administer: staff see incoming transfers, admins decide."""
    from doanso.members.models import Transfer

    t = Transfer.objects.get(pk=world.id("transfer_id"))
    client.force_login(staff)
    for action in ("accept", "reject"):
        r = client.post(f"/members/transfers/{t.pk}/{action}/")
        assert r.status_code == 404
    assert Transfer.objects.get(pk=t.pk).status == "pending"


def test_an_unknown_nomination_is_404(world, api):
    """members.endpoints.nomination_outcome's guard: its `n is None` half (its scope half is repeated
    by require_admin in services.record_nomination_outcome, which the walk proves)."""
    from doanso.members.models import Nomination

    missing = (Nomination.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
    r = api(world.victim_user.username).post(
        f"/members/nominations/{missing}/outcome", {"outcome": "admitted"}
    )
    assert r.status_code == 404
