"""Numbers on the member pages: 7000 → "7.000" (core.vn; Vietnamese in every UI language)."""

from django import template
from django.utils.translation import gettext_lazy as _

from doanso.core import vn

register = template.Library()


@register.filter
def grouped(value) -> str:
    """Whole numbers with thousands grouped the Vietnamese way."""
    if value is None or value == "":
        return "—"
    try:
        n = int(value)
    except (TypeError, ValueError):
        return str(value)
    return vn.format_number(n)


MEMBER_EVENTS = {
    "create": _("Tạo hồ sơ"),
    "import": _("Nhập từ tệp"),
    "update": _("Cập nhật hồ sơ"),
    "transfer": _("Chuyển sinh hoạt"),
    "status": _("Đổi trạng thái"),
    "rating": _("Xếp loại"),
    "nomination": _("Giới thiệu đoàn viên ưu tú"),
}


@register.filter
def member_event(kind: str | None) -> str:
    """A member history kind in words ("transfer" → "Chuyển sinh hoạt")."""
    label = MEMBER_EVENTS.get(str(kind or ""))
    return str(label) if label is not None else str(kind or "").replace("_", " ")


@register.filter
def changed_fields(changes: dict | None) -> str:
    """The fields a member history entry changed, by their Vietnamese names ("họ và tên, ngày sinh")."""
    from django.core.exceptions import FieldDoesNotExist

    from doanso.members.models import Member

    names = []
    for key in changes or {}:
        try:
            names.append(str(Member._meta.get_field(key).verbose_name))
        except FieldDoesNotExist:
            names.append(str(key).replace("_", " "))
    return ", ".join(names)
