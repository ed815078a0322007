"""The check-in path's SQL statements, pinned: thousands check in to one event in the same minute
(issue 14), so each statement more per check-in is a cost the crowd pays. A change that adds one
goes red here; lower the pin when you remove one. The figures of the whole path are in
docs/benchmarks.md (make bench-peak)."""

import pytest
from django.db import connection

from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

# auth token with the user and their roles, the activity with its audience and the member with its
# branch (one statement, selectors.for_check_in), then on PostgreSQL one statement for the writes
# (activities/crowd.py); on SQLite the row, first-seen rows, the activity's count, the counters and
# the savepoint pair the test's transaction adds (outside a test it is the transaction's BEGIN/COMMIT)
STAFF = {"postgresql": 3, "sqlite": 8}
# the same: a member's scan needs no scope (their token has no roles), only the audience
SELF_SCAN = {"postgresql": 3, "sqlite": 8}


def test_staff_check_in_statements(api, world, make_activity, django_assert_max_num_queries):
    a = make_activity()
    staff = api("xa.admin")
    m0, m1 = MemberFactory(branch=world.branch), MemberFactory(branch=world.branch)
    assert staff.post(f"/activities/{a['id']}/checkins", {"member": m0.pk}).status_code == 201
    with django_assert_max_num_queries(STAFF[connection.vendor]):
        r = staff.post(f"/activities/{a['id']}/checkins", {"member": m1.pk})
    assert r.status_code == 201 and r.json()["participations"] == 2


def test_self_scan_statements(api, world, make_activity, django_assert_max_num_queries):
    from doanso.accounts.models import RoleKind

    a = make_activity()
    token = api("xa.admin").get(f"/activities/{a['id']}/qr").json()["token"]
    members = [MemberFactory(branch=world.branch) for _ in range(2)]
    for i, m in enumerate(members):
        UserFactory(unit=world.branch, username=f"quet.{i}", role=RoleKind.MEMBER, member=m)
    assert api("quet.0").post(f"/activities/{a['id']}/checkins", {"token": token}).status_code == 201
    caller = api("quet.1")
    assert caller.get(f"/activities/{a['id']}").status_code == 200  # the token's first use is noted once
    with django_assert_max_num_queries(SELF_SCAN[connection.vendor]):
        r = caller.post(f"/activities/{a['id']}/checkins", {"token": token})
    assert r.status_code == 201 and r.json()["participations"] == 2


def test_keys_no_row_can_have_are_404_and_refused(api, world, make_activity):
    """The check-in's hand-written read binds the keys itself: a key past 64 bits is not a crash."""
    a = make_activity()
    staff = api("xa.admin")
    assert staff.post(f"/activities/{2**70}/checkins", {"member": world.members[0].pk}).status_code == 404
    r = staff.post(f"/activities/{a['id']}/checkins", {"member": 2**63 - 1})
    assert r.status_code == 400 and "Không tìm thấy đoàn viên" in r.json()["detail"]
