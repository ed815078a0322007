"""The main menu, computed in one place from what the user may do (their roles).

Menu items are the things this person may do and nothing else: a unit's staff see the
members, plans, reports, plan import and transfers of the unit they act for; its admins
also see its accounts; a member sees their own home and record. Templates read it through
`{% main_menu as menu %}` (doanso_web tags); tests call `menu_for` per demo account.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from doanso.accounts.scoping import acting_units, can_administer, scope_for


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: str
    url: str
    short: str  # the label under the icon of the phone's bottom bar
    icon: str  # one glyph, decorative (aria-hidden)


def _url(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # an app not mounted: its item is simply absent
        return None


def menu_for(user) -> list[MenuItem]:
    """The menu of `user`, in display order (empty for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return []
    scope = scope_for(user)
    items: list[tuple[str, str, str | None, str, str]] = [
        ("home", _("Việc cần làm"), _url("web:home"), _("Việc"), "⌂"),
    ]
    if scope.paths:
        unit = acting_units(user).first()
        items += [
            ("members", _("Đoàn viên"), _url("members:list", unit.code), _("Đoàn viên"), "◉"),
            ("plans", _("Kế hoạch"), _url("plans:list"), _("Kế hoạch"), "▤"),
            ("reports", _("Báo cáo"), _url("reports:due", unit.code), _("Báo cáo"), "✎"),
            ("import", _("Nhập văn bản"), _url("planimport:index"), _("Nhập"), "⇪"),
            ("transfers", _("Chuyển sinh hoạt"), _url("members:transfers"), _("Chuyển"), "⇄"),
            ("learning", _("Học tập, thi"), _url("learning:home"), _("Học tập"), "✦"),
            ("outreach", _("Tin tốt, truyền thông"), _url("outreach:unit", unit.code), _("Tin tốt"), "✦"),
            ("ideas", _("Ý tưởng"), _url("ideas:board"), _("Ý tưởng"), "✦"),
            ("activities", _("Hoạt động"), _url("activities:list"), _("Hoạt động"), "✚"),
        ]
        items += [
            ("places", _("Địa chỉ đỏ"), _url("places:list"), _("Địa chỉ đỏ"), "⚑"),
            ("map", _("Bản đồ"), _url("places:staff_map"), _("Bản đồ"), "⌖"),
            ("agenda", _("Lịch"), _url("agenda:index"), _("Lịch"), "▦"),
        ]
        if can_administer(user, unit):
            items.append(
                ("accounts", _("Tài khoản"), _url("web:unit_accounts", unit.code), _("Tài khoản"), "⚙")
            )
    elif scope.member_id:
        items.append(("me", _("Hồ sơ của tôi"), _url("members:me"), _("Hồ sơ"), "◉"))
        items.append(("activities", _("Hoạt động của tôi"), _url("activities:mine"), _("Hoạt động"), "✚"))
        items.append(("learning", _("Học tập, thi"), _url("learning:home"), _("Học tập"), "✦"))
        items.append(("ideas", _("Ý tưởng"), _url("ideas:board"), _("Ý tưởng"), "✦"))
        items.append(("map", _("Bản đồ"), _url("places:map"), _("Bản đồ"), "⌖"))
        items.append(("agenda", _("Lịch"), _url("agenda:index"), _("Lịch"), "▦"))
    return [MenuItem(k, label, url, short, icon) for k, label, url, short, icon in items if url]


def active_key(items: list[MenuItem], path: str) -> str | None:
    """The item whose URL is the longest prefix of the current path ("/" only matches itself)."""
    best = None
    for item in items:
        matches = path == item.url or (item.url != "/" and path.startswith(item.url))
        if matches and (best is None or len(item.url) > len(best.url)):
            best = item
    return best.key if best else None
