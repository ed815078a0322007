"""Fixtures of the learning tests: an HCM contest and members of HCM branches with accounts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from doanso.accounts.models import RoleKind
from tests.factories import MemberFactory, UserFactory

QUESTIONS = [
    {"text": f"Câu hỏi số {i}?", "options": [f"Đúng {i}", f"Sai {i}a", f"Sai {i}b", f"Sai {i}c"], "answer": 0}
    for i in range(1, 13)
]


@pytest.fixture
def hcm_branches(db):
    from doanso.org.models import Unit

    hcm = Unit.objects.get(code="HCM")
    lo, hi = hcm.subtree_range
    return list(
        Unit.objects.filter(kind="chi_doan", active=True, path__gte=lo, path__lt=hi).order_by("path")[:2]
    )


@pytest.fixture
def member_user(hcm_branches):
    """make(i, branch=0) -> a username of a member account in an HCM branch."""

    def make(i: int, branch: int = 0) -> str:
        m = MemberFactory(branch=hcm_branches[branch])
        u = UserFactory(unit=hcm_branches[branch], role=RoleKind.MEMBER, member=m, username=f"hcm.member{i}")
        return u.username

    return make


@pytest.fixture
def contest(api):
    """An HCM contest (10 of 12 questions per round) with one round open now; returns its JSON."""
    admin = api("hcm.admin")
    r = admin.post(
        "/contests",
        {"unit": "HCM", "title": "Tìm hiểu Nghị quyết", "questions_per_round": 10, "questions": QUESTIONS},
    )
    assert r.status_code == 201, r.content
    now = timezone.now()
    r2 = admin.post(
        f"/contests/{r.json()['id']}/rounds",
        {"start": (now - timedelta(minutes=5)).isoformat(), "end": (now + timedelta(hours=1)).isoformat()},
    )
    assert r2.status_code == 201, r2.content
    return r.json()


def right_answers(started: dict) -> list[dict]:
    """The shown position of each question's right option (QUESTIONS put it first, as "Đúng …")."""
    return [
        {"question": q["id"], "option": next(i for i, o in enumerate(q["options"]) if o.startswith("Đúng"))}
        for q in started["questions"]
    ]
