"""A crowd checking in to one event at the same instant, on real connections (one per thread):
the last place goes once, one person and one scan are counted once, and the activity's count,
the rows and the subtree counters agree afterwards. On PostgreSQL the check-in is one statement
(activities/crowd.py); on SQLite writers queue on the database lock."""

import threading

import pytest
from django.db import connection

from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)


def crowd(calls):
    """Run the calls in threads released together; returns each call's result or exception."""
    barrier = threading.Barrier(len(calls))
    out = [None] * len(calls)

    def run(i, call):
        from django.db import connection as conn

        try:
            barrier.wait()
            out[i] = call()
        except Exception as e:  # noqa: BLE001 — the outcome under test
            out[i] = e
        finally:
            conn.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return out


def _counted(world, activity_id):
    from doanso.activities import counting
    from doanso.activities.models import Activity
    from doanso.core.calendar.periods import parse
    from doanso.org.counters import read

    a = Activity.objects.select_related("type").get(pk=activity_id)
    year = parse(str(a.start.year))
    key = f"l|{a.type.code}"
    return {
        "count": a.participations_count,
        "rows": a.participations.count(),
        "commune": counting.read(world.commune, year, [key])[key],
        "province": counting.read(world.province, year, [key])[key],
        "persons": read(world.province, counting.PERSONS, [str(a.start.year)])[str(a.start.year)],
    }


@pytest.fixture
def sqlite_skip(reseeded):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's test database lives in one connection; threads do not share it")


def test_the_last_places_go_once(sqlite_skip, world, make_activity):
    from doanso.activities import services
    from doanso.core.errors import ConflictError

    a = make_activity(capacity=5)
    members = [MemberFactory(branch=world.branch) for _ in range(12)]
    user = world.commune_admin
    out = crowd([lambda m=m: services.check_in(user, a["id"], member_id=m.pk) for m in members])
    written = [r for r in out if isinstance(r, tuple)]
    full = [r for r in out if isinstance(r, ConflictError) and "đủ 5 người" in str(r.message)]
    assert (len(written), len(full)) == (5, 7), out
    assert sorted(r[0].activity.participations_count for r in written) == [1, 2, 3, 4, 5]
    assert _counted(world, a["id"]) == {"count": 5, "rows": 5, "commune": 5, "province": 5, "persons": 5}


def test_one_person_and_one_scan_count_once(sqlite_skip, world, make_activity):
    from doanso.activities import services

    a = make_activity()
    user, m = world.commune_admin, world.members[1]
    out = crowd([lambda: services.check_in(user, a["id"], member_id=m.pk) for _ in range(8)])
    written = [r for r in out if isinstance(r, tuple)]
    twice = [r for r in out if isinstance(r, services.Twice)]
    assert (len(written), len(twice)) == (1, 7), out
    assert "đã điểm danh" in str(twice[0].message)

    other = world.members[2]
    out = crowd(
        [lambda: services.check_in(user, a["id"], member_id=other.pk, nonce="quet-lai-1") for _ in range(6)]
    )
    assert all(isinstance(r, tuple) for r in out), out
    assert sorted(created for _, created in out) == [False] * 5 + [True]
    assert len({p.pk for p, _ in out}) == 1
    assert _counted(world, a["id"]) == {"count": 2, "rows": 2, "commune": 2, "province": 2, "persons": 2}
