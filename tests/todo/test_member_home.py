"""A member's home: their card, their history, their tasks and a request to transfer that the admins
of their branch then see in their todo list."""

import pytest

from doanso.members.models import Transfer, TransferStatus
from tests.factories import BranchFactory

pytestmark = pytest.mark.django_db


def test_a_member_sees_card_history_tasks_and_can_ask_to_transfer(login, user, api):
    me = user("doanvien.demo").member
    c = login("doanvien.demo")
    body = c.get("/").content.decode()
    for part in ('id="member-card"', 'id="member-history"', 'id="member-tasks"', 'id="member-transfer"'):
        assert part in body
    assert me.full_name in body and 'id="todo"' not in body  # not the secretaries' list
    target = BranchFactory(code="CD-DEN", name="Chi đoàn Nơi Đến")
    r = c.post("/todo/transfer/", {"to_branch": "CD-DEN", "reason": "Chuyển nơi học tập"})
    assert r.status_code == 302 and r["Location"] == "/"
    t = Transfer.objects.get(member=me, status=TransferStatus.PENDING)
    assert (t.to_branch, t.requested_by.username) == (target, "doanvien.demo")
    body = c.get("/").content.decode()
    assert "Chi đoàn Nơi Đến" in body and 'id="member-transfer"' not in body
    # the secretary of the member's branch sees the request in the todo list
    items = api("chidoan.demo").get("/me/todo").json()["items"]
    asked = [i for i in items if i["kind"] == "transfer_request"]
    assert asked and "xin chuyển sinh hoạt" in asked[0]["title"]


def test_a_transfer_to_an_unknown_branch_is_refused_in_vietnamese(login, user):
    c = login("doanvien.demo")
    r = c.post("/todo/transfer/", {"to_branch": "KHONG-CO", "reason": ""}, follow=True)
    assert "Không có chi đoàn mã “KHONG-CO”." in r.content.decode()
    assert not Transfer.objects.filter(member=user("doanvien.demo").member).exists()


def test_an_admin_without_a_member_record_cannot_ask(login):
    before = Transfer.objects.count()
    r = login("hn.admin").post("/todo/transfer/", {"to_branch": "HN"}, follow=True)
    assert "Tài khoản chưa gắn với hồ sơ đoàn viên." in r.content.decode()
    assert Transfer.objects.count() == before
