"""The providers this app knows at start: reports due, plans received from above, members work.

Each reads its app through that app's `api.py` only, in a bounded number of queries."""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from doanso.core import vn
from doanso.members import api as members
from doanso.plans import api as plans
from doanso.reports import api as reports
from doanso.todo import registry
from doanso.todo.wording import TZ, Item

REPORTS_AHEAD = timedelta(days=14)  # reports due further ahead are not yet "to do"
PLANS_SINCE = timedelta(days=90)  # plans from above older than this are no longer "new"


def report_items(user, units: list, now: datetime) -> list[Item]:
    """Each report a unit owes that is late or due within two weeks (two queries)."""
    if not units:
        return []
    out = []
    by_id = {u.pk: u for u in units}
    for unit_id, owed in reports.due_for_units(units, now).items():
        unit = by_id[unit_id]
        for d in owed:
            if d["due_at"] - now > REPORTS_AHEAD:
                continue
            out.append(
                Item(
                    kind="report_due",
                    title=_("Nộp “%(report)s” %(period)s")
                    % {"report": d["obligation"], "period": d["period_label"]},
                    url=reverse("reports:due", args=[unit.code]),
                    due=d["due_at"],
                    unit=unit.code,
                    detail=f"{unit.name} · {d['plan']}",
                    extra={
                        "obligation_id": d["obligation_id"],
                        "period": d["period"],
                        "overdue": d["overdue"],
                    },
                )
            )
    return out


def plan_items(user, units: list, now: datetime) -> list[Item]:
    """Plans newly issued from above that a unit has not yet carried out (two queries)."""
    if not units:
        return []
    since = (now - PLANS_SINCE).astimezone(TZ).date()
    return [
        Item(
            kind="plan_received",
            title=_("Lập kế hoạch thực hiện %(symbol)s") % {"symbol": p.symbol},
            url=reverse("plans:detail", args=[p.pk]) + f"?unit={u.code}#adopt",
            unit=u.code,
            weight=30,
            detail=f"{p.issuer.name}: {p.title[:160]}",
            extra={"plan_id": p.pk},
        )
        for p, u in plans.received_plans(user, units, since)
    ]


def _member_item(row: dict) -> Item | None:
    kind, code, n = row["kind"], row["unit"], row["count"]
    name = row.get("name", "")
    if kind == "transfer_incoming":
        title = ngettext(
            "%(n)s đoàn viên chuyển sinh hoạt đến %(unit)s chờ tiếp nhận",
            "%(n)s đoàn viên chuyển sinh hoạt đến %(unit)s chờ tiếp nhận",
            n,
        )
        return Item(
            kind, title % {"n": n, "unit": name}, reverse("members:transfers"), unit=code, count=n, weight=10
        )
    if kind == "transfer_request":
        title = _("%(n)s đoàn viên của %(unit)s xin chuyển sinh hoạt") % {"n": n, "unit": name}
        url = reverse("members:transfers") + "?direction=outgoing"
        return Item(kind, title, url, unit=code, count=n, weight=15)
    if kind == "rating_enter":
        title = _("Xếp loại đoàn viên năm %(year)s — %(unit)s") % {"year": row["year"], "unit": name}
        due = datetime(row["year"], 12, 31, 17, 0, tzinfo=TZ)
        return Item(kind, title, reverse("members:ratings", args=[code]), due=due, unit=code, count=n)
    if kind == "rating_approve":
        title = _("Duyệt kết quả xếp loại của %(unit)s") % {"unit": name}
        return Item(kind, title, reverse("members:ratings", args=[code]), unit=code, count=n, weight=20)
    if kind == "nomination":
        title = _("%(n)s đoàn viên ưu tú của %(unit)s chờ kết quả") % {"n": n, "unit": name}
        return Item(kind, title, reverse("members:nominations", args=[code]), unit=code, count=n, weight=60)
    if kind == "dues":
        month = row["month"]
        title = _("Ghi đoàn phí %(month)s: %(n)s đoàn viên chưa ghi — %(unit)s") % {
            "month": vn.format_period(month),
            "n": vn.format_number(n),
            "unit": name,
        }
        url = reverse("members:dues", args=[code]) + f"?month={month}"
        return Item(kind, title, url, unit=code, count=n, weight=40)
    if kind == "maturity":
        title = _("%(n)s đoàn viên đến tuổi trưởng thành Đoàn") % {"n": vn.format_number(n)}
        return Item(kind, title, reverse("members:maturity", args=[code]), unit=code, count=n, weight=70)
    if kind in ("import_done", "import_failed"):
        if kind == "import_failed":
            title = _("Nhập tệp “%(file)s” không thành công") % {"file": row["file"]}
        else:
            title = _("Đã nhập tệp “%(file)s”: %(ok)s dòng, %(bad)s dòng bị từ chối") % {
                "file": row["file"],
                "ok": vn.format_number(row["imported"]),
                "bad": vn.format_number(row["rejected"]),
            }
        url = reverse("members:import_status", args=[row["id"]])
        return Item(kind, title, url, unit=code, weight=5 if kind == "import_failed" else 80)
    return None


def member_items(user, units: list, now: datetime) -> list[Item]:
    if not units:
        return []  # a member's own tasks are on their home card (members.member_home)
    today = now.astimezone(TZ).date()
    return [i for i in (_member_item(r) for r in members.work_for(user, units, now, today)) if i]


def register_all() -> None:
    registry.register("reports", report_items)
    registry.register("plans", plan_items)
    registry.register("members", member_items)
