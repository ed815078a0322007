"""Each unit's own criteria under the 12 values: a unit adds and edits its own; a lower unit never
edits a higher unit's (403), and nobody outside the tree sees them (404)."""

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext

from doanso.core import audit
from doanso.core.errors import ConflictError, UserError
from doanso.exemplars import rules
from doanso.exemplars.models import Answer, Criterion, Value
from doanso.org.tree import ancestor_ids

YEAR_MIN, YEAR_MAX = 2000, 2100
TEXT_MAX = 500


def _year(year: int) -> int:
    if not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        raise UserError(
            gettext("Năm phải từ %(lo)s đến %(hi)s.") % {"lo": YEAR_MIN, "hi": YEAR_MAX}, field="year"
        )
    return year


def _text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise UserError(gettext("Nội dung tiêu chí: chưa nhập."), field="text")
    if len(text) > TEXT_MAX:
        raise UserError(gettext("Nội dung tiêu chí dài quá %(n)s ký tự.") % {"n": TEXT_MAX}, field="text")
    return text


def value_by_code(code: str) -> Value:
    try:
        return Value.objects.get(code=code)
    except Value.DoesNotExist:
        raise UserError(
            gettext("Giá trị “%(code)s” không có trong 12 giá trị hình mẫu.") % {"code": code}, field="value"
        ) from None


def applying(branch, year: int):
    """The criteria that apply to a branch in a year: its own and every ancestor's (one query)."""
    return (
        Criterion.objects.filter(unit_id__in=ancestor_ids(branch.path), year=year)
        .select_related("value", "unit")
        .order_by("value__number", "unit__depth", "id")
    )


def visible(user, criterion_id: int) -> Criterion:
    """A criterion the user may read (their units' own, below or above them); 404 otherwise."""
    c = Criterion.objects.select_related("unit", "value").filter(pk=criterion_id).first()
    if c is None or not rules.sees_unit_or_ancestor(user, c.unit):
        raise Http404
    return c


@transaction.atomic
def add_criterion(actor, unit, value: str, year: int, text: str) -> Criterion:
    rules.admin_unit(actor, unit)
    c = Criterion.objects.create(
        value=value_by_code(value), unit=unit, year=_year(year), text=_text(text), created_by=actor
    )
    audit.record(actor, "exemplars.criterion.add", c, unit=unit, value=value, year=year)
    return c


def _own(actor, c: Criterion) -> None:
    if not rules.sees_unit_or_ancestor(actor, c.unit):
        raise Http404
    if not rules.can_administer(actor, c.unit):
        raise rules.Forbidden(
            gettext("Tiêu chí này do %(unit)s ban hành: chỉ cấp đó được sửa hoặc xóa.")
            % {"unit": c.unit.name}
        )


@transaction.atomic
def change_criterion(actor, c: Criterion, text: str) -> Criterion:
    _own(actor, c)
    c.text = _text(text)
    c.save(update_fields=["text"])
    audit.record(actor, "exemplars.criterion.change", c, unit=c.unit)
    return c


@transaction.atomic
def delete_criterion(actor, c: Criterion) -> None:
    _own(actor, c)
    if Answer.objects.filter(criterion=c).exists():
        raise ConflictError(
            gettext("Tiêu chí đã có đoàn viên tự đánh giá: không xóa được, chỉ sửa nội dung."),
            field="criterion",
        )
    audit.record(actor, "exemplars.criterion.delete", c, unit=c.unit)
    c.delete()
