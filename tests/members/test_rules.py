"""Charter and rating rules (plain modules)."""

from datetime import date

import pytest

from doanso.members import card, charter, rating_rules


def test_admission_age_is_15_years_and_one_day():
    born = date(2008, 3, 10)
    today = date(2026, 1, 1)
    assert charter.admission_error(born, date(2023, 3, 10), today).startswith("chưa đủ tuổi kết nạp")
    assert charter.admission_error(born, date(2023, 3, 11), today) is None
    assert charter.admission_error(date(1990, 1, 1), date(2020, 1, 2), today).startswith("quá 30 tuổi")
    assert charter.admission_error(born, date(2027, 1, 1), today) == "ngày vào Đoàn ở tương lai"


def test_leap_day_birthdays():
    assert charter.add_years(date(2008, 2, 29), 15) == date(2023, 3, 1)
    assert charter.maturity_date(date(1996, 2, 29)) == date(2026, 3, 1)


def test_terms_cite_their_guidance():
    assert rating_rules.term_for(2021).document.startswith("Hướng dẫn 33-HD/TWĐTN-BTC")
    assert rating_rules.term_for(2025).document.startswith("Hướng dẫn 42-HD/TWĐTN-BTC")
    assert rating_rules.term_for(2025).levels == ("htxs", "htt", "ht", "kht")
    with pytest.raises(ValueError):
        rating_rules.term_for(2010)


def test_eligibility_after_admission_and_transfer():
    t = rating_rules.term_for(2025)
    assert rating_rules.eligibility(t, 2025, date(2025, 11, 1), None) == "too_new"
    assert rating_rules.eligibility(t, 2025, date(2020, 1, 1), date(2025, 9, 1)) == "needs_note"
    assert rating_rules.eligibility(t, 2025, date(2020, 1, 1), date(2025, 3, 1)) == "ok"


def test_card_signature_detects_edits(settings):
    text = card.payload(42, "HN123")
    assert card.verify(text) == 42
    assert card.verify(text.replace(":42:", ":43:")) is None
    assert card.verify("DOANSO-DV:42:HN123:" + "0" * 32) is None
    assert card.verify("garbage") is None
