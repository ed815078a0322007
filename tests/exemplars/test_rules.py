"""Every guard of the app, each one seen failing once when removed: who may edit criteria, confirm an
assessment, act on a nomination, register an honour; the bad inputs refused whole."""

import pytest
from django.db import IntegrityError, transaction
from django.http import Http404

from doanso.core.errors import ConflictError, UserError
from doanso.exemplars.models import Nomination, NominationStatus, SelfAssessment
from doanso.exemplars.rules import Forbidden
from doanso.exemplars.services import assessments, honours, nominations
from doanso.exemplars.services import criteria as crit
from tests.exemplars.conftest import YEAR

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ criteria


def test_a_lower_unit_cannot_edit_a_higher_units_criterion(world, criteria):
    higher = criteria[0]
    with pytest.raises(Forbidden) as e:
        crit.change_criterion(world.secretary, higher, "Đổi")
    assert "Thành đoàn Cần Thơ" in e.value.message or world.province.name in e.value.message
    higher.refresh_from_db()
    assert higher.text == "Tham gia ít nhất 2 hoạt động về nguồn"
    with pytest.raises(Forbidden):
        crit.delete_criterion(world.secretary, higher)


def test_a_higher_unit_edits_its_own_and_the_lower_units_add_their_own(world, criteria):
    c = crit.change_criterion(world.province_admin, criteria_list(world)[0], "Tham gia 3 hoạt động về nguồn")
    assert c.text == "Tham gia 3 hoạt động về nguồn"


def criteria_list(world):
    return list(crit.applying(world.branch, YEAR))


def test_another_province_sees_no_criterion(world, criteria):
    with pytest.raises(Http404):
        crit.visible(world.outsider, criteria[0].pk)
    with pytest.raises(Http404):
        crit.add_criterion(world.outsider, world.province, "YEU_NUOC", YEAR, "x")


def test_an_answered_criterion_is_not_deleted(world, criteria, submitted):
    with pytest.raises(ConflictError):
        crit.delete_criterion(world.province_admin, criteria[0])


def test_criterion_input_is_checked(world):
    with pytest.raises(UserError) as e:
        crit.add_criterion(world.province_admin, world.province, "KHONG_CO", YEAR, "x")
    assert e.value.field == "value"
    with pytest.raises(UserError) as e:
        crit.add_criterion(world.province_admin, world.province, "YEU_NUOC", YEAR, "   ")
    assert e.value.field == "text"


# ------------------------------------------------------------------ self-assessment


def test_one_self_assessment_per_member_and_year_in_the_database(world, submitted):
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfAssessment.objects.create(member=world.member, branch=world.branch, year=YEAR)


def test_every_criterion_must_be_answered_before_submitting(world, criteria):
    assessments.save_answers(world.member_user, YEAR, [assessments.AnswerIn(criteria[0].pk, True)])
    with pytest.raises(UserError) as e:
        assessments.submit(world.member_user, YEAR)
    assert "2 tiêu chí" in e.value.message
    assert SelfAssessment.objects.get(member=world.member, year=YEAR).status == "draft"


def test_a_criterion_of_another_unit_is_refused_naming_the_row(world, criteria):
    from doanso.org.models import Unit

    other_branch = Unit.objects.filter(kind="chi_doan", active=True, code__startswith="HCM").first()
    foreign = criteria_add(world, other_branch)
    rows = [assessments.AnswerIn(criteria[0].pk, True), assessments.AnswerIn(foreign.pk, True)]
    with pytest.raises(UserError) as e:
        assessments.save_answers(world.member_user, YEAR, rows)
    assert e.value.field == "answers[2].criterion"


def criteria_add(world, unit):
    return crit.add_criterion(world.outsider, unit, "YEU_NUOC", YEAR, "Của nơi khác")


def test_a_bad_evidence_link_is_refused(world, criteria):
    with pytest.raises(UserError) as e:
        assessments.save_answers(
            world.member_user, YEAR, [assessments.AnswerIn(criteria[0].pk, True, "", "javascript:alert(1)")]
        )
    assert e.value.field == "answers[1].link"


def test_a_member_cannot_confirm_their_own_assessment(world, submitted):
    from doanso.accounts.models import Role

    Role.objects.create(user=world.member_user, unit=world.branch, role="admin")
    world.member_user.__dict__.pop("_doanso_scope", None)
    with pytest.raises(Forbidden):
        assessments.confirm(world.member_user, submitted)
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_only_the_branch_or_above_confirms(world, submitted):
    with pytest.raises(Http404):
        assessments.visible(world.outsider, submitted.pk)
    with pytest.raises(Http404):
        assessments.confirm(world.outsider, submitted)
    assert assessments.confirm(world.province_admin, submitted).status == "confirmed"


def test_returned_then_resubmitted(world, submitted):
    with pytest.raises(UserError):
        assessments.send_back(world.secretary, submitted, " ")
    a = assessments.send_back(world.secretary, submitted, "Thiếu minh chứng tiêu chí 2")
    assert a.status == "returned"
    with pytest.raises(ConflictError):
        assessments.confirm(world.secretary, a)
    again = assessments.submit(world.member_user, YEAR)
    assert again.status == "submitted" and again.decision_note == ""


# ------------------------------------------------------------------ nominations


def test_a_level_cannot_decide_a_nomination_that_has_not_reached_it(world, nomination):
    assert nomination.current == world.commune
    with pytest.raises(Forbidden):
        nominations.forward(world.province_admin, nomination, "")
    with pytest.raises(Forbidden):
        nominations.decline(world.province_admin, nomination, "Không")
    with pytest.raises(Forbidden):
        honours.register_honour(
            world.province_admin,
            world.province,
            kind="tuyen_duong",
            title="x",
            doc_number="1/QĐ-ĐTN",
            doc_date="01/03/2026",
            nomination=nomination,
        )
    nomination.refresh_from_db()
    assert (nomination.current, nomination.status) == (world.commune, "open")
    nominations.forward(world.commune_admin, nomination)
    with pytest.raises(Forbidden):  # it has left the commune
        nominations.forward(world.commune_admin, nomination)


def test_declined_with_a_reason_and_then_closed(world, nomination):
    with pytest.raises(UserError) as e:
        nominations.decline(world.commune_admin, nomination, "")
    assert e.value.field == "reason"
    n = nominations.decline(world.commune_admin, nomination, "Chưa đủ thành tích cấp xã")
    assert n.status == NominationStatus.DECLINED
    with pytest.raises(ConflictError):
        nominations.forward(world.commune_admin, n)
    assert [(s.action, s.reason) for s in n.steps.all()] == [
        ("proposed", ""),
        ("declined", "Chưa đủ thành tích cấp xã"),
    ]


def test_only_nominees_of_the_subtree_and_one_per_year(world, nomination):
    from doanso.members.models import Member

    with pytest.raises(ConflictError):
        nominations.propose(
            world.secretary, world.branch, year=YEAR, achievements="x", member_id=world.member.pk
        )
    stranger = Member.objects.filter(branch__code__startswith="HCM", status="active").first()
    with pytest.raises(UserError) as e:
        nominations.propose(world.secretary, world.branch, year=YEAR, achievements="x", member_id=stranger.pk)
    assert e.value.field == "member_id"
    with pytest.raises(UserError):
        nominations.propose(
            world.secretary,
            world.branch,
            year=YEAR,
            achievements="x",
            member_id=world.member.pk,
            team="Đội A",
        )
    with pytest.raises(Http404):
        nominations.propose(world.outsider, world.branch, year=YEAR, achievements="x", team="Đội A")
    with pytest.raises(Http404):
        nominations.visible(world.outsider, nomination.pk)


def test_groups_and_teams_are_nominated_too(world):
    g = nominations.propose(
        world.commune_admin, world.commune, year=YEAR, achievements="Chi đoàn mạnh", group=world.branch.code
    )
    t = nominations.propose(
        world.secretary, world.branch, year=YEAR, achievements="Đội hình", team="Đội hình hiến máu"
    )
    assert (g.nominee_name(), g.current) == (world.branch.name, world.province)
    assert (t.nominee_name(), t.home) == ("Đội hình hiến máu", world.branch)


def test_the_centre_cannot_forward_further(world, nomination):
    for admin in (world.commune_admin, world.province_admin):
        nominations.forward(admin, nomination)
    with pytest.raises(UserError):
        nominations.forward(world.centre_admin, nomination)
    assert Nomination.objects.get(pk=nomination.pk).current == world.centre


# ------------------------------------------------------------------ honours


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("doc_number", "QĐ khen thưởng"),
        ("doc_number", "15/QĐ"),
        ("doc_date", "31/02/2026"),
        ("kind", "huy_chuong"),
    ],
)
def test_a_bad_honour_is_refused_whole(world, nomination, field, value):
    fields = {
        "kind": "tuyen_duong",
        "title": "Gương sáng",
        "doc_number": "15/QĐ-ĐTN",
        "doc_date": "20/03/2026",
    }
    fields[field] = value
    with pytest.raises(UserError) as e:
        honours.register_honour(world.commune_admin, world.commune, nomination=nomination, **fields)
    assert e.value.field == field
    nomination.refresh_from_db()
    assert nomination.status == "open"
    assert not nomination.steps.filter(action="honoured").exists()


def test_the_same_decision_does_not_honour_the_same_person_twice(world):
    kw = {"kind": "khen_thuong", "title": "Giấy khen", "doc_number": "15-QĐ/TĐTN", "doc_date": "2026-03-20"}
    honours.register_honour(world.province_admin, world.province, member_id=world.member.pk, **kw)
    with pytest.raises(ConflictError):
        honours.register_honour(world.province_admin, world.province, member_id=world.member.pk, **kw)


def test_public_needs_a_consented_name(world):
    with pytest.raises(UserError) as e:
        honours.register_honour(
            world.province_admin,
            world.province,
            member_id=world.member.pk,
            kind="tuyen_duong",
            title="x",
            doc_number="1/QĐ-ĐTN",
            doc_date="01/03/2026",
            public=True,
        )
    assert e.value.field == "public_name"
