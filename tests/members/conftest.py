import pytest


@pytest.fixture
def branch(unit):
    """An active branch in Hà Nội and one in Cần Thơ (another province)."""
    from doanso.org.models import Unit

    def pick(prefix: str, n: int = 0):
        return Unit.objects.filter(kind="chi_doan", active=True, code__startswith=prefix).order_by("code")[n]

    return pick


@pytest.fixture
def write_csv(tmp_path):
    def make(rows, header=None, name="m.csv", sep=",", bom=True):
        from doanso.members.importing.columns import TEMPLATE_HEADERS

        header = header or TEMPLATE_HEADERS[:7]
        text = "\n".join(sep.join(r) for r in [header, *rows]) + "\n"
        p = tmp_path / name
        p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
        return p

    return make


@pytest.fixture
def write_xlsx(tmp_path):
    def make(rows, header=None, name="m.xlsx"):
        from openpyxl import Workbook

        from doanso.members.importing.columns import TEMPLATE_HEADERS

        wb = Workbook()
        ws = wb.active
        ws.append(header or TEMPLATE_HEADERS[:7])
        for r in rows:
            ws.append(r)
        p = tmp_path / name
        wb.save(p)
        return p

    return make


def person(i: int, code: str, **kw) -> list[str]:
    """A valid import row: born 2004, admitted 2020, male for odd i; CCCD 001 {2|3} 04 00000i."""
    row = {
        "name": f"Nguyễn Văn Thử {chr(65 + i % 26)}",
        "birth": "15/06/2004",
        "gender": "Nam" if i % 2 else "Nữ",
        "cccd": f"001{2 if i % 2 else 3}04{i:06d}",  # Hà Nội, 2000s, gender, born 2004
        "phone": f"09{i:08d}",
        "admitted": "26/03/2020",
        "branch": code,
    }
    row.update(kw)
    return list(row.values())
