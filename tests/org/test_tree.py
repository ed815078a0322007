from hypothesis import given
from hypothesis import strategies as st

from doanso.org import tree


@given(st.integers(min_value=1, max_value=36**6 - 1))
def test_segment_round_trips_and_sorts(pk):
    seg = tree.segment(pk)
    assert len(seg) == tree.SEGMENT
    assert int(seg, 36) == pk


@given(
    st.lists(st.integers(min_value=1, max_value=10**9), min_size=1, max_size=6),
    st.lists(st.integers(min_value=1, max_value=10**9), min_size=1, max_size=6),
)
def test_subtree_range_contains_exactly_descendants(a, b):
    pa = "".join(tree.segment(i) + "." for i in a)
    pb = "".join(tree.segment(i) + "." for i in b)
    lo, hi = tree.subtree_range(pa)
    assert (lo <= pb < hi) == pb.startswith(pa)
    assert tree.ancestor_ids(pa) == a
    assert tree.depth(pa) == len(a) - 1
