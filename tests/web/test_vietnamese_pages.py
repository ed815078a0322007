"""Every page a branch secretary or a member uses speaks Vietnamese: no internal codes (indicator
codes, period ids), no English words, no un-formatted numbers in the rendered HTML."""

import html as htmllib
import re

import pytest

from tests.web.walk_pages import (
    MEMBER,
    SECRETARY,
    due_report_forms,
    linked_pages,
    member_pages,
    secretary_pages,
)

pytestmark = pytest.mark.django_db

CODE = re.compile(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b")  # QTUX_CB, CAY_XANH
PERIOD_ID = re.compile(r"(?<![\w/])\d{4}(?:Q[1-4]|W\d{1,2}|-\d{2}(?:-\d{2})?)\b")  # 2026Q1, 2026-12, 2026W10
ENGLISH = re.compile(
    r"\b(create|save|submit|approve|return|draft|submitted|approved|returned|missing|pending|accepted|"
    r"rejected|import|update|transfer|status|rating|nomination|None|True|False|null|undefined|Page|Next|"
    r"Previous|Search|Loading|Error|Yes|No)\b"
)
# 4+ digits in a row that are not grouped ("38240"): years (19xx/20xx), phone numbers and ids
# (letters or "-" next to the digits) aside
RAW_NUMBER = re.compile(r"(?<![\w.,/:\-–#*•])(\d{4,})(?![\w.,/:\-%])")


def visible_text(page: str) -> str:
    """Text nodes and the attributes people hear or see (aria-label, title, placeholder, alt)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    attrs = re.findall(r'\s(?:aria-label|title|placeholder|alt)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", "\n", page)
    return htmllib.unescape(text + "\n" + "\n".join(attrs))


def leaks(page: str) -> list[str]:
    text = visible_text(page)
    found = [f"code {m}" for m in CODE.findall(text)]
    found += [f"period id {m}" for m in PERIOD_ID.findall(text)]
    found += [f"English “{m}”" for m in ENGLISH.findall(text)]
    for m in RAW_NUMBER.finditer(text):
        n = m.group(1)
        if len(n) == 4 and 1900 <= int(n) <= 2100:
            continue  # a year
        if n.startswith("0"):
            continue  # a phone or card number: no quantity is written with a leading zero
        found.append(f"number {n} (…{text[max(0, m.start() - 30) : m.end() + 10]!r})")
    return found


def test_the_scanner_catches_what_it_should():
    bad = (
        "<p>Kỳ 2026-12 · 2026Q1 · Tuần 2026W10</p><td>38240</td><li>CAY_XANH: lỗi</li><li>create</li>"
        '<span title="submit">x</span>'
    )
    found = leaks(bad)
    assert any("2026-12" in f for f in found) and any("2026Q1" in f for f in found)
    assert any("2026W10" in f for f in found)
    assert any("38240" in f for f in found) and any("CAY_XANH" in f for f in found)
    assert any("create" in f for f in found) and any("submit" in f for f in found)
    ok = (
        "<p>38.240 đoàn viên · 12,5% · 15/03/2024 · năm 2026 · 0912000001 · 00000979 · ST-H01-X01-C01"
        " · 127-KH/TĐTN-BTG</p>"
    )
    assert leaks(ok) == []


@pytest.mark.parametrize("username", [SECRETARY, MEMBER])
def test_pages_speak_vietnamese(login, username):
    client = login(username)
    pages = secretary_pages() if username == SECRETARY else member_pages()
    problems = {}
    if username == SECRETARY:
        pages = pages + linked_pages(client, client.get("/plans/").content.decode())[:6]
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, url
        if found := leaks(r.content.decode()):
            problems[url] = found
    if username == SECRETARY:  # the report forms of whatever is due (the demo decides how many)
        due = client.get(pages[8]).content.decode()
        for action, data in due_report_forms(client, due)[:3]:
            r = client.post(action, data, follow=True)
            assert r.status_code == 200
            if found := leaks(r.content.decode()):
                problems[r.redirect_chain[-1][0] if r.redirect_chain else action] = found
    assert problems == {}
