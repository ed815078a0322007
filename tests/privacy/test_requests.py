"""Data-subject requests (PDP Law 91/2025/QH15): export, correction, deletion with legal holds,
scoping (a foreign admin gets 404 and writes nothing) and the audit trail."""

import json
from datetime import timedelta

import pytest

from doanso.core.models import AuditLog
from doanso.members import counters
from doanso.members.models import Member, MemberHistory
from doanso.privacy.models import DataRequest, LegalHold

pytestmark = pytest.mark.django_db

OWNER, FOREIGN, MEMBER = "chidoan.demo", "hn.admin", "doanvien.demo"


@pytest.fixture
def me(user):
    m = user(MEMBER).member
    Member.objects.filter(pk=m.pk).update(ethnicity="Kinh", religion="Không", email="a@b.vn", address="Số 1")
    m.refresh_from_db()
    return m


def _audited(action: str) -> int:
    return AuditLog.objects.filter(action=action).count()


def test_a_member_downloads_their_own_data_and_the_export_is_recorded(login, me):
    c = login(MEMBER)
    assert 'href="/privacy/me/"' in c.get("/").content.decode()  # the link on the member's home
    assert c.get("/privacy/me/").status_code == 200
    before = _audited("privacy.export")
    r = c.get("/privacy/me/export.json")
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    data = json.loads(r.content)
    assert data["full_name"] == me.full_name and data["religion"] == "Không"
    for part in ("history", "ratings", "dues", "consents", "nominations", "data_requests"):
        assert isinstance(data[part], list)
    assert data["dues"] or data["ratings"]  # the demo member has dues and a rating
    req = DataRequest.objects.get(member=me, kind="export")
    assert (req.status, req.on_behalf) == ("done", False)
    assert _audited("privacy.export") == before + 1


def test_an_account_without_a_member_record_has_no_own_data_page(login):
    assert login(FOREIGN).get("/privacy/me/").status_code == 404
    assert login(FOREIGN).get("/privacy/me/export.json").status_code == 404


def test_an_admin_in_scope_exports_for_the_member_and_the_sensitive_read_is_audited(login, me):
    c = login(OWNER)
    assert f'href="/privacy/members/{me.pk}/"' in c.get(f"/members/records/{me.pk}/").content.decode()
    before = _audited("member.sensitive_view")
    r = c.get(f"/privacy/members/{me.pk}/export.json")
    assert r.status_code == 200 and json.loads(r.content)["ethnicity"] == "Kinh"
    assert _audited("member.sensitive_view") == before + 1
    assert DataRequest.objects.get(member=me, kind="export").on_behalf is True


def test_a_foreign_admin_gets_404_everywhere_and_writes_nothing(login, me):
    req = DataRequest.objects.create(kind="deletion", member=me, due_at=me.history.first().at)
    c = login(FOREIGN)
    audits, requests = AuditLog.objects.count(), DataRequest.objects.count()
    assert c.get(f"/privacy/members/{me.pk}/").status_code == 404
    assert c.get(f"/privacy/members/{me.pk}/export.json").status_code == 404
    assert c.post(f"/privacy/members/{me.pk}/", {"kind": "deletion"}).status_code == 404
    assert c.post(f"/privacy/members/{me.pk}/hold/", {"reason": "x"}).status_code == 404
    assert c.post(f"/privacy/requests/{req.pk}/decide/", {"action": "done"}).status_code == 404
    assert (AuditLog.objects.count(), DataRequest.objects.count()) == (audits, requests)
    assert not LegalHold.objects.filter(member=me).exists()
    me.refresh_from_db()
    assert me.email == "a@b.vn"


def test_a_correction_asked_by_the_member_is_applied_through_the_member_update(login, me, settings):
    settings.DOANSO_PRIVACY_DUE_DAYS = 10
    r = login(MEMBER).post("/privacy/me/", {"kind": "correction", "phone": "0912345678", "email": ""})
    assert r.status_code == 302
    req = DataRequest.objects.get(member=me, kind="correction")
    assert req.changes == {"phone": "0912345678"} and req.status == "received"
    assert req.due_at - req.created_at == timedelta(days=10)
    version = me.version
    r = login(OWNER).post(f"/privacy/requests/{req.pk}/decide/", {"action": "done"})
    assert r.status_code == 302
    me.refresh_from_db()
    req.refresh_from_db()
    assert (me.phone, me.version, req.status) == ("0912345678", version + 1, "done")
    h = MemberHistory.objects.filter(member=me, kind="update").latest("at")
    assert h.changes["phone"][1] == "0912345678"
    assert AuditLog.objects.filter(action="member.update", object_id=str(me.pk)).exists()
    assert AuditLog.objects.filter(action="privacy.done", object_id=str(req.pk)).exists()


def test_an_empty_or_unknown_correction_is_refused_in_vietnamese(login, me):
    r = login(MEMBER).post("/privacy/me/", {"kind": "correction"})
    assert r.status_code == 400 and "Hãy ghi ít nhất một thông tin cần chỉnh sửa." in r.content.decode()
    from doanso.core.errors import UserError
    from doanso.privacy import services

    with pytest.raises(UserError, match="Địa chỉ: tối đa 255 ký tự"):
        services.clean_changes({"address": "x" * 256})
    with pytest.raises(UserError, match="Trường “full_name” không thể"):
        services.clean_changes({"full_name": "Ai đó"})
    assert not DataRequest.objects.filter(member=me).exists()


def test_a_refusal_needs_a_reason_and_a_decided_request_cannot_be_decided_again(login, me):
    req = DataRequest.objects.create(kind="deletion", member=me, due_at=me.history.first().at)
    c = login(OWNER)
    r = c.post(f"/privacy/requests/{req.pk}/decide/", {"action": "refuse", "reason": " "})
    assert r.status_code == 400 and "Từ chối yêu cầu phải ghi rõ lý do." in r.content.decode()
    req.refresh_from_db()
    assert req.status == "received"
    r = c.post(f"/privacy/requests/{req.pk}/decide/", {"action": "refuse", "reason": "Còn nợ đoàn phí"})
    req.refresh_from_db()
    assert (r.status_code, req.status, req.reason) == (302, "refused", "Còn nợ đoàn phí")
    r = c.post(f"/privacy/requests/{req.pk}/decide/", {"action": "done"})
    assert r.status_code == 400 and "đã được xử lý" in r.content.decode()


def test_a_legal_hold_blocks_deletion_then_deletion_anonymises_and_keeps_the_counts(login, me):
    c = login(OWNER)
    assert c.post(f"/privacy/members/{me.pk}/hold/", {"reason": ""}).status_code == 400
    assert c.post(f"/privacy/members/{me.pk}/hold/", {"reason": "Công văn 12/CA"}).status_code == 302
    assert LegalHold.objects.get(member=me).reason == "Công văn 12/CA"
    assert login(MEMBER).post("/privacy/me/", {"kind": "deletion"}).status_code == 302
    req = DataRequest.objects.get(member=me, kind="deletion")
    r = c.post(f"/privacy/requests/{req.pk}/decide/", {"action": "done"})
    assert (
        r.status_code == 400
        and "hồ sơ đang bị giữ theo yêu cầu pháp lý (Công văn 12/CA)" in r.content.decode()
    )
    me.refresh_from_db()
    assert me.email == "a@b.vn"
    assert c.post(f"/privacy/members/{me.pk}/hold/", {"action": "clear"}).status_code == 302
    branch = me.branch
    stored = counters.stored(branch)
    count = Member.objects.count()
    assert c.post(f"/privacy/requests/{req.pk}/decide/", {"action": "done"}).status_code == 302
    me.refresh_from_db()
    assert me.full_name == f"Đoàn viên đã ẩn danh #{me.pk}"
    assert (me.phone, me.email, me.address, me.ethnicity, me.religion, me.cccd_enc, me.cccd_hash) == (
        "",
        "",
        "",
        "",
        "",
        "",
        None,
    )
    assert not me.history.exclude(kind="anonymise").exclude(changes={}).exists()
    assert Member.objects.count() == count
    assert counters.stored(branch) == counters.recount(branch)
    assert sum(stored.values()) == sum(counters.stored(branch).values())
    assert AuditLog.objects.filter(action="member.anonymise", object_id=str(me.pk)).exists()
    # an anonymised member cannot be asked about again
    r = c.post(f"/privacy/members/{me.pk}/", {"kind": "deletion"})
    assert r.status_code == 400 and "đã được ẩn danh" in r.content.decode()


def test_branch_staff_without_admin_rights_cannot_set_a_hold(login, me):
    from doanso.accounts.models import Role, User

    u = User.objects.create(username="cd.staff")
    Role.objects.create(user=u, unit=me.branch, role="staff")
    assert login("cd.staff").post(f"/privacy/members/{me.pk}/hold/", {"reason": "x"}).status_code == 404
    assert not LegalHold.objects.filter(member=me).exists()
