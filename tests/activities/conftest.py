"""A small HCM tree (district → commune → two branches) with members and accounts, plus helpers."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from django.utils import timezone


@dataclass
class World:
    province: object
    district: object
    commune: object
    branch: object
    other_branch: object
    members: list
    outsider: object  # an active member of another province (Hà Nội)
    commune_admin: object
    district_admin: object
    member_user: object


@pytest.fixture
def world(unit):
    from doanso.accounts.models import RoleKind
    from doanso.org.models import UnitKind
    from tests.factories import BranchFactory, MemberFactory, UnitFactory, UserFactory

    hcm = unit("HCM")
    district = UnitFactory(kind=UnitKind.HUYEN, parent=hcm)
    commune = UnitFactory(kind=UnitKind.XA, parent=district)
    branch = BranchFactory(parent=commune)
    other = BranchFactory(parent=commune)
    members = [MemberFactory(branch=branch) for _ in range(3)] + [MemberFactory(branch=other)]
    outsider = MemberFactory(branch=BranchFactory(parent=unit("HN")))
    return World(
        province=hcm,
        district=district,
        commune=commune,
        branch=branch,
        other_branch=other,
        members=members,
        outsider=outsider,
        commune_admin=UserFactory(unit=commune, username="xa.admin"),
        district_admin=UserFactory(unit=district, username="huyen.admin"),
        member_user=UserFactory(unit=branch, username="dv.mot", role=RoleKind.MEMBER, member=members[0]),
    )


def window(hours_from_now: float = -1, length: float = 4) -> tuple[str, str]:
    start = timezone.now() + timedelta(hours=hours_from_now)
    return start.isoformat(), (start + timedelta(hours=length)).isoformat()


@pytest.fixture
def make_activity(api, world):
    """POST an activity as the commune admin; returns the JSON."""

    def make(**kw):
        start, end = window()
        body = {
            "unit": world.commune.code,
            "title": "Ngày chủ nhật xanh",
            "type": "tinh_nguyen",
            "start": start,
            "end": end,
            "indicators": ["TN_LUOT", "CAY_XANH"],
            "hours": "4",
        }
        body.update(kw)
        r = api("xa.admin").post("/activities", body)
        assert r.status_code == 201, r.json()
        return r.json()

    return make


def iso(dt: datetime) -> str:
    return dt.isoformat()
