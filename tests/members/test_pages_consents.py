"""Consent records (Law 91/2025/QH15): a purpose each; a guardian's consent for members under 16."""

from datetime import date, timedelta

import pytest

from doanso.core.models import AuditLog
from doanso.members.charter import add_years
from doanso.members.models import Consent
from tests.factories import BranchFactory, ConsentFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch(unit):
    return BranchFactory(parent=unit("HN"))


def test_record_and_withdraw_a_consent(login, branch):
    m = MemberFactory(branch=branch)
    c = login("hn.admin")
    page = c.get(f"/members/records/{m.pk}/consents/").content.decode()
    assert "Chưa ghi nhận sự đồng ý nào." in page and 'id="minor"' not in page
    r = c.post(f"/members/records/{m.pk}/consents/", {"purpose": "contact"})
    assert (r.status_code, r["Location"]) == (302, f"/members/records/{m.pk}/consents/")
    consent = Consent.objects.get(member=m)
    assert (consent.purpose, consent.by_guardian, consent.guardian_name, consent.withdrawn_at) == (
        "contact",
        False,
        "",
        None,
    )
    assert AuditLog.objects.filter(action="consent.give", object_id=str(consent.pk)).exists()
    page = c.get(r["Location"]).content.decode()
    assert "Liên lạc, thông báo hoạt động" in page and "Đang hiệu lực" in page
    c.post(f"/members/records/{m.pk}/consents/withdraw/", {"purpose": "contact"})
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert "Đã rút lại ngày" in c.get(r["Location"]).content.decode()
    again = c.post(f"/members/records/{m.pk}/consents/withdraw/", {"purpose": "contact"}, follow=True)
    assert "Không có sự đồng ý nào đang hiệu lực cho mục đích này." in again.content.decode()


def test_a_member_under_16_needs_a_guardian(login, branch):
    birth = add_years(date.today(), -15) - timedelta(days=60)
    minor = MemberFactory(branch=branch, birth_date=birth, admitted_on=date.today() - timedelta(days=10))
    c = login("hn.admin")
    assert 'id="minor"' in c.get(f"/members/records/{minor.pk}/consents/").content.decode()
    r = c.post(f"/members/records/{minor.pk}/consents/", {"purpose": "registry"})
    assert r.status_code == 400
    assert "Đoàn viên dưới 16 tuổi: cần ghi tên người giám hộ đồng ý" in r.content.decode()
    assert not Consent.objects.filter(member=minor).exists()
    c.post(
        f"/members/records/{minor.pk}/consents/", {"purpose": "registry", "guardian_name": "Nguyễn Văn Cha"}
    )
    consent = Consent.objects.get(member=minor)
    assert (consent.by_guardian, consent.guardian_name) == (True, "Nguyễn Văn Cha")
    assert "Người giám hộ: Nguyễn Văn Cha" in c.get(f"/members/records/{minor.pk}/consents/").content.decode()


def test_bad_purpose_and_other_provinces(login, branch):
    m = MemberFactory(branch=branch)
    ConsentFactory(member=m, purpose="publicity")
    r = login("hn.admin").post(f"/members/records/{m.pk}/consents/", {"purpose": "marketing"})
    assert r.status_code == 400 and Consent.objects.filter(member=m).count() == 1
    hcm = login("hcm.admin")
    assert hcm.get(f"/members/records/{m.pk}/consents/").status_code == 404
    assert (
        hcm.post(f"/members/records/{m.pk}/consents/withdraw/", {"purpose": "publicity"}).status_code == 404
    )
    assert Consent.objects.get(member=m).withdrawn_at is None
