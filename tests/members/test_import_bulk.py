"""The paths a large import takes, forced on small files: worker processes, indexes and (on
PostgreSQL) constraints dropped and rebuilt, CCCD duplicates found after loading."""

import pytest
from openpyxl import load_workbook

from doanso.core import bulk, crypto
from doanso.core.errors import ImportFailed
from doanso.members import counters
from doanso.members.importing.write import import_members
from doanso.members.models import Member
from tests.members.conftest import person

pytestmark = pytest.mark.django_db(transaction=False)

LARGE = {"workers": 2, "chunk_size": 2, "defer_at": 1}


@pytest.fixture(autouse=True)
def operator_allows_schema_changes():
    """Forced on small files, the deferred path needs what an operator's command would grant."""
    with bulk.schema_changes_allowed():
        yield


@pytest.mark.parametrize("opts", [LARGE, {"workers": 0, "chunk_size": 3, "defer_at": 1}, {"chunk_size": 2}])
def test_valid_mode_large_paths_agree_with_the_small_one(write_csv, branch, unit, tmp_path, opts):
    b = branch("HN-")
    import_members(write_csv([person(50, b.code)], name="first.csv"), unit("HN"), mode="all")
    rows = [person(i, b.code) for i in range(1, 8)]
    rows.append(person(8, b.code, cccd="001204000003", gender="Nam"))  # repeats row 4 (another chunk)
    rows.append(person(9, b.code, cccd="001304000050", gender="Nữ"))  # already registered
    rows.append(person(10, b.code, birth="31/02/2004"))
    before = Member.objects.count()
    err_path = tmp_path / "loi.xlsx"
    res = import_members(write_csv(rows), unit("HN"), mode="valid", errors_out=err_path, **opts)
    assert (res.imported, res.rejected, res.processed) == (7, 3, 10)
    assert Member.objects.count() == before + 7
    assert [(e.row, e.field, e.message) for e in res.errors] == [
        (9, "Số CCCD", "trùng với dòng 4 trong tệp"),
        (10, "Số CCCD", "đã có trong hệ thống (trùng Số CCCD với một đoàn viên đã đăng ký)"),
        (11, "Ngày sinh", "“31/02/2004”: không có ngày 31/02/2004"),
    ]
    got = list(load_workbook(err_path).active.iter_rows(values_only=True))
    assert got[0][-1] == "Lỗi" and all(r[7] for r in got[1:])
    assert sorted(r[3] for r in got[1:]) == ["001204000003", "001304000010", "001304000050"]
    m = Member.objects.get(cccd_hash=crypto.lookup_hash("001204000007"))
    assert (m.cccd, m.full_name, m.search_name, m.source_row) == (
        "001204000007",
        rows[6][0],
        "nguyen van thu h",
        8,
    )
    for code in ("HN", b.code, "TW"):
        assert counters.recount(unit(code)) == counters.stored(unit(code))


@pytest.mark.parametrize("opts", [LARGE, {"workers": 0, "chunk_size": 3, "defer_at": 1}])
def test_all_mode_large_paths_write_nothing(write_csv, branch, unit, opts):
    b = branch("HN-")
    rows = [person(i, b.code) for i in range(1, 6)]
    rows.append(person(6, b.code, cccd="001304000002"))  # repeats row 3
    before = Member.objects.count()
    stored = counters.stored(unit("HN"))
    with pytest.raises(ImportFailed) as exc:
        import_members(write_csv(rows), unit("HN"), mode="all", **opts)
    assert [(e.row, e.message) for e in exc.value.result.errors] == [(7, "trùng với dòng 3 trong tệp")]
    assert Member.objects.count() == before
    assert counters.stored(unit("HN")) == stored
    # The dropped indexes and constraints came back with the rollback.
    b2 = branch("HN-")
    res = import_members(write_csv(rows[:5], name="ok.csv"), unit("HN"), mode="all", **opts)
    assert res.imported == 5 and b2 == b


def test_free_text_with_tabs_backslashes_and_newlines_is_stored_as_written(tmp_path, branch, unit):
    import csv

    b = branch("HN-")
    p = tmp_path / "m.csv"
    with open(p, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "Họ và tên",
                "Ngày sinh",
                "Giới tính",
                "Số CCCD",
                "Số điện thoại",
                "Ngày vào Đoàn",
                "Mã chi đoàn",
                "Địa chỉ",
                "Thư điện tử",
            ]
        )
        w.writerow([*person(1, b.code), "Số 1\tngõ 2\\3\nHà Nội\r", "a\\b@x.vn"])
        w.writerow([*person(2, b.code), "x" * 300, ""])
    for opts in ({}, LARGE):
        Member.objects.filter(
            cccd_hash__in=[crypto.lookup_hash("001204000001"), crypto.lookup_hash("001304000002")]
        ).delete()
        res = import_members(p, unit("HN"), mode="all", **opts)
        assert res.imported == 2
        m1 = Member.objects.get(cccd_hash=crypto.lookup_hash("001204000001"))
        assert (m1.address, m1.email) == ("Số 1\tngõ 2\\3\nHà Nội", "a\\b@x.vn")
        m2 = Member.objects.get(cccd_hash=crypto.lookup_hash("001304000002"))
        assert m2.address == "x" * 255


@pytest.mark.parametrize("opts", [LARGE, {"workers": 0, "chunk_size": 2, "defer_at": 1}])
def test_all_mode_stops_writing_at_the_first_bad_row_and_reports_them_all(write_csv, branch, unit, opts):
    b = branch("HN-")
    rows = [person(i, b.code) for i in range(1, 7)]
    rows[2] = person(3, b.code, birth="31/02/2004")
    rows[5] = person(6, b.code, gender="?")
    before = Member.objects.count()
    with pytest.raises(ImportFailed) as exc:
        import_members(write_csv(rows), unit("HN"), mode="all", **opts)
    assert [(e.row, e.field) for e in exc.value.result.errors] == [(4, "Ngày sinh"), (7, "Giới tính")]
    assert exc.value.result.imported == 0
    assert Member.objects.count() == before
