"""Số - ký hiệu of Union documents (Hướng dẫn 29-HD/TWĐTN-VP): `127-KH/TĐTN-BTG`."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext

from doanso.core.errors import UserError

# Number, kind, issuing body, optional department; stray spaces and a blank number allowed.
_RX = re.compile(r"^\s*(?:Số\s*:?\s*)?(\d*)\s*-\s*([A-Za-zĐđ]+)\s*/\s*([A-ZĐ]+)(?:\s*-\s*([A-ZĐ]+))?\s*$")


@dataclass(frozen=True)
class Symbol:
    number: int | None
    kind: str
    body: str
    department: str = ""

    def __str__(self) -> str:
        dept = f"-{self.department}" if self.department else ""
        return f"{self.number or '   '}-{self.kind}/{self.body}{dept}"


def parse(text: str) -> Symbol:
    m = _RX.match(text or "")
    if not m:
        raise UserError(
            gettext("Số - ký hiệu “%(text)s” không hợp lệ (ví dụ: 127-KH/TĐTN-BTG).") % {"text": text},
            field="number",
        )
    return Symbol(int(m[1]) if m[1] else None, m[2], m[3], m[4] or "")


def body_for_kind(unit_kind: str) -> str:
    """The issuing body's symbol suggested for a unit of this kind; "" for a branch (chi đoàn),
    whose symbol varies (`CĐ`, `CĐSV`…) and must be asked for rather than guessed."""
    if unit_kind == "chi_doan":
        return ""
    return {"trung_uong": "TWĐTN", "tinh": "TĐTN", "huyen": "HĐTN"}.get(unit_kind, "ĐTN")


_SYMBOL = re.compile(r"^[A-ZĐ][A-ZĐ0-9]{0,11}$")


def check_symbol(text: str, field: str = "symbol") -> str:
    """A unit's symbol as typed (" đtn " → "ĐTN"): capital letters (and digits), 1–12 of them."""
    value = (text or "").strip().upper()
    if not value:
        raise UserError(
            gettext("Đơn vị chưa có ký hiệu văn bản: nhập ký hiệu (ví dụ ĐTN, CĐ) để cấp số."), field=field
        )
    if not _SYMBOL.match(value):
        raise UserError(
            gettext(
                "Ký hiệu “%(text)s” không hợp lệ: chỉ gồm chữ in hoa và chữ số, không dấu cách (ví dụ ĐTN)."
            )
            % {"text": text},
            field=field,
        )
    return value
