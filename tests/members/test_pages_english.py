"""The member pages in English (app-local catalogue src/doanso/members/locale/en)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import BranchFactory, MemberFactory

PO = Path(__file__).resolve().parents[2] / "src/doanso/members/locale/en/LC_MESSAGES/django.po"


def test_every_message_is_translated():
    text = PO.read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]
    assert len(entries) > 200
    untranslated = [
        e for e in entries if re.search(r'^msgstr(\[\d\])? ""$(?!\n")', e, re.M) and "#~" not in e
    ]
    assert untranslated == [] and "#, fuzzy" not in text
    assert PO.with_suffix(".mo").stat().st_mtime >= PO.stat().st_mtime - 1


@pytest.mark.django_db
def test_pages_switch_to_english(login, unit):
    m = MemberFactory(branch=BranchFactory(parent=unit("HN")))
    c = login("hn.admin")
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    listing = c.get(f"/members/units/{m.branch.code}/").content.decode()
    assert "Outstanding members" in listing and "Search by name (accents optional) or national ID" in listing
    page = c.get(f"/members/units/{m.branch.code}/nominations/?year=2025").content.decode()
    assert "Outstanding members nominated to the Party in 2025" in page
    dues = c.get(f"/members/units/{m.branch.code}/dues/?month=2025-03").content.decode()
    assert "Dues for 3/2025" in dues and "Every member has paid." not in dues
    edit = c.get(f"/members/records/{m.pk}/edit/").content.decode()
    assert "Leave blank to keep it" in edit
