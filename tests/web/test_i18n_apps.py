"""The plans, dashboard, reports and plan-import pages in English (through the language switch) and in
Vietnamese (the default)."""

import ast
import gettext
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def st_plan_id(api):
    """The Sóc Trăng 2024 programme, a demo plan visible to ct.admin."""
    items = api("ct.admin").get("/plans", unit="CT").json()["items"]
    return next(p["id"] for p in items if p["issuer"] == "ST")


def _english(client):
    r = client.post("/i18n/setlang/", {"language": "en", "next": "/plans/"})
    assert r.status_code == 302
    return client


def _page(client, url) -> str:
    r = client.get(url)
    assert r.status_code == 200, url
    return r.content.decode()


def test_plan_list_in_english(login):
    body = _page(_english(login("ct.admin")), "/plans/?unit=CT")
    assert 'lang="en"' in body
    assert "Plans and programmes" in body
    assert "Number and symbol" in body and "Issuing unit" in body and "Reports due" in body
    assert "Kế hoạch, chương trình" not in body
    assert "Công tác đoàn và phong trào thanh thiếu nhi năm 2024" in body  # titles are data


def test_plan_detail_in_english(login, st_plan_id):
    body = _page(_english(login("ct.admin")), f"/plans/{st_plan_id}/")
    assert "Implementation period" in body and "Related documents" in body
    assert "Target tracking board" in body and "Download .docx" in body
    assert "Tasks and responsible units" in body
    assert "Văn bản liên quan" not in body


def test_plan_targets_fragment_in_english(login, st_plan_id):
    body = _page(_english(login("ct.admin")), f"/dashboard/{st_plan_id}/CT/targets/")
    assert "<th>Section</th>" in body and "<th>Target</th>" in body and "Period" in body
    assert "Mục" not in body


def test_dashboard_in_english(login, st_plan_id):
    body = _page(_english(login("ct.admin")), f"/dashboard/{st_plan_id}/CT/?period=2024")
    assert "Target tracking" in body and "Export to Excel (.xlsx)" in body
    assert "reports (100%)" in body or "reports (" in body
    assert "received" in body and "Units behind schedule" in body
    assert "Year 2024" in body  # the period label, capitalised
    assert "Theo dõi chỉ tiêu" not in body and "Năm 2024" not in body


def test_due_reports_in_english(login):
    body = _page(_english(login("ct.admin")), "/reports/units/CT/due/")
    assert "Reports due" in body
    assert "Reports due in the next 31 days and overdue reports not yet submitted" in body
    assert "Báo cáo phải nộp" not in body


def test_plan_import_in_english(login):
    body = _page(_english(login("ct.admin")), "/plan-import/")
    assert "Read a plan document" in body and "Upload and read" in body and "Drafts" in body
    assert "Đọc văn bản kế hoạch" not in body


def test_the_same_pages_in_vietnamese(login, st_plan_id):
    c = login("ct.admin")
    assert "Kế hoạch, chương trình" in _page(c, "/plans/?unit=CT")
    detail = _page(c, f"/plans/{st_plan_id}/")
    assert "Văn bản liên quan" in detail and "Thời gian thực hiện" in detail
    dash = _page(c, f"/dashboard/{st_plan_id}/CT/?period=2024")
    assert "Theo dõi chỉ tiêu" in dash and "Năm 2024" in dash
    assert "Báo cáo phải nộp" in _page(c, "/reports/units/CT/due/")
    assert "Đọc văn bản kế hoạch" in _page(c, "/plan-import/")


def test_switching_back_to_vietnamese(login):
    c = _english(login("ct.admin"))
    assert "Plans and programmes" in _page(c, "/plans/?unit=CT")
    c.post("/i18n/setlang/", {"language": "vi", "next": "/plans/"})
    assert "Kế hoạch, chương trình" in _page(c, "/plans/?unit=CT")


def test_service_errors_and_labels_follow_the_language():
    """Messages built in Python (periods, due rules, status labels) are translated; the Vietnamese
    text is unchanged by default."""
    from django.utils import translation

    from doanso.core.calendar import periods
    from doanso.core.calendar import rules as recurrence
    from doanso.core.errors import UserError
    from doanso.dashboard.services import STATUS_LABELS

    assert periods.parse("2025Q4").label == "Quý IV/2025"
    assert (
        recurrence.parse("FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0").describe()
        == "Hằng tuần, trước 12:00 thứ Sáu"
    )
    with translation.override("en"):
        assert periods.parse("2025Q4").label == "quarter IV of 2025"
        assert periods.parse("2024").label == "year 2024"
        assert (
            recurrence.parse("FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0").describe()
            == "Weekly, by 12:00 on Friday"
        )
        assert str(STATUS_LABELS["qua_han"]) == "Overdue"
        with pytest.raises(UserError) as exc:
            periods.parse("2024Q9")
        assert exc.value.message.startswith("Invalid period “2024Q9”")


def test_exported_documents_stay_vietnamese_in_english(login, st_plan_id):
    """A plan exported while the UI is in English is still the official Vietnamese document."""
    from django.utils import translation

    from doanso.plans import export
    from doanso.plans.models import Plan

    plan = Plan.objects.get(pk=st_plan_id)
    with translation.override("en"):
        d = export.plan_document(plan)
    text = "\n".join(export._obligations_text(plan))
    with translation.override("en"):
        text += "\n".join(line for _h, lines in d.sections for line in lines)
    assert "Hằng" in text or "Một lần" in text  # the due rules, in Vietnamese
    assert "Weekly" not in text and "Monthly" not in text and "Quarterly" not in text


CATALOGUES = sorted(
    (Path(__file__).resolve().parents[2] / "src/doanso").glob("**/locale/en/LC_MESSAGES/django.po")
)


def test_every_app_with_ui_text_has_an_english_catalogue():
    """The apps whose pages were written today each carry their catalogue (or use the project's)."""
    apps = {p.parents[3].name for p in CATALOGUES}
    assert {"doanso", "todo", "plans", "planimport", "members", "dashboard", "reports"} <= apps


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parents[3].name)
def test_every_message_is_translated_and_compiled(po):
    """No empty msgstr, no fuzzy entry, placeholders kept, and the committed .mo is the compiled .po
    (so a string added without running makemessages/compilemessages turns this red)."""
    text = po.read_text(encoding="utf-8")
    entries = [e for e in text.split("\n\n")[1:] if "#~" not in e]
    untranslated = [e for e in entries if re.search(r'^msgstr(\[\d\])? ""$(?!\n")', e, re.M)]
    assert untranslated == []
    assert "#, fuzzy" not in text
    for e in entries:
        ids = re.findall(r"%\(\w+\)[sd]", e.split("msgstr")[0])
        for part in e.split("msgstr")[1:]:
            assert sorted(set(re.findall(r"%\(\w+\)[sd]", part))) == sorted(set(ids)), e
    mo = po.with_suffix(".mo")
    assert mo.exists()
    with mo.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)._catalog
    compiled.pop("", None)  # the header (msgfmt leaves out the POT date)
    assert compiled == _po_catalog(text)


def _po_catalog(text: str) -> dict:
    """What msgfmt puts in the .mo for this .po (no obsolete or fuzzy entries): key → translation."""
    catalog: dict = {}
    for entry in text.split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        for line in entry.splitlines():
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                fields[key] += ast.literal_eval(line)
            else:
                key, _, value = line.partition(" ")
                fields[key] = ast.literal_eval(value)
        if not fields.get("msgid"):
            continue
        msgid = fields["msgid"]
        if "msgctxt" in fields:
            msgid = f"{fields['msgctxt']}\x04{msgid}"
        if "msgid_plural" in fields:
            for k, v in fields.items():
                if k.startswith("msgstr["):
                    catalog[(msgid, int(k[7:-1]))] = v
        else:
            catalog[msgid] = fields["msgstr"]
    return catalog


def test_todo_deadline_words_follow_the_language():
    from datetime import datetime

    from django.utils import translation

    from doanso.todo.notify import digest_text
    from doanso.todo.wording import TZ, deadline_words

    now = datetime(2026, 11, 30, 12, 0, tzinfo=TZ)
    late = datetime(2026, 11, 27, 12, 0, tzinfo=TZ)
    soon = datetime(2026, 12, 2, 17, 0, tzinfo=TZ)
    assert deadline_words(late, now) == "quá hạn 3 ngày" and deadline_words(soon, now) == "còn 2 ngày"
    with translation.override("en"):
        assert deadline_words(late, now) == "overdue by 3 days"
        assert deadline_words(soon, now) == "2 days left"
        assert deadline_words(now.replace(hour=8), now) == "overdue today"
        assert digest_text([("a", "/"), ("b", "/")])[0] == "[Đoàn Số] To do: 2 reminders"


def test_hostile_file_messages_follow_the_language(tmp_path):
    from django.utils import translation

    from doanso.core.errors import UserError
    from doanso.core.tabular import check_header, sniff_format

    pdf = tmp_path / "danh-sach.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n" + b"\0" * 64)
    with translation.override("en"), pytest.raises(UserError) as exc:
        sniff_format(pdf)
    assert exc.value.message == "This is a PDF file, not an Excel or CSV file."
    with pytest.raises(UserError) as exc:
        sniff_format(pdf)
    assert exc.value.message == "Đây là tệp PDF, không phải tệp Excel hay CSV."
    with translation.override("en"), pytest.raises(UserError) as exc:
        check_header(["Mã"], ["Mã", "Tên"])
    assert exc.value.message == "Missing required columns: “Tên”."


def test_account_service_errors_follow_the_language(user, unit):
    """The role word inside a message and the password-rules message are translated too."""
    from django.utils import translation

    from doanso.accounts import services
    from doanso.core.errors import UserError

    actor = user("hn.admin")
    u = services.create_user(actor, unit("HN-P001"), "cb.en1", role="staff")
    services.grant_role(actor, u, unit("HN"), "admin")
    with translation.override("en"), pytest.raises(UserError) as e:
        services.grant_role(actor, u, unit("HN"), "admin")
    assert e.value.message == "“cb.en1” already has the admin role in “Thành đoàn Hà Nội”."
    with translation.override("en"), pytest.raises(UserError) as e:
        services.create_user(None, unit("HN"), "nguyenvanbinh", role="staff", password="nguyenvanbinh1")
    assert e.value.message.startswith("The password does not meet the requirements: ")
    assert "Mật khẩu" not in e.value.message


def test_api_errors_follow_the_language_switch(client):
    """The API answers in the language chosen with the switch (the cookie; Accept-Language is
    ignored on purpose), Vietnamese by default."""
    from django.conf import settings

    assert client.get("/api/v1/plans").json()["detail"] == "Chưa đăng nhập hoặc mã truy cập không hợp lệ."
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    r = client.get("/api/v1/plans")
    assert r.status_code == 401
    assert r.json()["detail"] == "Not signed in, or the access token is invalid."
    r = client.generic("POST", "/api/v1/plans", "x", content_type="text/plain")
    assert r.status_code == 415
    assert r.json()["detail"] == "Content type “text/plain” is not accepted; send JSON (application/json)."
