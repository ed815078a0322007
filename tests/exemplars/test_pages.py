"""The read-only pages: a member's own, the branch's confirmations, a level's board, the public page."""

import pytest
from django.test import Client

from doanso.exemplars.services import honours
from tests.exemplars.conftest import YEAR

pytestmark = pytest.mark.django_db


def test_my_page_lists_the_criteria(login, world, criteria):
    r = login("doanvien.demo").get("/exemplars/me/", {"year": YEAR})
    assert r.status_code == 200
    assert "Nhận một phần việc thanh niên của chi đoàn" in r.content.decode()


def test_confirmations_and_board_are_scoped(login, world, submitted, nomination):
    page = login("chidoan.demo").get(f"/exemplars/units/{world.branch.code}/confirmations/", {"year": YEAR})
    assert world.member.full_name in page.content.decode()
    board = login("xa.demo").get(f"/exemplars/units/{world.commune.code}/nominations/", {"year": YEAR})
    assert world.member.full_name in board.content.decode()
    assert login("hcm.admin").get(f"/exemplars/units/{world.branch.code}/confirmations/").status_code == 404
    assert login("hcm.admin").get(f"/exemplars/units/{world.commune.code}/nominations/").status_code == 404


def test_public_page_shows_only_consented_fields(world):
    honours.register_honour(
        world.province_admin,
        world.province,
        kind="tuyen_duong",
        title="Gương sáng",
        doc_number="1/QĐ-ĐTN",
        doc_date="01/03/2026",
        member_id=world.member.pk,
        public=True,
        public_name="Thắng L.",
    )
    honours.register_honour(
        world.province_admin,
        world.province,
        kind="tuyen_duong",
        title="Kín",
        doc_number="2/QĐ-ĐTN",
        doc_date="01/03/2026",
        team="Đội kín",
    )
    text = Client().get("/exemplars/public/").content.decode()
    assert "Thắng L." in text and "01/03/2026" in text
    # the app's grid of cards, no bullet beside each card (session 22's page-walk)
    assert '<ul id="exemplars" class="cards">' in text
    assert world.member.full_name not in text and "Đội kín" not in text
