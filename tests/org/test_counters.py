"""The one counter API of org (org.api.counters): every app writes with `add` and reads with `read`
or `stored`; a count at a unit is a count at each of its ancestors and nowhere else."""

import pytest

from doanso.org.api import Unit, counters

pytestmark = pytest.mark.django_db

DIM = "t_test"


def _chain(unit):
    """A unit deep in the demo tree, its parent and the root."""
    leaf = Unit.objects.filter(active=True).order_by("-path").first()
    parent = Unit.objects.get(pk=leaf.parent_id)
    root = Unit.objects.get(path=leaf.path[: leaf.path.index(".") + 1])
    return leaf, parent, root


def test_add_counts_at_the_unit_and_every_ancestor_only(unit):
    leaf, parent, root = _chain(unit)
    sibling = Unit.objects.filter(parent_id=parent.parent_id).exclude(pk=parent.pk).first()
    counters.add([(leaf.path, DIM, "a", 2), (leaf.path, DIM, "b", 1), (parent.path, DIM, "a", 5)])
    assert counters.read(leaf, DIM) == {"a": 2, "b": 1}
    assert counters.read(parent, DIM) == {"a": 7, "b": 1}
    assert counters.read(root, DIM) == {"a": 7, "b": 1}
    if sibling is not None:
        assert counters.read(sibling, DIM) == {}
    counters.add((leaf.path, DIM, k, -1) for k in ("a", "b"))  # a generator is taken too
    assert counters.read(root, DIM) == {"a": 6}  # a total back at 0 is not listed


def test_read_with_keys_gives_each_key_and_sums_over_dimensions(unit):
    leaf, parent, root = _chain(unit)
    counters.add(
        [(leaf.path, "t_m_01", "x", 3), (leaf.path, "t_m_02", "x", 4), (leaf.path, "t_m_02", "y", 1)]
    )
    assert counters.read(root, ["t_m_01", "t_m_02"], ["x", "z"]) == {"x": 7, "z": 0}
    assert counters.read(root.pk, "t_m_02", ["y"]) == {"y": 1}  # a unit id is enough
    assert counters.read(root, "t_m_03", ["x"]) == {"x": 0}


def test_stored_lists_the_non_zero_totals_of_a_prefix(unit):
    leaf, _, root = _chain(unit)
    counters.add([(leaf.path, "t_p_a", "k", 1), (leaf.path, "t_p_b", "k", 2), (leaf.path, "t_q", "k", 9)])
    counters.add([(leaf.path, "t_p_b", "k", -2)])
    assert counters.stored(root, "t_p_") == {("t_p_a", "k"): 1}
