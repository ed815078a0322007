"""The nominations page (đoàn viên ưu tú): nominate per year, record the outcome."""

import pytest

from doanso.core.models import AuditLog
from doanso.members.models import Nomination
from tests.factories import BranchFactory, MemberFactory, NominationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch(unit):
    return BranchFactory(parent=unit("HN"))


def test_nominate_a_member_for_a_year(login, branch):
    m = MemberFactory(branch=branch, full_name="Trần Văn Ưu Tú")
    c = login("hn.admin")
    page = c.get(f"/members/units/{branch.code}/nominations/?year=2025").content.decode()
    assert "Trần Văn Ưu Tú" in page and f'action="/members/records/{m.pk}/nominate/"' in page
    r = c.post(f"/members/records/{m.pk}/nominate/", {"year": 2025, "unit": branch.code})
    assert r.status_code == 302 and r["Location"] == f"/members/units/{branch.code}/nominations/?year=2025"
    n = Nomination.objects.get(member=m)
    assert (n.year, n.outcome, n.branch_id) == (2025, "pending", branch.pk)
    assert AuditLog.objects.filter(action="nomination.create", object_id=str(n.pk)).exists()
    page = c.get(r["Location"]).content.decode()
    assert 'id="nominated">1<' in page and 'id="admitted">0<' in page
    assert f'action="/members/nominations/{n.pk}/outcome/"' in page
    # no second nomination in the same year: the candidate list no longer offers them
    assert f'action="/members/records/{m.pk}/nominate/"' not in page
    r = c.post(f"/members/records/{m.pk}/nominate/", {"year": 2025, "unit": branch.code}, follow=True)
    assert "Đoàn viên đã được giới thiệu năm 2025." in r.content.decode()
    assert Nomination.objects.filter(member=m).count() == 1


def test_record_the_outcome_admitted_or_not(login, branch):
    yes = NominationFactory(member=MemberFactory(branch=branch), year=2025)
    no = NominationFactory(member=MemberFactory(branch=branch), year=2025)
    c = login("hn.admin")
    r = c.post(f"/members/nominations/{yes.pk}/outcome/", {"outcome": "admitted", "unit": branch.code})
    assert r.status_code == 302
    c.post(f"/members/nominations/{no.pk}/outcome/", {"outcome": "not_admitted", "on": "2025-12-01"})
    yes.refresh_from_db()
    no.refresh_from_db()
    assert (yes.outcome, no.outcome, str(no.outcome_on)) == ("admitted", "not_admitted", "2025-12-01")
    yes.member.refresh_from_db()
    assert yes.member.party_member is True
    page = c.get(f"/members/units/{branch.code}/nominations/?year=2025").content.decode()
    assert 'id="nominated">2<' in page and 'id="admitted">1<' in page
    assert "Đã kết nạp Đảng" in page and "Chưa được kết nạp" in page
    # a decided nomination cannot be decided again
    r = c.post(f"/members/nominations/{yes.pk}/outcome/", {"outcome": "not_admitted"}, follow=True)
    assert "Đã ghi kết quả cho lần giới thiệu này." in r.content.decode()
    bad = c.post(f"/members/nominations/{no.pk}/outcome/", {"outcome": "maybe"}, follow=True)
    assert "Kết quả không hợp lệ." in bad.content.decode()


def test_candidates_search_is_an_htmx_fragment(login, branch):
    MemberFactory(branch=branch, full_name="Lê Thị Hoa")
    MemberFactory(branch=branch, full_name="Phạm Văn Nam")
    r = login("hn.admin").post(
        f"/members/units/{branch.code}/nominations/?year=2025&part=candidates",
        {"q": "hoa"},
        headers={"HX-Request": "true"},
    )
    body = r.content.decode()
    assert r.status_code == 200 and "<html" not in body
    assert "Lê Thị Hoa" in body and "Phạm Văn Nam" not in body


def test_candidate_search_by_cccd_travels_in_the_body_never_the_url(login, branch):
    """Issue 12, finding 7: a CCCD in a query string lands in access logs. The search box POSTs
    (htmx), the next-page link includes the box instead of writing q into its URL, and a CCCD
    typed into the address bar is not searched."""
    m = MemberFactory(branch=branch, full_name="Võ Thị Căn Cước", cccd="001303777123")
    MemberFactory(branch=branch, full_name="Phạm Văn Nam")
    c = login("hn.admin")
    url = f"/members/units/{branch.code}/nominations/"
    page = c.get(url, {"year": 2025}).content.decode()
    box = page[page.rindex("<input", 0, page.index('id="candidate-q"')) :].split(">", 1)[0]
    assert "hx-post=" in box and "hx-get=" not in box
    # by POST (what the box sends): found
    r = c.post(f"{url}?year=2025&part=candidates", {"q": "001303777123"}, headers={"HX-Request": "true"})
    assert r.status_code == 200 and "Võ Thị Căn Cước" in r.content.decode()
    assert "Phạm Văn Nam" not in r.content.decode()
    # in the query string: not searched (the whole list, the CCCD is ignored), on both page forms
    for headers in ({"HX-Request": "true"}, {}):
        r = c.get(url, {"year": 2025, "part": "candidates", "q": m.cccd}, headers=headers)
        body = r.content.decode()
        assert r.status_code == 200 and "Phạm Văn Nam" in body and f'value="{m.cccd}"' not in body
    # a name search still works from the address bar (no JavaScript)
    body = c.get(url, {"year": 2025, "q": "nam"}).content.decode()
    assert "Phạm Văn Nam" in body and "Võ Thị Căn Cước" not in body


def test_candidate_pages_post_the_search_text(login, branch):
    for i in range(21):
        MemberFactory(branch=branch, full_name=f"Nguyễn Văn Hoa {i:02d}")
    c = login("hn.admin")
    r = c.post(
        f"/members/units/{branch.code}/nominations/?year=2025&part=candidates",
        {"q": "hoa"},
        headers={"HX-Request": "true"},
    )
    body = r.content.decode()
    link = body[body.index("hx-post=") :].split(">", 1)[0]
    assert 'hx-include="#candidate-q"' in link and "q=" not in link.split("href=")[0]
    nxt = c.post(
        f"/members/units/{branch.code}/nominations/?year=2025&part=candidates&cpage=2",
        {"q": "hoa"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Nguyễn Văn Hoa 20" in nxt and "Nguyễn Văn Hoa 00" not in nxt


def test_other_provinces_and_staff_without_admin_rights(login, branch):
    n = NominationFactory(member=MemberFactory(branch=branch), year=2025)
    hcm = login("hcm.admin")
    assert hcm.get(f"/members/units/{branch.code}/nominations/").status_code == 404
    assert hcm.post(f"/members/nominations/{n.pk}/outcome/", {"outcome": "admitted"}).status_code == 404
    assert hcm.post(f"/members/records/{n.member_id}/nominate/", {"year": 2026}).status_code == 404
    n.refresh_from_db()
    assert n.outcome == "pending"
