"""The audit log is tamper-evident (hash chain, `doanso audit verify`) and exportable, scoped."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from doanso.core import audit
from doanso.core.models import AuditLog

pytestmark = pytest.mark.django_db


def _write(n, user, unit):
    return [audit.record(user, "test.write", unit=unit, n=i, text="Đoàn viên") for i in range(n)]


def _verify_problems() -> list[str]:
    return [b.problem for b in audit.verify()]


def test_intact_chain_verifies(user, unit, capsys):
    _write(5, user("hn.admin"), unit("HN"))
    audit.record_many(user("hn.admin"), "test.bulk", "Member", [{"id": i} for i in range(3)], unit=unit("HN"))
    assert _verify_problems() == []
    call_command("audit", "verify")
    assert "toàn vẹn" in capsys.readouterr().out


def test_entries_are_numbered_and_linked(user, unit):
    a, b = _write(2, user("hn.admin"), unit("HN"))
    assert b.seq == a.seq + 1
    assert b.prev_hash == a.entry_hash
    assert (a.actor_name, a.unit_code) == ("hn.admin", "HN")


def test_an_edited_entry_is_detected(user, unit):
    rows = _write(4, user("hn.admin"), unit("HN"))
    AuditLog.objects.filter(pk=rows[1].pk).update(data={"n": 99, "text": "Đoàn viên"})
    problems = _verify_problems()
    assert problems == [f"mục #{rows[1].seq} đã bị sửa (mã băm không khớp nội dung)"]
    with pytest.raises(CommandError, match="KHÔNG toàn vẹn"):
        call_command("audit", "verify")


def test_an_edited_actor_or_action_is_detected(user, unit):
    rows = _write(3, user("hn.admin"), unit("HN"))
    AuditLog.objects.filter(pk=rows[0].pk).update(action="test.other")
    assert len(_verify_problems()) == 1


def test_a_deleted_entry_is_detected(user, unit):
    rows = _write(4, user("hn.admin"), unit("HN"))
    AuditLog.objects.filter(pk=rows[2].pk).delete()
    problems = _verify_problems()
    assert any("đã bị xóa" in p for p in problems), problems


def test_a_deleted_tail_is_detected(user, unit):
    rows = _write(3, user("hn.admin"), unit("HN"))
    AuditLog.objects.filter(pk=rows[-1].pk).delete()
    assert any("mục cuối bị xóa" in p for p in _verify_problems())


def test_a_rehashed_edit_without_the_key_is_detected(user, unit, settings):
    """An attacker with the database but not DOANSO_DATA_KEY cannot recompute the links."""
    rows = _write(2, user("hn.admin"), unit("HN"))
    e = AuditLog.objects.get(pk=rows[0].pk)
    e.data = {"n": 7}
    settings.DATA_KEY = "attacker-guess"
    forged = audit.digest(e, e.prev_hash)
    settings.DATA_KEY = "dev-only-data-key-change-me"
    AuditLog.objects.filter(pk=e.pk).update(data=e.data, entry_hash=forged)
    AuditLog.objects.filter(pk=rows[1].pk).update(prev_hash=forged)
    assert _verify_problems()


def test_deleting_the_actor_does_not_break_the_chain(user, unit):
    from doanso.accounts.models import User

    u = User.objects.create(username="short.lived")
    audit.record(u, "test.write", unit=unit("HN"))
    u.delete()
    assert _verify_problems() == []


def test_admin_exports_the_units_audit_log_as_csv(login, user, unit):
    audit.record(user("hn.admin"), "test.hn", unit=unit("HN"), note="Hà Nội")
    audit.record(user("hcm.admin"), "test.hcm", unit=unit("HCM"), note="TP.HCM")
    r = login("hn.admin").get("/units/HN/audit.csv")
    assert r.status_code == 200
    text = r.content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][0] == "Số thứ tự"
    actions = {row[3] for row in table[1:]}
    assert "test.hn" in actions
    assert "test.hcm" not in actions  # scoped


def test_admin_exports_xlsx(login, user, unit):
    audit.record(user("hn.admin"), "test.hn", unit=unit("HN"))
    r = login("hn.admin").get("/units/HN/audit.xlsx")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in ws[1]][:4] == ["Số thứ tự", "Thời điểm", "Người thực hiện", "Hành động"]
    assert any(row[3] == "test.hn" for row in ws.iter_rows(min_row=2, values_only=True))


def test_foreign_or_non_admin_export_is_404(login):
    assert login("hcm.admin").get("/units/HN/audit.csv").status_code == 404
    assert login("hn.admin").get("/units/HN/audit.pdf").status_code == 404


def test_cli_export(user, unit, tmp_path):
    audit.record(user("hn.admin"), "test.hn", unit=unit("HN"))
    out = tmp_path / "hn.xlsx"
    call_command("audit", "export", "--unit", "HN", "--out", str(out))
    assert out.stat().st_size > 0
