"""Numbers and dates in API schemas (every app's endpoints use them, so they live in core):
every input field that takes a number also takes it written the Vietnamese way ("85.000",
"12,5", "1,2 triệu"), and every date field dd/mm/yyyy as well as ISO, read by core.vn like the
web forms read them.

`VnDecimal` (and `VnDate`) is the one annotated type for such fields. A value core.vn refuses is answered
400 {"detail": "<field>: <Vietnamese message>", "field": "<field>"} — the same shape as a
services.UserError — instead of pydantic's English 422.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from django.utils.translation import gettext
from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from doanso.core import vn

ERROR_TYPE = "vn_number"

_JSON_SCHEMA = {
    "anyOf": [
        {"type": "number"},
        {"type": "string", "examples": ["85.000", "12,5", "1,2 triệu"]},
    ],
    "description": "Số, hoặc chuỗi viết kiểu Việt Nam: 85.000 = 85000; 12,5 = 12.5.",
}


RANGE_ERROR_TYPE = "vn_range"  # well-formed but beyond core.vn's MAX_ABS: 422, not 400


def _number(value: Any) -> Decimal:
    try:
        return vn.parse_number(value)
    except vn.VnParseError as exc:
        too_large = exc.message == gettext("“%(value)s” quá lớn.") % {"value": value}
        kind = RANGE_ERROR_TYPE if too_large else ERROR_TYPE
        raise PydanticCustomError(kind, "{message}", {"message": exc.message}) from None


def _report_number(value: Any) -> Decimal:
    """A huge integer goes on to reports.services, which refuses it naming the indicator (422)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > vn.MAX_ABS:
        return Decimal(value)
    return _number(value)


def _number_or_pair(value: Any) -> Decimal | list[Decimal] | None:
    """A report value: one number, or [numerator, denominator] for a ratio; None/"" = not reported."""
    if value is None or value == "":
        return None
    if isinstance(value, list | tuple):
        if len(value) > 2:
            raise PydanticCustomError(ERROR_TYPE, "{message}", {"message": gettext("cần tử số và mẫu số.")})
        return [_report_number(x) for x in value]
    return _report_number(value)


def _date(value: Any) -> date:
    try:
        return vn.parse_date(value)
    except vn.VnParseError as exc:
        raise PydanticCustomError(ERROR_TYPE, "{message}", {"message": exc.message}) from None


VnDate = Annotated[
    date,
    BeforeValidator(_date),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "description": "yyyy-mm-dd, hoặc dd/mm/yyyy như người Việt viết (15/03/2026).",
        }
    ),
]
VnDecimal = Annotated[Decimal, BeforeValidator(_number), WithJsonSchema(_JSON_SCHEMA)]
VnReportValue = Annotated[
    Decimal | list[Decimal] | None,
    BeforeValidator(_number_or_pair),
    WithJsonSchema(
        {
            "anyOf": [*_JSON_SCHEMA["anyOf"], {"type": "array", "items": _JSON_SCHEMA}, {"type": "null"}],
            "description": "Một số, hoặc [tử số, mẫu số] với chỉ số tỷ lệ.",
        }
    ),
]


def _labels() -> dict[str, str]:
    return {
        "value": gettext("Giá trị chỉ tiêu"),
        "value_max": gettext("Giá trị tối đa"),
        "shares": gettext("Chỉ tiêu giao cho đơn vị %(key)s"),
        "values": gettext("Chỉ số %(key)s"),
        "issued_on": gettext("Ngày ban hành"),
        "due_on": gettext("Hạn hoàn thành"),
        "paid_on": gettext("Ngày nộp"),
        "on": gettext("Ngày"),
    }


def number_error(errors: list[dict]) -> tuple[str, str, int] | None:
    """(detail, field, HTTP status) for the first number core.vn refused, or None if no such error."""
    for e in errors:
        if e.get("type") not in (ERROR_TYPE, RANGE_ERROR_TYPE):
            continue
        # loc: ("body", "<param>", field[, dict key or list index ...])
        path = [str(x) for x in e.get("loc", ())[2:]]
        if not path:
            continue
        name, key = path[0], path[1] if len(path) > 1 else ""
        label = _labels().get(name, f"“{name}”")
        if "%(key)s" in label:
            label = label % {"key": key}
        # a report value is named by its indicator code, as reports.services names it
        field = key if name == "values" and key else ".".join(path[:2])
        return f"{label}: {e['msg']}", field, 422 if e["type"] == RANGE_ERROR_TYPE else 400
    return None


def column_length(model, name: str) -> int:
    """The max_length of the model column an input field writes: API schemas take it from here so
    a field can never accept more than its column holds (tests/api/test_input_schemas.py checks)."""
    return model._meta.get_field(name).max_length


# A year a Union record can be about (the Union was founded in 1931); anything else is a typo.
YEAR_MIN, YEAR_MAX = 1931, 2100
# The most ids one request may name (a branch has a few hundred members at most).
MAX_IDS = 2000
