"""The ideas pages: submit, board, detail with review/support/report/moderation forms, gallery."""

import pytest

from doanso.ideas.models import Idea, Support

pytestmark = pytest.mark.django_db


def test_a_member_submits_on_the_phone_form_and_finds_it_in_my_ideas(login):
    from doanso.accounts.models import User

    me = User.objects.get(username="doanvien.demo")
    c = login("doanvien.demo")
    page = c.get("/ideas/new/")
    assert page.status_code == 200 and me.member.branch.code in page.content.decode()
    r = c.post(
        "/ideas/new/",
        {
            "unit": me.member.branch.code,
            "title": "Góc đọc sách online",
            "description": "Mô tả",
            "field": "giao_duc",
        },
    )
    idea = Idea.objects.get(title="Góc đọc sách online")
    assert r.status_code == 302 and r["Location"] == f"/ideas/{idea.pk}/"
    assert "Góc đọc sách online" in c.get("/ideas/").content.decode()


def test_a_bad_form_says_which_field_and_keeps_the_values(login):
    c = login("hcm.admin")
    n = Idea.objects.count()
    r = c.post(
        "/ideas/new/", {"unit": "HCM", "title": "", "description": "Giữ lại nội dung", "field": "khac"}
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "“Tên ý tưởng”: chưa nhập." in html and "Giữ lại nội dung" in html
    assert Idea.objects.count() == n


def test_review_support_and_history_on_the_pages(login, new_idea):
    i = new_idea()
    c = login("hcm.admin")
    board = c.get("/ideas/", {"unit": "HCM"}).content.decode()
    assert f"/ideas/{i}/move/" in board
    for to in ("danh_gia", "ho_tro"):
        r = c.post(
            f"/ideas/{i}/move/", {"to": to, "note": "Đồng ý", "version": Idea.objects.get(pk=i).version}
        )
        assert r.status_code == 302
    r = c.post(
        f"/ideas/{i}/support/", {"kind": "kinh_phi", "amount": "15.000.000", "provider": "Quận đoàn 1"}
    )
    assert Support.objects.get(idea_id=i).amount == 15_000_000
    html = c.get(f"/ideas/{i}/").content.decode()
    assert "15.000.000 đồng" in html and "Quận đoàn 1" in html
    assert html.count("Đồng ý") == 2  # the history shows both notes


def test_an_out_of_order_move_on_the_page_shows_the_vietnamese_message(login, new_idea):
    i = new_idea()
    c = login("hcm.admin")
    r = c.post(f"/ideas/{i}/move/", {"to": "hoan_thanh"}, follow=True)
    assert "Không thể chuyển ý tưởng từ “Tiếp nhận” sang “Hoàn thành”" in r.content.decode()
    assert Idea.objects.get(pk=i).status == "tiep_nhan"


def test_report_endorse_and_moderate_on_the_pages(login, new_idea, settings):
    settings.DOANSO_MODERATION_HIDE_AFTER = 1
    i = new_idea()
    login("hcm.admin").post(f"/ideas/{i}/endorse/")
    login("hcm.admin").post(f"/ideas/{i}/report/", {"reason": "spam", "details": "Quảng cáo"})
    assert Idea.objects.get(pk=i).moderation == "hidden"
    queue = login("hcm.admin").get("/ideas/moderation/").content.decode()
    assert f"/ideas/{i}/moderate/" in queue
    login("hcm.admin").post(f"/ideas/{i}/moderate/", {"decision": "restored"})
    idea = Idea.objects.get(pk=i)
    assert (idea.moderation, idea.report_count, idea.endorsements.count()) == ("restored", 0, 1)


def test_the_public_gallery_needs_no_login(client, new_idea, move):
    i = new_idea(title="Trạm sạc xe đạp điện")
    move(i, "danh_gia", "ho_tro", "trien_khai")
    html = client.get("/ideas/gallery/").content.decode()
    assert "Trạm sạc xe đạp điện" in html
    assert client.get("/ideas/").status_code == 302  # the rest needs a login


def test_another_province_gets_404_on_every_idea_page(login, new_idea):
    i = new_idea()
    hn = login("hn.admin")
    assert hn.get(f"/ideas/{i}/").status_code == 404
    assert hn.get("/ideas/", {"unit": "HCM"}).status_code == 404
    for action, data in (
        ("move", {"to": "danh_gia"}),
        ("support", {}),
        ("endorse", {}),
        ("report", {"reason": "spam"}),
        ("moderate", {"decision": "kept_hidden"}),
    ):
        assert hn.post(f"/ideas/{i}/{action}/", data).status_code == 404, action
    assert (
        hn.post("/ideas/new/", {"unit": "HCM", "title": "X", "description": "Y", "field": "khac"}).status_code
        == 404
    )
    idea = Idea.objects.get(pk=i)
    assert (idea.status, idea.report_count, idea.moderation) == ("tiep_nhan", 0, "")


def test_todo_lists_ideas_to_review(login, new_idea, api):
    new_idea()
    items = api("hcm.admin").get("/me/todo").json()["items"]
    mine = [x for x in items if x["kind"] == "ideas_to_review"]
    assert mine and mine[0]["url"] == "/ideas/?unit=HCM"
    assert not [
        x for x in api("doanvien.demo").get("/me/todo").json()["items"] if x["kind"] == "ideas_to_review"
    ]


def test_the_moderation_queue_is_for_administrators_only(login):
    assert login("doanvien.demo").get("/ideas/moderation/").status_code == 404
    assert login("hcm.admin").get("/ideas/moderation/").status_code == 200
