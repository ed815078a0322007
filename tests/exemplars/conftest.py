"""The exemplar world of the tiny demo: Cần Thơ (CT) → đoàn xã CT-P003 → chi đoàn ST-H01-X01-C01,
its secretary `chidoan.demo` and member `doanvien.demo`; an admin for the commune (`xa.demo`, added
here) so each level of the climb has its own decider; Hồ Chí Minh's admin as the outsider."""

import types

import pytest

YEAR = 2026


@pytest.fixture
def world(db, user, unit):
    from tests.factories import UserFactory

    secretary = user("chidoan.demo")
    branch = secretary.roles.get().unit
    commune = branch.parent
    member_user = user("doanvien.demo")
    commune_admin = UserFactory(unit=commune, username="xa.demo")
    return types.SimpleNamespace(
        year=YEAR,
        branch=branch,
        commune=commune,
        province=unit("CT"),
        centre=unit("TW"),
        secretary=secretary,
        member_user=member_user,
        member=member_user.member,
        commune_admin=commune_admin,
        province_admin=user("ct.admin"),
        centre_admin=user("tw.admin"),
        outsider=user("hcm.admin"),
    )


@pytest.fixture
def criteria(world):
    """Two criteria of the province and one of the branch itself for the year."""
    from doanso.exemplars.services.criteria import add_criterion

    return [
        add_criterion(
            world.province_admin, world.province, "YEU_NUOC", YEAR, "Tham gia ít nhất 2 hoạt động về nguồn"
        ),
        add_criterion(
            world.province_admin, world.province, "HOC_TAP", YEAR, "Hoàn thành một khóa học kỹ năng số"
        ),
        add_criterion(
            world.secretary, world.branch, "TIEN_PHONG", YEAR, "Nhận một phần việc thanh niên của chi đoàn"
        ),
    ]


@pytest.fixture
def submitted(world, criteria):
    """The member's assessment of the year, answered and submitted."""
    from doanso.exemplars.services import assessments

    rows = [assessments.AnswerIn(c.pk, True, "Đã làm", "https://example.vn/minh-chung") for c in criteria]
    assessments.save_answers(world.member_user, YEAR, rows)
    return assessments.submit(world.member_user, YEAR)


@pytest.fixture
def nomination(world):
    """The branch proposes its member; the nomination reaches the commune."""
    from doanso.exemplars.services import nominations

    return nominations.propose(
        world.secretary,
        world.branch,
        year=YEAR,
        achievements="Hiến máu 5 lần, dẫn đội tình nguyện",
        member_id=world.member.pk,
    )
