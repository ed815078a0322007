"""Subtree counters: deltas at a unit are added to the unit and every ancestor."""

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F

from doanso.org.models import SubtreeCounter, Unit
from doanso.org.tree import ancestor_ids

Delta = Counter  # {(unit_id, dim, key): int}


def expand(items: Iterable[tuple[str, str, str, int]]) -> Delta:
    """(unit path, dim, key, delta) → deltas for the unit and all its ancestors."""
    out: Delta = Counter()
    for path, dim, key, d in items:
        for uid in ancestor_ids(path):
            out[(uid, dim, key)] += d
    return out


def apply(deltas: Delta) -> None:
    deltas = Counter({k: v for k, v in deltas.items() if v})
    if not deltas:
        return
    with transaction.atomic():
        units = sorted({uid for uid, _, _ in deltas})
        existing = {
            (c.unit_id, c.dim, c.key): c.pk
            for c in SubtreeCounter.objects.select_for_update().filter(unit_id__in=units).order_by("pk")
        }
        new = []
        for (uid, dim, key), d in sorted(deltas.items()):
            pk = existing.get((uid, dim, key))
            if pk is None:
                new.append(SubtreeCounter(unit_id=uid, dim=dim, key=key, n=d))
            else:
                SubtreeCounter.objects.filter(pk=pk).update(n=F("n") + d)
        SubtreeCounter.objects.bulk_create(new, batch_size=2000)


def read(unit: Unit, dim: str) -> dict[str, int]:
    return dict(SubtreeCounter.objects.filter(unit=unit, dim=dim, n__gt=0).values_list("key", "n"))


def move_subtree(unit: Unit, old_path: str, new_parent_path: str) -> None:
    """Carry a subtree's totals from its old ancestors to its new ones."""
    old_anc = ancestor_ids(old_path)[:-1]
    new_anc = ancestor_ids(new_parent_path)
    deltas: Delta = Counter()
    for dim, key, n in SubtreeCounter.objects.filter(unit=unit).values_list("dim", "key", "n"):
        for uid in old_anc:
            deltas[(uid, dim, key)] -= n
        for uid in new_anc:
            deltas[(uid, dim, key)] += n
    apply(deltas)
