"""Số - ký hiệu of a deciding document (quyết định tuyên dương, khen thưởng). No database.

Both ways units write them are read: the Union's `15-QĐ/TĐTN` (Hướng dẫn 29-HD/TWĐTN-VP, with an
optional drafting department `-BTG`) and the state layout `15/QĐ-ĐTN` many grassroots units use.
Stray spaces are dropped ("Số: 15 /QĐ - ĐTN"); the number is required (a draft without one is not
a decision yet).
"""

import re

from django.utils.translation import gettext

from doanso.core.errors import UserError

_BODY = r"[A-ZĐ][A-ZĐ0-9]{0,11}"
_UNION = re.compile(rf"^(\d{{1,6}})-([A-ZĐ][A-Za-zĐđ]{{0,4}})/({_BODY})(?:-({_BODY}))?$")
_STATE = re.compile(rf"^(\d{{1,6}})/([A-ZĐ][A-Za-zĐđ]{{0,4}})-({_BODY})(?:-({_BODY}))?$")
_PREFIX = re.compile(r"^\s*Số\s*:?\s*", re.IGNORECASE)


def normalise(text: str, field: str = "doc_number") -> str:
    """The number as it is filed, without spaces; UserError naming `field` when it is not one."""
    raw = _PREFIX.sub("", text or "")
    compact = re.sub(r"\s+", "", raw)
    if _UNION.match(compact) or _STATE.match(compact):
        return compact
    raise UserError(
        gettext("Số quyết định “%(text)s” không hợp lệ (ví dụ: 15/QĐ-ĐTN hoặc 15-QĐ/TĐTN).") % {"text": text},
        field=field,
    )
