"""Pure modules: document numbers and evidence files (no database)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doanso.core.errors import UserError
from doanso.exemplars import docnumber, evidence


@pytest.mark.parametrize(
    ("typed", "filed"),
    [
        ("15/QĐ-ĐTN", "15/QĐ-ĐTN"),
        ("Số: 15 /QĐ - ĐTN", "15/QĐ-ĐTN"),
        ("127-QĐ/TĐTN-BTG", "127-QĐ/TĐTN-BTG"),
        ("3 - QĐ / TWĐTN", "3-QĐ/TWĐTN"),
    ],
)
def test_numbers_as_units_write_them(typed, filed):
    assert docnumber.normalise(typed) == filed


@pytest.mark.parametrize(
    "typed", ["", "QĐ-ĐTN", "/QĐ-ĐTN", "15/QĐ", "15 QĐ ĐTN", "15/qđ-đtn", "1234567/QĐ-ĐTN"]
)
def test_not_numbers(typed):
    with pytest.raises(UserError) as e:
        docnumber.normalise(typed)
    assert e.value.field == "doc_number"


@given(st.integers(1, 999999), st.sampled_from(["QĐ", "NQ", "KL"]), st.sampled_from(["ĐTN", "TĐTN", "TWĐTN"]))
def test_any_number_kind_and_body_round_trip(n, kind, body):
    assert docnumber.normalise(f" {n} / {kind} - {body} ") == f"{n}/{kind}-{body}"
    assert docnumber.normalise(f"{n}-{kind}/{body}") == f"{n}-{kind}/{body}"


def test_files_are_checked_by_content():
    assert evidence.check("a.pdf", 10, b"%PDF-1.7\n") == "application/pdf"
    assert evidence.check("anh.jpg", 10, b"\xff\xd8\xff\xe0") == "image/jpeg"
    with pytest.raises(UserError) as e:
        evidence.check("anh.png", 10, b"<html><script>")
    assert "anh.png" in e.value.message
    with pytest.raises(UserError):
        evidence.check("to.pdf", evidence.MAX_BYTES + 1, b"%PDF-1.7")


@given(st.binary(max_size=32))
def test_only_the_three_signatures_pass(head):
    ok = head.startswith((b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"))
    assert (evidence.kind_of(head) is not None) == ok
