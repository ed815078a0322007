from datetime import timedelta

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.filter
def minutes(value: timedelta | None) -> int:
    """Whole minutes of a timedelta (rounded up), for "try again in N minutes"."""
    if not value:
        return 0
    return max(1, -(-int(value.total_seconds()) // 60))


@register.simple_tag
def login_lock() -> dict:
    """The throttling settings (django-axes) for the lock page, whatever view renders it."""
    from django.conf import settings

    limit = settings.AXES_FAILURE_LIMIT
    cool = settings.AXES_COOLOFF_TIME
    if isinstance(cool, int | float):
        cool = timedelta(hours=cool)
    return {"limit": limit if isinstance(limit, int) else None, "minutes": minutes(cool) if cool else None}


@register.simple_tag(takes_context=True)
def main_menu(context) -> dict:
    """The user's menu (web.menu) and the key of the item the current page belongs to."""
    from doanso.web.menu import BAR_SIZE, active_key, grouped, menu_for

    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    items = menu_for(user)
    active = active_key(items, request.path if request else "")
    everyday, groups = grouped(items)
    return {
        "items": items,
        "everyday": everyday,
        "groups": groups,
        "active": active,
        "active_group": next((i.group for i in items if i.key == active), ""),
        # the phone's bottom bar: the first destinations, then "Thêm" (all of them, grouped)
        "bar": items[:BAR_SIZE] if len(items) > BAR_SIZE + 1 else items,
        "more": len(items) > BAR_SIZE + 1,
        "bar_keys": [i.key for i in items[:BAR_SIZE]],
        "search": any(i.key == "members" for i in items),  # unit search: for those who act for units
    }


EVENT_LABELS = {
    # report history (reports.ReportEvent.action)
    "create": _("Tạo báo cáo"),
    "save": _("Lưu nháp"),
    "submit": _("Nộp báo cáo"),
    "approve": _("Duyệt"),
    "return": _("Trả lại"),
    "reopen": _("Mở lại"),
    # plan life cycle
    "issue": _("Ban hành"),
    "adopt": _("Lập kế hoạch thực hiện"),
    "number": _("Cấp số"),
}


@register.filter
def event_label(action: str | None) -> str:
    """A history event's name in words ("submit" → "Nộp báo cáo"); unknown ones stay readable."""
    if not action:
        return ""
    label = EVENT_LABELS.get(str(action))
    return str(label) if label is not None else str(action).replace("_", " ")


@register.simple_tag
def indicator_groups(field, plan=None) -> list[dict]:
    """The indicator choices of a reporting-schedule form in groups a person scans: those the plan
    sets targets on first, then every other indicator, each by its name (no code), in Vietnamese
    order, with whether it is ticked."""
    from doanso.core.collation import sorted_vi

    chosen = {str(v) for v in (field.value() or [])}
    in_plan = set(plan.targets.values_list("indicator__code", flat=True)) if plan is not None else set()
    items = []
    for code, label in field.field.choices:
        name = str(label)
        if name.endswith(f" ({code})"):
            name = name[: -len(code) - 3]
        items.append({"code": code, "name": name, "checked": code in chosen, "in_plan": code in in_plan})
    groups = [
        {"title": _("Chỉ tiêu của kế hoạch này"), "items": [i for i in items if i["in_plan"]]},
        {"title": _("Các chỉ số khác"), "items": [i for i in items if not i["in_plan"]]},
    ]
    for g in groups:
        g["items"] = sorted_vi(g["items"], key=lambda i: i["name"])
    return [g for g in groups if g["items"]]
