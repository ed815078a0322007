"""The split of đoàn phí between levels (pure): each level keeps 2/3, sends 1/3 up."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from doanso.members import dues

TWO_THIRDS = Fraction(2, 3)


def test_a_branch_keeps_two_thirds_and_sends_one_third_up():
    assert dues.split(2000, TWO_THIRDS) == dues.Split(kept=1333, sent_up=667)
    assert dues.split(5000, TWO_THIRDS) == dues.Split(kept=3333, sent_up=1667)
    assert dues.split(60000, TWO_THIRDS) == dues.Split(kept=40000, sent_up=20000)


def test_one_amount_cascades_from_the_branch_to_the_centre():
    levels = ["chi_doan", "co_so", "huyen", "tinh", "trung_uong"]
    # 81.000: 54.000 kept by the branch, 27.000 up; 18.000 / 9.000; 6.000 / 3.000; 2.000 / 1.000
    assert dues.cascade(81000, levels, TWO_THIRDS) == [
        ("chi_doan", 54000),
        ("co_so", 18000),
        ("huyen", 6000),
        ("tinh", 2000),
        ("trung_uong", 1000),
    ]


@given(st.integers(min_value=0, max_value=10**12), st.integers(1, 6))
def test_the_parts_always_add_up_to_the_amount(amount, depth):
    assert sum(v for _, v in dues.cascade(amount, [f"l{i}" for i in range(depth)], TWO_THIRDS)) == amount
    s = dues.split(amount, TWO_THIRDS)
    assert s.kept + s.sent_up == amount and abs(s.sent_up - amount / 3) <= 0.5
