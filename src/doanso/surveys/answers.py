"""Reading one answer of a survey form (no database): the value as stored, or a Vietnamese error
naming the question. Numbers and dates are read by core.vn ("85.000", "15/03/2026")."""

from django.utils.translation import gettext as _

from doanso.core import vn
from doanso.core.errors import UserError

MAX_TEXT = {"short": 500, "long": 5000}


def _err(n: int, text: str) -> UserError:
    return UserError(_("Câu %(n)s: %(t)s") % {"n": n, "t": text}, field=f"answers.{n}")


def clean(n: int, kind: str, required: bool, choices: list[str], raw):
    """Question number `n` (1-based) of `kind`: the stored value, or None when left empty."""
    empty = raw is None or raw == "" or raw == []
    if empty:
        if required:
            raise _err(n, _("bắt buộc trả lời."))
        return None
    if kind == "one":
        if not isinstance(raw, str) or raw not in choices:
            raise _err(n, _("chọn một trong các phương án đã cho."))
        return raw
    if kind == "many":
        values = raw if isinstance(raw, list) else [raw]
        if any(not isinstance(v, str) or v not in choices for v in values):
            raise _err(n, _("chỉ chọn trong các phương án đã cho."))
        return sorted(set(values), key=choices.index)
    if kind == "scale":
        try:
            value = int(str(raw))
        except ValueError:
            raise _err(n, _("chọn một mức từ 1 đến 5.")) from None
        if not 1 <= value <= 5:
            raise _err(n, _("chọn một mức từ 1 đến 5."))
        return value
    if kind in MAX_TEXT:
        text = str(raw).strip()
        if len(text) > MAX_TEXT[kind]:
            raise _err(n, _("dài quá %(m)s ký tự.") % {"m": MAX_TEXT[kind]})
        if not text and required:
            raise _err(n, _("bắt buộc trả lời."))
        return text or None
    if kind == "number":
        try:
            value = vn.parse_number(raw)
        except vn.VnParseError as exc:
            raise _err(n, exc.message) from None
        return float(value) if value != value.to_integral_value() else int(value)
    if kind == "date":
        try:
            return vn.parse_date(raw).isoformat()
        except vn.VnParseError as exc:
            raise _err(n, exc.message) from None
    raise _err(n, _("loại câu hỏi không hợp lệ."))
