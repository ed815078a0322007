"""Member lists and search (issue 9): keyset pages, counter totals, word/prefix search in order,
exact names first, scoping, CCCD only by its full hash. Every test runs with both ways of finding
a page (walking the name/full-text index, gathering the subtree) where that can matter."""

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doanso.members import actions, search, selectors
from doanso.members.models import Member
from doanso.org.models import UnitKind
from tests.factories import BranchFactory, MemberFactory, UnitFactory

PLANS = ["walk", "gather"]

NAMES = [
    "Nguyễn Văn An",
    "Nguyễn Văn Anh",
    "Nguyễn Bảo Vân",
    "Trần Nguyễn Văn An",
    "An Văn Nguyễn",
    "Nguyễn Văn Ân Khang",
    "Đặng Văn An",
]


@pytest.fixture(params=PLANS)
def plan(request, settings):
    settings.DOANSO_MEMBER_LIST_PLAN = request.param
    return request.param


@pytest.fixture
def school(db, unit):
    """A new đoàn cơ sở under Hà Nội with two branches and the names above."""
    base = UnitFactory(parent=unit("HN"), kind=UnitKind.CO_SO, name="Đoàn trường thử tìm kiếm")
    b1, b2 = BranchFactory(parent=base), BranchFactory(parent=base)
    members = [MemberFactory(branch=(b1, b2)[i % 2], full_name=n) for i, n in enumerate(NAMES)]
    return base, members


def names(body) -> list[str]:
    return [m["full_name"] for m in body["items"]]


def test_words_match_in_order_as_words_or_prefixes_exact_name_first(api, school, plan):
    base, _ = school
    body = api("hn.admin").get(f"/units/{base.code}/members", q="nguyen van an").json()
    # Names that start with the query come first in name order (so the exact name leads), then
    # names that hold it further on. "Nguyễn Bảo Vân" and "An Văn Nguyễn" do not match.
    assert names(body) == ["Nguyễn Văn An", "Nguyễn Văn Ân Khang", "Nguyễn Văn Anh", "Trần Nguyễn Văn An"]
    assert (body["count"], body["count_capped"], body["next"]) == (4, False, None)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("NGUYỄN VĂN AN", ["Nguyễn Văn An", "Nguyễn Văn Ân Khang", "Nguyễn Văn Anh", "Trần Nguyễn Văn An"]),
        (
            "van an",
            ["Nguyễn Văn An", "Nguyễn Văn Ân Khang", "Nguyễn Văn Anh", "Trần Nguyễn Văn An", "Đặng Văn An"],
        ),
        ("dang van", ["Đặng Văn An"]),  # đ folds to d
        (
            "nguy",
            [
                "Nguyễn Bảo Vân",
                "Nguyễn Văn An",
                "Nguyễn Văn Ân Khang",
                "Nguyễn Văn Anh",
                "An Văn Nguyễn",
                "Trần Nguyễn Văn An",
            ],
        ),
        ("an nguyen", []),  # the words are not next to each other in that order anywhere
        ("guyen", []),  # not the start of a word
        (
            "van   an,",
            ["Nguyễn Văn An", "Nguyễn Văn Ân Khang", "Nguyễn Văn Anh", "Trần Nguyễn Văn An", "Đặng Văn An"],
        ),
    ],
)
def test_search_cases(api, school, plan, q, expected):
    base, _ = school
    body = api("hn.admin").get(f"/units/{base.code}/members", q=q).json()
    assert sorted(names(body)) == sorted(expected)
    assert body["count"] == len(expected)


def test_web_search_ranks_the_same_and_shows_the_total(login, school, plan):
    base, _ = school
    html = login("hn.admin").get(f"/members/units/{base.code}/", {"q": "nguyen van an"}).content.decode()
    found = re.findall(r'<a href="/members/records/\d+/">([^<]+)</a>', html)
    assert found == ["Nguyễn Văn An", "Nguyễn Văn Ân Khang", "Nguyễn Văn Anh", "Trần Nguyễn Văn An"]
    assert '<p id="total">4 đoàn viên</p>' in html


def test_search_never_leaves_the_users_scope(api, login, unit, plan):
    hn = BranchFactory(parent=unit("HN"))
    hcm = BranchFactory(parent=unit("HCM"))
    theirs = {
        MemberFactory(branch=hcm, full_name="Lạc Long Quân").pk,
        MemberFactory(branch=hcm, full_name="Âu Cơ Hai").pk,
    }
    mine = MemberFactory(branch=hn, full_name="Âu Cơ Một")
    assert api("hn.admin").get("/units/HN/members", q="lac long quan").json()["count"] == 0
    for q in ("long quan", "quan", "au co", ""):
        ids, _ = _walk(api("hn.admin"), "HN", 500, q)
        assert not theirs & set(ids), q
    body = api("hn.admin").get("/units/HN/members", q="au co mot").json()
    assert [m["id"] for m in body["items"]] == [mine.pk]
    assert api("hn.admin").get(f"/units/{hcm.code}/members", q="lac").status_code == 404
    assert login("hn.admin").get(f"/members/units/{hcm.code}/", {"q": "lac"}).status_code == 404
    # The centre sees both.
    assert {mine.pk} | theirs <= set(
        _walk(api("tw.admin"), "TW", 500, "au co")[0] + _walk(api("tw.admin"), "TW", 500, "lac")[0]
    )


def test_cccd_only_by_the_full_number(api, unit, plan):
    b = BranchFactory(parent=unit("HN"))
    m = MemberFactory(branch=b, full_name="Phan Thị Căn Cước", cccd="001303999123")
    # A CCCD travels in the body, never the URL (issue 12, finding 7).
    get = lambda q: api("hn.admin").post(f"/units/{b.code}/members/search", {"q": q}).json()  # noqa: E731
    assert [x["id"] for x in get("001303999123")["items"]] == [m.pk]
    assert [x["id"] for x in get("001 303 999 123")["items"]] == [m.pk]
    for partial in ("00130399912", "0013039991", "001303", "999123", "9123", "01303999123"):
        body = get(partial)
        assert (body["items"], body["count"]) == ([], 0), partial
    # Only in scope: HCM's admin does not find an HN member by CCCD from their own unit.
    assert api("hcm.admin").post("/units/HCM/members/search", {"q": "001303999123"}).json()["count"] == 0
    # The services' queryset (nomination candidates, other lists) follows the same rule.
    admin = m.branch.parent
    from doanso.accounts.models import User

    user = User.objects.get(username="hn.admin")
    assert list(selectors.members_in(user, admin, "00130399912")) == []
    assert list(selectors.members_in(user, admin, "001303999123")) == [m]


def _walk(caller, code, limit, q=""):
    ids, cursor, pages = [], "", 0
    while True:
        body = caller.get(f"/units/{code}/members", q=q, limit=limit, cursor=cursor).json()
        ids += [m["id"] for m in body["items"]]
        pages += 1
        assert pages < 500
        if not body["next"]:
            return ids, body
        cursor = body["next"]


@pytest.mark.parametrize("mode", PLANS)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    words=st.lists(
        st.sampled_from(["An", "Ân", "Anh", "Bình", "Văn", "Đức", "Nguyễn", "Trần"]), min_size=0, max_size=14
    ),
    limit=st.integers(1, 5),
    cap=st.sampled_from([2, 10_000]),
)
def test_keyset_pages_cover_every_row_exactly_once(api, unit, settings, mode, words, limit, cap):
    from django.db import transaction

    settings.DOANSO_MEMBER_LIST_PLAN = mode
    settings.DOANSO_COUNT_CAP = cap
    with transaction.atomic():
        sid = transaction.savepoint()
        branch = BranchFactory(parent=unit("HN"))
        # Ties on purpose: few distinct names, so ids break them.
        made = [
            MemberFactory(branch=branch, full_name=f"{w} {words[(i + 1) % len(words)]} {w}")
            for i, w in enumerate(words)
        ]
        caller = api("hn.admin")
        ids, last = _walk(caller, branch.code, limit)
        expected = [m.pk for m in sorted(made, key=lambda m: (m.search_name, m.pk))]
        assert ids == expected
        assert last["count"] == len(made)
        for q in ("an", "van an", "nguyen"):
            ids, last = _walk(caller, branch.code, limit, q)
            assert len(ids) == len(set(ids))
            matched = list(selectors.members_in(caller_user(), branch, q))
            starts = sorted(
                (m for m in matched if m.search_name.startswith(q)), key=lambda m: (m.search_name, m.pk)
            )
            later = sorted(m.pk for m in matched if not m.search_name.startswith(q))
            assert ids == [m.pk for m in starts] + later
            assert (last["count"], last["count_capped"]) == (min(len(ids), cap), len(ids) > cap)
        transaction.savepoint_rollback(sid)


def caller_user():
    from doanso.accounts.models import User

    return User.objects.get(username="hn.admin")


def test_totals_come_from_the_counters_and_equal_a_recount(api, unit, django_assert_max_num_queries):
    hn = unit("HN")
    lo, hi = hn.subtree_range
    recount = Member.objects.filter(branch__path__gte=lo, branch__path__lt=hi)
    body = api("hn.admin").get("/units/HN/members").json()
    assert body["count"] == recount.count() > 0
    for status in ("active", "transferred"):
        body = api("hn.admin").get("/units/HN/members", status=status, limit=500).json()
        assert body["count"] == recount.filter(status=status).count()
        assert {m["status"] for m in body["items"]} <= {status}
    web = api("tw.admin").get("/units/TW/members").json()
    assert web["count"] == Member.objects.count()


def test_more_than_the_cap_is_shown_as_more_than(api, login, unit, settings, plan):
    settings.DOANSO_COUNT_CAP = 3
    b = BranchFactory(parent=unit("HN"))
    for i in range(5):
        MemberFactory(branch=b, full_name=f"Hoàng Thị Mai {i}")
    body = api("hn.admin").get(f"/units/{b.code}/members", q="hoang thi").json()
    assert (body["count"], body["count_capped"], len(body["items"])) == (3, True, 5)
    html = login("hn.admin").get(f"/members/units/{b.code}/", {"q": "hoang thi"}).content.decode()
    assert '<p id="total">Hơn 3 đoàn viên</p>' in html
    settings.DOANSO_COUNT_CAP = 10_000
    html = login("hn.admin").get(f"/members/units/{b.code}/", {"q": "hoang thi"}).content.decode()
    assert '<p id="total">5 đoàn viên</p>' in html


def test_web_pages_follow_the_cursor_link(login, unit, plan):
    b = BranchFactory(parent=unit("HN"))
    made = [MemberFactory(branch=b, full_name=f"Lý Thị Trang {i:02d}") for i in range(57)]
    c = login("hn.admin")
    seen, url = [], f"/members/units/{b.code}/"
    while url:
        html = c.get(url).content.decode()
        seen += [int(x) for x in re.findall(r'<a href="/members/records/(\d+)/">', html)]
        nxt = re.search(r'<a rel="next" href="([^"]+)"', html)
        url = f"/members/units/{b.code}/" + nxt.group(1).replace("&amp;", "&") if nxt else None
    assert seen == [m.pk for m in made]
    assert c.get(f"/members/units/{b.code}/", {"cursor": "rác"}).status_code == 200  # starts over


def test_bad_api_cursor_is_refused(api):
    r = api("hn.admin").get("/units/HN/members", cursor="not-a-cursor")
    assert r.status_code == 400


@pytest.mark.parametrize("q", ["", "nguyen", "nguyen van an", "001303999123", "0013"])
def test_list_pages_take_a_fixed_number_of_queries(api, login, unit, plan, q, django_assert_max_num_queries):
    b = BranchFactory(parent=unit("HN"))
    for i in range(60):
        MemberFactory(branch=b, full_name=f"Nguyễn Văn An {i}", cccd=f"0013039{i:05d}")
    c, a = login("hn.admin"), api("hn.admin")
    with django_assert_max_num_queries(20):
        assert c.get("/members/units/HN/", {"q": q}).status_code == 200
    if search.looks_like_cccd(q):  # a CCCD is searched by POST, never in the URL (issue 12)
        page = lambda cursor="": a.post("/units/HN/members/search", {"q": q, "cursor": cursor})  # noqa: E731
    else:
        page = lambda cursor="": a.get("/units/HN/members", q=q, cursor=cursor)  # noqa: E731
    with django_assert_max_num_queries(14):
        body = page().json()
    if body["next"]:
        with django_assert_max_num_queries(14):
            assert page(body["next"]).status_code == 200


def test_search_index_follows_writes(api, unit, plan):
    b = BranchFactory(parent=unit("HN"))
    m = MemberFactory(branch=b, full_name="Tô Thị Cũ")
    assert search.ensure_index()
    get = lambda q: [x["id"] for x in api("hn.admin").get(f"/units/{b.code}/members", q=q).json()["items"]]  # noqa: E731
    assert get("thi cu") == [m.pk]
    actions.records.change_member(None, m, expected_version=m.version, full_name="Tô Thị Mới")
    assert get("thi cu") == []
    assert get("thi moi") == [m.pk]
    search.index_members([m.pk])  # idempotent repair call
    assert get("thi moi") == [m.pk]
    Member.objects.filter(pk=m.pk).delete()
    assert get("thi moi") == []


def test_parse():
    assert search.parse("").kind == "all"
    assert search.parse("  Đỗ  Thị-Hà ").words == ("do", "thi", "ha")
    assert search.parse("0013").kind == "none"
    assert search.parse("001303999123").kind == "cccd"
    assert search.parse("001.303.999.123").kind == "cccd"
    assert search.parse(" - ").kind == "all"
    assert search.parse("%_'\"*").kind == "all"  # nothing to search for: the whole list


def test_other_numbers_match_nothing(api, unit):
    b = BranchFactory(parent=unit("HN"))
    MemberFactory(branch=b, full_name="Vũ Thị Ngày", birth_date=date(2001, 2, 3))
    assert api("hn.admin").get(f"/units/{b.code}/members", q="2001").json()["count"] == 0


@pytest.mark.parametrize("opts", [{}, {"workers": 0, "chunk_size": 2, "defer_at": 1}])
def test_imported_members_are_found(api, write_csv, unit, plan, opts):
    """Both import paths (row by row, and bulk with indexes dropped and rebuilt) feed the index."""
    from doanso.members.importing.write import import_members
    from tests.members.conftest import person

    b = BranchFactory(parent=unit("HN"))
    rows = [person(i, b.code, name=f"Kiều Thị Nhập Khẩu {w}") for i, w in enumerate(("Một", "Hai", "Ba"))]
    import_members(write_csv(rows), unit("HN"), mode="all", **opts)
    for q in ("kieu thi nhap", "thi nhap khau", "nhap khau h"):
        body = api("hn.admin").get(f"/units/{b.code}/members", q=q).json()
        everyone = ["Kiều Thị Nhập Khẩu Ba", "Kiều Thị Nhập Khẩu Hai", "Kiều Thị Nhập Khẩu Một"]
        expected = ["Kiều Thị Nhập Khẩu Hai"] if q.endswith(" h") else everyone
        assert sorted(names(body)) == expected, q


def test_index_follows_a_move_to_another_branch_and_status(api, unit, plan):
    """Raw writes too (the triggers, not the services, keep the index): what a search tests on
    each hit — branch and status — is never stale."""
    hn, hcm = BranchFactory(parent=unit("HN")), BranchFactory(parent=unit("HCM"))
    m = MemberFactory(branch=hn, full_name="Lưu Thị Chuyển Đi")
    find = lambda who, code, **kw: [  # noqa: E731
        x["id"] for x in api(who).get(f"/units/{code}/members", q="chuyen di", **kw).json()["items"]
    ]
    assert (find("hn.admin", "HN"), find("hcm.admin", "HCM")) == ([m.pk], [])
    Member.objects.filter(pk=m.pk).update(branch=hcm)
    assert (find("hn.admin", "HN"), find("hcm.admin", "HCM")) == ([], [m.pk])
    Member.objects.filter(pk=m.pk).update(status="transferred")
    assert find("hcm.admin", "HCM", status="active") == []
    assert find("hcm.admin", "HCM", status="transferred") == [m.pk]
