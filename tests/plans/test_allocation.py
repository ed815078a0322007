from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from doanso.plans.allocation import proportional


def test_largest_remainder():
    assert proportional(10, {"a": 1, "b": 1, "c": 1}) == {"a": 4, "b": 3, "c": 3}
    assert proportional(2217, {"x": 0, "y": 0}) == {"x": 1109, "y": 1108}


@given(
    st.integers(0, 10**9), st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 10**6), min_size=1)
)
def test_parts_add_up_and_stay_within_one_of_the_exact_share(total, weights):
    parts = proportional(total, weights)
    assert sum(parts.values()) == total
    wsum = sum(weights.values())
    if wsum:
        for k, w in weights.items():
            assert abs(parts[k] - Decimal(total) * w / wsum) < 1
