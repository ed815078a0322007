"""The main menu, computed in one place from what the user may do (their roles).

Menu items are the things this person may do and nothing else: a unit's staff see the
members, plans, reports, plan import and transfers of the unit they act for; its admins
also see its accounts; a member sees their own home and record. Templates read it through
`{% main_menu as menu %}` (doanso_web tags); tests call `menu_for` per demo account.

Sixteen destinations do not fit one header row or a phone's bottom bar, so items come in groups:
the everyday ones first and always in sight, the rest under "Công tác", "Phong trào" and "Tra cứu"
(dropdowns on a desktop, the "Thêm" page on a phone, whose bottom bar keeps the first `BAR_SIZE`).
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from doanso.accounts.scoping import acting_units, can_administer, scope_for

# The group of each item key; keys not listed are everyday items, always in sight.
GROUP_OF = {
    "import": "work",
    "transfers": "work",
    "accounts": "work",
    "activities": "movement",
    "learning": "movement",
    "outreach": "movement",
    "ideas": "movement",
    "surveys": "movement",
    "exemplars": "movement",
    "places": "lookup",
    "map": "lookup",
    "agenda": "lookup",
}
GROUP_ORDER = ["work", "movement", "lookup"]
BAR_SIZE = 4  # destinations on a phone's bottom bar before "Thêm"


def group_label(group: str) -> str:
    return {"work": _("Công tác"), "movement": _("Phong trào"), "lookup": _("Tra cứu")}[group]


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: str
    url: str
    short: str  # the label under the icon of the phone's bottom bar
    icon: str  # one glyph, decorative (aria-hidden)
    group: str = ""  # "" for everyday items, else a key of GROUP_ORDER


@dataclass(frozen=True)
class MenuGroup:
    key: str
    label: str
    items: list[MenuItem]


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
            ("activities", _("Hoạt động"), _url("activities:list"), _("Hoạt động"), "✚"),
            ("learning", _("Học tập, thi"), _url("learning:home"), _("Học tập"), "✦"),
            ("outreach", _("Tin tốt, truyền thông"), _url("outreach:unit", unit.code), _("Tin tốt"), "✦"),
            ("ideas", _("Ý tưởng"), _url("ideas:board"), _("Ý tưởng"), "✦"),
            ("surveys", _("Khảo sát"), _url("surveys:index"), _("Khảo sát"), "☑"),
            (
                "exemplars",
                _("Hình mẫu thanh niên"),
                _url("exemplars:criteria", unit.code),
                _("Hình mẫu"),
                "★",
            ),
        ]
        items += [
            ("places", _("Địa chỉ đỏ"), _url("places:list"), _("Địa chỉ đỏ"), "⚑"),
            ("map", _("Bản đồ"), _url("places:staff_map"), _("Bản đồ"), "◎"),
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
        items.append(("surveys", _("Khảo sát"), _url("surveys:index"), _("Khảo sát"), "☑"))
        items.append(("exemplars", _("Hình mẫu thanh niên"), _url("exemplars:me"), _("Hình mẫu"), "★"))
        items.append(("map", _("Bản đồ"), _url("places:map"), _("Bản đồ"), "◎"))
        items.append(("agenda", _("Lịch"), _url("agenda:index"), _("Lịch"), "▦"))
    made = [MenuItem(k, label, url, short, icon, GROUP_OF.get(k, "")) for k, label, url, short, icon in items]
    order = {g: i for i, g in enumerate(["", *GROUP_ORDER])}
    return sorted((i for i in made if i.url), key=lambda i: order[i.group])  # stable within a group


def grouped(items: list[MenuItem]) -> tuple[list[MenuItem], list[MenuGroup]]:
    """The everyday items, and the groups of the others in display order (empty groups left out)."""
    groups = [MenuGroup(g, str(group_label(g)), [i for i in items if i.group == g]) for g in GROUP_ORDER]
    return [i for i in items if not i.group], [g for g in groups if g.items]


def active_key(items: list[MenuItem], path: str) -> str | None:
    """The item whose URL is the longest prefix of the current path ("/" only matches itself)."""
    best = None
    for item in items:
        matches = path == item.url or (item.url != "/" and path.startswith(item.url))
        if matches and (best is None or len(item.url) > len(best.url)):
            best = item
    return best.key if best else None
