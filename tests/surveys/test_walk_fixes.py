"""What the page-walk of session 22 found on a survey's results: date answers were listed as stored
(2015-03-26); people read 26/03/2015."""

import pytest

from tests.surveys.test_pages import FORM, _create

pytestmark = pytest.mark.django_db


def test_date_answers_are_listed_the_vietnamese_way(login):
    admin = login("ct.admin")
    s = _create(admin, q5_text="Ngày bạn vào Đoàn", q5_kind="date")
    q = {x.text: x for x in s.questions.all()}
    day = q["Ngày bạn vào Đoàn"]
    r = login("doanvien.demo").post(
        f"/surveys/{s.pk}/answer/", {f"q{q[FORM['q1_text']].pk}": "Fanpage", f"q{day.pk}": "26/3/2015"}
    )
    assert r.status_code in (200, 302)
    assert list(day.answers.values_list("value", flat=True)) == ["2015-03-26"]
    page = admin.get(f"/surveys/{s.pk}/").content.decode()
    assert "<li>26/03/2015</li>" in page
    assert "2015-03-26" not in page
