import csv

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from doanso.core.errors import ImportFailed
from doanso.org.importing import HEADER, import_units, parse_kind
from doanso.org.models import Unit, UnitVersion


def write_csv(path, rows, header=HEADER, delimiter=",", bom=True):
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return path


def write_xlsx(path, rows, header=HEADER):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


GOOD = [
    ["HN-NEW1", "Đoàn phường Hoàn Kiếm mới", "Đoàn xã/phường", "HN", "01/07/2025"],
    ["HN-NEW1-C1", "Chi đoàn khu phố 1", "chi_doan", "HN-NEW1", ""],
    ["HN-NEW1-C2", "Chi đoàn khu phố 2", "Chi đoàn", "HN-NEW1", "15/7/2025"],
]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "csv;", "xlsx"])
def test_import_creates_units_in_any_order(tmp_path, fmt):
    rows = list(reversed(GOOD))  # children before parents in the file
    if fmt == "xlsx":
        path = write_xlsx(tmp_path / "u.xlsx", rows)
    else:
        path = write_csv(tmp_path / "u.csv", rows, delimiter=";" if fmt == "csv;" else ",", bom=fmt == "csv")
    out = []
    call_command("units", "import", str(path), stdout=type("W", (), {"write": lambda s, x: out.append(x)})())
    assert "Đã nhập 3 đơn vị" in "".join(out)
    c1 = Unit.objects.get(code="HN-NEW1-C1")
    assert (
        c1.parent.code == "HN-NEW1"
        and c1.kind == "chi_doan"
        and c1.path.startswith(Unit.objects.get(code="HN").path)
    )
    assert UnitVersion.objects.get(unit__code="HN-NEW1").valid_from.isoformat() == "2025-07-01"


@pytest.mark.django_db
def test_bad_rows_are_all_reported_and_nothing_written(tmp_path):
    rows = [
        *GOOD,
        ["HN-NEW1", "Trùng mã", "chi_doan", "HN", ""],
        ["HN", "Đã có", "tinh", "TW", ""],
        ["X1", "", "chi_doan", "HN", ""],
        ["X2", "Loại sai", "hành tinh", "HN", ""],
        ["X3", "Cha không có", "chi_doan", "KHONGCO", ""],
        ["X4", "Ngày sai", "chi_doan", "HN", "31/02/2025"],
        ["C1", "Vòng", "chi_doan", "C2", ""],
        ["C2", "Vòng", "chi_doan", "C1", ""],
    ]
    path = write_csv(tmp_path / "bad.csv", rows)
    before = Unit.objects.count()
    with pytest.raises(ImportFailed) as exc:
        import_units(path)
    msgs = [str(e) for e in exc.value.errors]
    assert "Dòng 5, cột “Mã đơn vị”: mã “HN-NEW1” trùng với dòng 2." in msgs
    assert "Dòng 6, cột “Mã đơn vị”: mã “HN” đã có trong hệ thống." in msgs
    assert "Dòng 7, cột “Tên đơn vị”: không được để trống." in msgs
    assert "Dòng 8, cột “Loại đơn vị”: loại “hành tinh” không hợp lệ." in msgs
    assert "Dòng 9, cột “Mã đơn vị cấp trên”: không tìm thấy đơn vị cấp trên “KHONGCO”." in msgs
    assert "Dòng 10, cột “Ngày thành lập”: “31/02/2025”: không có ngày 31/02/2025." in msgs
    assert "Dòng 11, cột “Mã đơn vị cấp trên”: quan hệ cấp trên tạo thành vòng lặp." in msgs
    assert Unit.objects.count() == before
    with pytest.raises(CommandError, match="không có dữ liệu nào được ghi"):
        call_command("units", "import", str(path))


@pytest.mark.django_db
def test_scope_refuses_parents_outside(tmp_path):
    path = write_csv(tmp_path / "u.csv", [["Z1", "Chi đoàn Z", "chi_doan", "HCM", ""]])
    with pytest.raises(ImportFailed) as exc:
        import_units(path, scope=Unit.objects.get(code="HN"))
    assert "ngoài phạm vi HN" in str(exc.value.errors[0])
    assert not Unit.objects.filter(code="Z1").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "Tệp rỗng"),
        (b"\x00\x01\x02binary", "không phải bảng tính Excel hay tệp CSV"),
        (b"PK\x03\x04broken zip", "Không đọc được tệp Excel"),
        ("Mã,Tên\nA,B\n".encode(), "Thiếu cột bắt buộc"),
        ("Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên\n".encode(), "không có dòng dữ liệu"),
        ("Mã đơn vị,Tên đơn vị\n".encode("utf-16"), "Thiếu cột bắt buộc"),  # UTF-16 is read
        (b"Ma don vi,Ten\nA,T\xean\n" + b"\xe0\xe1\xff\n", "UTF-8"),
    ],
)
def test_malformed_files_are_refused_cleanly(tmp_path, content, message):
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    before = Unit.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("units", "import", str(path))
    assert Unit.objects.count() == before


@pytest.mark.django_db
def test_export_round_trip(tmp_path):
    out = tmp_path / "ct.xlsx"
    call_command("units", "export", "--unit", "CT", "-o", str(out))
    ws = load_workbook(out).active
    rows = list(ws.values)
    assert list(rows[0]) == HEADER
    assert rows[1][:4] == ("CT", "Thành đoàn Cần Thơ", "Tỉnh/Thành đoàn", "TW")
    ct = Unit.objects.get(code="CT")
    assert len(rows) - 1 == Unit.objects.subtree(ct).filter(active=True).count()


@given(st.text(max_size=30))
def test_parse_kind_never_crashes(text):
    assert parse_kind(text) in (
        None,
        *[k for k in ("trung_uong", "tinh", "truc_thuoc", "huyen", "xa", "co_so", "chi_doan")],
    )


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.lists(
        st.lists(
            st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=12),
            min_size=5,
            max_size=5,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_file_is_all_or_nothing(tmp_path, cells):
    path = write_csv(tmp_path / "h.csv", cells)
    before = Unit.objects.count()
    try:
        created = import_units(path)
    except ImportFailed as exc:
        assert exc.errors and all(e.row >= 2 and e.field in HEADER for e in exc.errors)
        assert Unit.objects.count() == before
    except Exception as exc:  # only UserError is acceptable besides ImportFailed
        from doanso.core.errors import UserError

        assert isinstance(exc, UserError)
        assert Unit.objects.count() == before
    else:
        assert Unit.objects.count() == before + len(created)
        Unit.objects.filter(pk__in=[u.pk for u in created]).delete()


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["ngày 1 tháng 7 năm 2025", "1/7/25", "01.07.2025", "2025-07-01", "45839"])
def test_founding_date_is_read_as_vietnamese_write_it(tmp_path, typed):
    path = write_csv(tmp_path / "u.csv", [["HN-NEW1", "Đoàn phường mới", "Đoàn xã/phường", "HN", typed]])
    import_units(path)
    assert Unit.objects.get(code="HN-NEW1").founded_on.isoformat() == "2025-07-01"
