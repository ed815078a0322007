"""A member's record page, editing it with the optimistic lock, and the member's own data download."""

import json
from datetime import date

import pytest

from doanso.core.models import AuditLog
from doanso.members import actions
from doanso.members.models import Member
from tests.factories import BranchFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(unit):
    return MemberFactory(branch=BranchFactory(parent=unit("HN")), full_name="Võ Thị Sửa", phone="0912345678")


def _form(m: Member, **changes) -> dict:
    data = {
        "version": m.version,
        "full_name": m.full_name,
        "birth_date": m.birth_date.isoformat(),
        "gender": m.gender,
        "cccd": "",
        "phone": m.phone,
        "email": m.email,
        "address": m.address,
        "education": m.education,
        "occupation": m.occupation,
        "admitted_on": m.admitted_on.isoformat() if m.admitted_on else "",
        "admitting_unit": m.admitting_unit,
        "card_number": m.card_number,
        "ethnicity": m.ethnicity,
        "religion": m.religion,
    }
    data.update(changes)
    return data


def test_record_page_is_logged_and_links_to_edit(login, member):
    before = AuditLog.objects.filter(action="member.view").count()
    page = login("hn.admin").get(f"/members/records/{member.pk}/").content.decode()
    assert "Võ Thị Sửa" in page and f'href="/members/records/{member.pk}/edit/"' in page
    assert AuditLog.objects.filter(action="member.view").count() == before + 1
    listing = login("hn.admin").get(f"/members/units/{member.branch.code}/").content.decode()
    assert f'href="/members/records/{member.pk}/"' in listing
    assert f'href="/members/units/{member.branch.code}/nominations/"' in listing


def test_edit_saves_and_records_history(login, member):
    c = login("hn.admin")
    form = c.get(f"/members/records/{member.pk}/edit/").content.decode()
    assert f'name="version" value="{member.version}"' in form
    r = c.post(
        f"/members/records/{member.pk}/edit/", _form(member, address="12 Hàng Bài, Hà Nội", ethnicity="Tày")
    )
    assert (r.status_code, r["Location"]) == (302, f"/members/records/{member.pk}/")
    m = Member.objects.get(pk=member.pk)
    assert (m.address, m.ethnicity, m.version) == ("12 Hàng Bài, Hà Nội", "Tày", member.version + 1)
    h = m.history.filter(kind="update").latest("at")
    assert h.changes == {"address": ["", "12 Hàng Bài, Hà Nội"], "ethnicity": ["***", "***"]}


def test_a_stale_form_gets_the_conflict_message_and_changes_nothing(login, member, user):
    c = login("hn.admin")
    stale = _form(member, phone="0987654321")
    # someone else saves in between
    actions.records.change_member(
        user("hn.admin"), member, expected_version=member.version, address="Số 1 Tràng Tiền"
    )
    r = c.post(f"/members/records/{member.pk}/edit/", stale)
    assert r.status_code == 409
    page = r.content.decode()
    assert 'id="conflict"' in page
    assert "Hồ sơ đã được người khác sửa; hãy tải lại trang trước khi lưu." in page
    assert "Số 1 Tràng Tiền" in page  # the current version is shown
    m = Member.objects.get(pk=member.pk)
    assert (m.phone, m.address, m.version) == ("0912345678", "Số 1 Tràng Tiền", member.version + 1)


def test_bad_input_names_the_field(login, member):
    c = login("hn.admin")
    r = c.post(f"/members/records/{member.pk}/edit/", _form(member, admitted_on="2030-01-01"))
    assert r.status_code == 400 and "Ngày vào Đoàn: ngày vào Đoàn ở tương lai." in r.content.decode()
    r = c.post(f"/members/records/{member.pk}/edit/", _form(member, full_name=""))
    assert r.status_code == 400 and "has-error" in r.content.decode()
    assert Member.objects.get(pk=member.pk).version == member.version


def test_other_provinces_cannot_see_or_edit(login, member):
    c = login("hcm.admin")
    assert c.get(f"/members/records/{member.pk}/").status_code == 404
    assert c.post(f"/members/records/{member.pk}/edit/", _form(member, full_name="X")).status_code == 404
    assert Member.objects.get(pk=member.pk).full_name == "Võ Thị Sửa"


def test_member_downloads_their_own_data(login, user):
    """One export (the privacy app's, recorded as a data-subject request); the members page links to
    it and the old address redirects there."""
    c = login("doanvien.demo")
    page = c.get("/members/me/").content.decode()
    assert 'id="download-data" href="/privacy/me/export.json"' in page
    old = c.get("/members/me/data.json")
    assert (old.status_code, old["Location"]) == (301, "/privacy/me/export.json")
    r = c.get("/members/me/data.json", follow=True)
    assert r.status_code == 200
    assert "du-lieu-ca-nhan" in r["Content-Disposition"]
    data = json.loads(r.content)
    me = user("doanvien.demo").member
    assert (data["id"], data["full_name"], data["cccd"]) == (me.pk, me.full_name, me.cccd)
    assert {"history", "ratings", "transfers", "nominations", "dues", "consents", "data_requests"} <= set(
        data
    )
    assert AuditLog.objects.filter(action="privacy.export", object_id=str(me.pk)).exists()
    # the API's own-data route lists the same things (one builder)
    assert {"history", "ratings", "transfers", "nominations", "dues", "consents"} <= set(
        c.get("/api/v1/members/me/data").json()
    )
    # staff without a member record get nothing
    assert login("hn.admin").get("/members/me/data.json", follow=True).status_code == 404


def test_birth_date_change_respects_the_charter(login, member):
    r = login("hn.admin").post(
        f"/members/records/{member.pk}/edit/", _form(member, birth_date=date(2015, 1, 1).isoformat())
    )
    assert r.status_code == 400 and "chưa đủ tuổi kết nạp" in r.content.decode()


def test_edit_refuses_a_cccd_whose_structure_disagrees_with_the_record(login, member):
    """The factory's member is a woman born 15/06/2003: 3 = woman born 2000–2099, 03 = 2003."""
    c = login("hn.admin")
    url = f"/members/records/{member.pk}/edit/"
    r = c.post(url, _form(member, cccd="001203000123"))  # 2 = a man
    assert r.status_code == 400
    assert "Số CCCD sai thế kỷ/giới tính: chữ số thứ 4 “2” là của người giới tính nam" in r.content.decode()
    r = c.post(url, _form(member, cccd="099303000123"))  # no province 099
    assert "Số CCCD sai mã tỉnh: “099”" in r.content.decode()
    member.refresh_from_db()
    assert member.cccd_hash is None or member.cccd != "001203000123"
    r = c.post(url, _form(member, cccd="001303000123"))
    assert r.status_code == 302
    member.refresh_from_db()
    assert member.cccd == "001303000123"


def test_edit_reads_dates_day_first_as_vietnamese_write_them(login, member):
    """05/03/2006 is 5 March (Django's own formats would read 3 May, the American way)."""
    c = login("hn.admin")
    typed = {"birth_date": "05/03/2004", "admitted_on": "ngày 2 tháng 9 năm 2020"}
    r = c.post(f"/members/records/{member.pk}/edit/", _form(member, **typed))
    assert r.status_code == 302, r.content.decode()[:2000]
    member.refresh_from_db()
    assert (member.birth_date, member.admitted_on) == (date(2004, 3, 5), date(2020, 9, 2))
    bad = c.post(f"/members/records/{member.pk}/edit/", _form(member, birth_date="31/02/2004"))
    assert bad.status_code == 400 and "không có ngày 31/02/2004" in bad.content.decode()
