"""Business operations on the unit tree. Every write is dated, versioned and audited."""

from datetime import date

from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext

from doanso.core import audit, vn
from doanso.core.errors import UserError
from doanso.org import counters
from doanso.org.models import RestructureEvent, RestructureKind, Unit, UnitKind, UnitVersion
from doanso.org.tree import child_path, depth, is_within

EPOCH = date(2000, 1, 1)  # "since always" for units whose founding date is unknown

# Apps above `org` that keep rows derived from the tree (plans: which units owe which reports)
# register a listener here from their AppConfig.ready(); every restructuring service calls the
# listeners inside its transaction with the units whose place in the tree changed (each with its
# subtree) and the effective date. `org` never imports them.
_tree_listeners: list = []


def on_tree_change(listener) -> None:
    """Register `listener(units: list[Unit], on: date)`, called after every restructure."""
    if listener not in _tree_listeners:
        _tree_listeners.append(listener)


def _tree_changed(units: list[Unit], on: date) -> None:
    for listener in _tree_listeners:
        listener([u for u in units if u.active], on)


def _today() -> date:
    return timezone.localdate()


def _check_kind(kind: str) -> None:
    if kind not in UnitKind.values:
        raise UserError(gettext("Loại đơn vị “%(kind)s” không hợp lệ.") % {"kind": kind}, field="kind")


def _current_version(unit: Unit) -> UnitVersion | None:
    return UnitVersion.objects.filter(unit=unit, valid_to__isnull=True).order_by("-valid_from").first()


def _new_version(unit: Unit, on: date) -> None:
    """Close the open version at `on` and open one with the unit's current parent/name/kind."""
    cur = _current_version(unit)
    if cur is not None:
        if on < cur.valid_from:
            raise UserError(
                gettext("Ngày hiệu lực %(on)s sớm hơn thay đổi gần nhất của “%(name)s” (%(valid_from)s).")
                % {"on": vn.format_date(on), "name": unit.name, "valid_from": vn.format_date(cur.valid_from)},
                field="effective_on",
            )
        if on == cur.valid_from:
            cur.parent_id, cur.name, cur.kind = unit.parent_id, unit.name, unit.kind
            cur.save(update_fields=["parent", "name", "kind"])
            return
        cur.valid_to = on
        cur.save(update_fields=["valid_to"])
    UnitVersion.objects.create(
        unit=unit, parent_id=unit.parent_id, name=unit.name, kind=unit.kind, valid_from=on
    )


def _close_version(unit: Unit, on: date) -> None:
    cur = _current_version(unit)
    if cur is not None:
        if on < cur.valid_from:
            raise UserError(
                gettext("Ngày hiệu lực %(on)s sớm hơn thay đổi gần nhất của “%(name)s”.")
                % {"on": vn.format_date(on), "name": unit.name}
            )
        cur.valid_to = on
        cur.save(update_fields=["valid_to"])


def _event(event_kind: str, on: date, units: list[Unit], actor, **details) -> RestructureEvent:
    ev = RestructureEvent.objects.create(kind=event_kind, effective_on=on, details=details)
    ev.units.set(units)
    audit.record(
        actor,
        f"unit.{event_kind}",
        ev,
        unit=units[0] if units else None,
        effective_on=on.isoformat(),
        details=details,
    )
    return ev


@transaction.atomic
def create_unit(
    actor, *, code: str, name: str, kind: str, parent: Unit | None, on: date | None = None
) -> Unit:
    code, name = (code or "").strip(), (name or "").strip()
    if not code:
        raise UserError(gettext("Mã đơn vị không được để trống."), field="code")
    if not name:
        raise UserError(gettext("Tên đơn vị không được để trống."), field="name")
    _check_kind(kind)
    if Unit.objects.filter(code=code).exists():
        raise UserError(gettext("Mã đơn vị “%(code)s” đã tồn tại.") % {"code": code}, field="code")
    if parent is not None and not parent.active:
        raise UserError(
            gettext("Đơn vị cấp trên “%(name)s” đã giải thể/sáp nhập.") % {"name": parent.name},
            field="parent",
        )
    unit = Unit(code=code, name=name, kind=kind, parent=parent, path=f"new:{code}", founded_on=on)
    unit.save()
    unit.path = child_path(parent.path if parent else "", unit.pk)
    unit.depth = depth(unit.path)
    unit.save(update_fields=["path", "depth"])
    counters.unit_delta(unit, +1)
    _new_version(unit, on or EPOCH)
    _event(RestructureKind.CREATE, on or EPOCH, [unit], actor, code=code, name=name, kind=kind)
    _tree_changed([unit], on or _today())
    return unit


def _reparent(unit: Unit, new_parent: Unit, on: date | None, *, versioned: bool = True) -> None:
    """Move a unit and its whole subtree under `new_parent` (one UPDATE for the subtree)."""
    if is_within(new_parent.path, unit.path):
        raise UserError(
            gettext("Không thể chuyển “%(name)s” vào “%(parent)s” vì đó là đơn vị cấp dưới của chính nó.")
            % {"name": unit.name, "parent": new_parent.name},
            field="parent",
        )
    old_path = unit.path
    new_path = child_path(new_parent.path, unit.pk)
    delta = depth(new_path) - depth(old_path)
    Unit.objects.subtree(unit).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)), depth=F("depth") + delta
    )
    counters.move_subtree(unit, old_path, new_parent.path)
    unit.path, unit.depth, unit.parent = new_path, depth(new_path), new_parent
    Unit.objects.filter(pk=unit.pk).update(parent=new_parent)
    if versioned:
        _new_version(unit, on or _today())


def _require_active(*units: Unit) -> None:
    for u in units:
        if not u.active:
            raise UserError(
                gettext("Đơn vị “%(name)s” (%(code)s) đã giải thể/sáp nhập.")
                % {"name": u.name, "code": u.code},
                field="unit",
            )


@transaction.atomic
def move_unit(actor, unit: Unit, new_parent: Unit, on: date | None = None) -> Unit:
    on = on or _today()
    _require_active(unit, new_parent)
    if unit.pk == new_parent.pk:
        raise UserError(gettext("Không thể chuyển đơn vị vào chính nó."), field="parent")
    old_parent = unit.parent
    _reparent(unit, new_parent, on)
    _event(
        RestructureKind.MOVE,
        on,
        [unit, new_parent],
        actor,
        old_parent=old_parent.code if old_parent else None,
        new_parent=new_parent.code,
    )
    _tree_changed([unit], on)
    return unit


@transaction.atomic
def rename_unit(actor, unit: Unit, new_name: str, on: date | None = None, kind: str | None = None) -> Unit:
    on = on or _today()
    _require_active(unit)
    new_name = (new_name or "").strip()
    if not new_name:
        raise UserError(gettext("Tên đơn vị không được để trống."), field="name")
    old = unit.name
    unit.name = new_name
    if kind and kind != unit.kind:
        _check_kind(kind)
        counters.unit_delta(unit, -1)
        unit.kind = kind
        counters.unit_delta(unit, +1)
    unit.save()
    _new_version(unit, on)
    _event(RestructureKind.RENAME, on, [unit], actor, old_name=old, new_name=new_name)
    if kind:
        _tree_changed([unit], on)  # a new kind may put it at a level an obligation names
    return unit


def _retire(unit: Unit, successor: Unit | None, on: date) -> None:
    """Mark a unit dissolved; with a successor it is placed under it so history rolls up there."""
    _close_version(unit, on)
    counters.unit_delta(unit, -1)
    if successor is not None:
        _reparent(unit, successor, on, versioned=False)
    Unit.objects.filter(pk=unit.pk).update(active=False, dissolved_on=on, successor=successor)
    unit.active, unit.dissolved_on, unit.successor = False, on, successor


def _active_children(unit: Unit) -> list[Unit]:
    return list(Unit.objects.filter(parent=unit, active=True).order_by("path"))


@transaction.atomic
def merge_units(actor, sources: list[Unit], target: Unit, on: date | None = None) -> Unit:
    """Merge sources into target (A and B → C): their children move under C, they retire into C."""
    on = on or _today()
    if not sources:
        raise UserError(gettext("Chưa chọn đơn vị cần sáp nhập."), field="sources")
    if len({s.pk for s in sources}) != len(sources):
        raise UserError(gettext("Một đơn vị được chọn hai lần."), field="sources")
    _require_active(target, *sources)
    for s in sources:
        if s.pk == target.pk:
            raise UserError(
                gettext("Không thể sáp nhập “%(name)s” vào chính nó.") % {"name": s.name}, field="target"
            )
        if is_within(target.path, s.path):
            raise UserError(
                gettext(
                    "Không thể sáp nhập “%(name)s” vào “%(target)s” "
                    "vì “%(target)s” là đơn vị cấp dưới của nó."
                )
                % {"name": s.name, "target": target.name},
                field="target",
            )
    for s in sources:
        for child in _active_children(s):
            _reparent(child, target, on)
        _retire(s, target, on)
    _event(
        RestructureKind.MERGE,
        on,
        [target, *sources],
        actor,
        sources=[s.code for s in sources],
        target=target.code,
    )
    _tree_changed([target], on)  # the sources' children now sit under the target
    return target


@transaction.atomic
def create_and_merge(
    actor, sources: list[Unit], *, code: str, name: str, kind: str, parent: Unit, on: date | None = None
) -> Unit:
    """A and B → a new C."""
    target = create_unit(actor, code=code, name=name, kind=kind, parent=parent, on=on)
    return merge_units(actor, sources, target, on)


@transaction.atomic
def split_unit(actor, unit: Unit, parts: list[dict], on: date | None = None) -> list[Unit]:
    """Split a unit into new ones: parts = [{code, name, kind?, children: [codes]}].

    Every active child must be assigned to exactly one part; the old unit retires into
    the first part (its own history then counts there).
    """
    on = on or _today()
    _require_active(unit)
    if len(parts) < 2:
        raise UserError(gettext("Chia tách cần ít nhất hai đơn vị mới."), field="parts")
    children = {c.code: c for c in _active_children(unit)}
    assigned: dict[str, int] = {}
    for i, part in enumerate(parts):
        for code in part.get("children", []):
            if code not in children:
                raise UserError(
                    gettext("“%(code)s” không phải đơn vị trực thuộc của “%(name)s”.")
                    % {"code": code, "name": unit.name},
                    field="children",
                )
            if code in assigned:
                raise UserError(
                    gettext("Đơn vị “%(code)s” được giao cho hai đơn vị mới.") % {"code": code},
                    field="children",
                )
            assigned[code] = i
    left = sorted(set(children) - set(assigned))
    if left:
        raise UserError(
            gettext("Chưa giao các đơn vị trực thuộc: %(codes)s.") % {"codes": ", ".join(left)},
            field="children",
        )
    new_units = [
        create_unit(
            actor, code=p["code"], name=p["name"], kind=p.get("kind", unit.kind), parent=unit.parent, on=on
        )
        for p in parts
    ]
    for code, i in assigned.items():
        _reparent(children[code], new_units[i], on)
    _retire(unit, new_units[0], on)
    _event(
        RestructureKind.SPLIT,
        on,
        [unit, *new_units],
        actor,
        unit=unit.code,
        parts=[u.code for u in new_units],
    )
    _tree_changed(new_units, on)
    return new_units


@transaction.atomic
def dissolve_unit(actor, unit: Unit, on: date | None = None, successor: Unit | None = None) -> Unit:
    on = on or _today()
    if successor is not None:
        merge_units(actor, [unit], successor, on)
        return unit
    _require_active(unit)
    kids = _active_children(unit)
    if kids:
        raise UserError(
            gettext(
                "“%(name)s” còn %(len)s đơn vị trực thuộc đang hoạt động; hãy chuyển hoặc giải thể trước."
            )
            % {"name": unit.name, "len": len(kids)},
            field="unit",
        )
    if counters.read(unit, "status").get("active", 0):
        raise UserError(
            gettext("“%(name)s” còn đoàn viên đang sinh hoạt; hãy chuyển sinh hoạt trước.")
            % {"name": unit.name},
            field="unit",
        )
    _retire(unit, None, on)
    _event(RestructureKind.DISSOLVE, on, [unit], actor, unit=unit.code)
    return unit


# --- the tree as of a date ----------------------------------------------------------


def _on_date_q(on: date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))


def children_on(unit: Unit | None, on: date) -> list[UnitVersion]:
    """The children of `unit` (roots for None) as they were on `on`, with their names then."""
    qs = UnitVersion.objects.filter(_on_date_q(on)).select_related("unit")
    qs = qs.filter(parent__isnull=True) if unit is None else qs.filter(parent=unit)
    return sorted(qs, key=lambda v: v.name)


def version_on(unit: Unit, on: date) -> UnitVersion | None:
    return UnitVersion.objects.filter(_on_date_q(on), unit=unit).first()


def children(unit: Unit):
    return Unit.objects.filter(parent=unit, active=True).order_by("name")


def subtree_unit_count(unit: Unit) -> int:
    return Unit.objects.subtree(unit).filter(active=True).count()


__all__ = [
    "create_unit",
    "move_unit",
    "rename_unit",
    "merge_units",
    "create_and_merge",
    "split_unit",
    "dissolve_unit",
    "children_on",
    "version_on",
    "children",
    "subtree_unit_count",
]
