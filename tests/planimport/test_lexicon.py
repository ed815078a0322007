"""The reader's vocabulary: one list per kind of word, each rule's variant built from it."""

import pytest

from doanso.planimport import lexicon


@pytest.mark.parametrize("typed", ["phấn đấu", "Phân đấu", "phân đầu", "phần đầu", "PHẤN ĐẤU"])
def test_strive_and_its_usual_typos_commit_everywhere(typed):
    text = f"{typed} đạt 100%"
    for rule in (
        lexicon.COMMITMENT,
        lexicon.STRONG_COMMITMENT,
        lexicon.COMMITMENT_OVER_LIST,
        lexicon.FORWARD,
    ):
        assert rule.search(text), rule.pattern


def test_commitment_variants_differ_only_where_a_rule_needs_it():
    assert lexicon.COMMITMENT.search("đảm bảo 100% chi đoàn")
    assert not lexicon.STRONG_COMMITMENT.search("đảm bảo 100% chi đoàn")
    assert lexicon.STRONG_COMMITMENT.search("đến năm 2030")
    assert lexicon.COMMITMENT_OVER_LIST.search("nhiệm vụ trọng tâm:")
    assert lexicon.COMMITMENT.search("nhiệm vụ năm 2024")  # "nhiệm vụ" alone commits a sentence


@pytest.mark.parametrize(
    "text", ["đã tổ chức", "Theo báo cáo", "nhiệm kỳ qua", "giai đoạn qua", "năm vừa qua"]
)
def test_past_marks(text):
    assert lexicon.PAST_MARK.search(text)


def test_past_result_and_paragraph():
    assert lexicon.PAST_RESULT.search("tăng 5% so với cùng kỳ")
    assert lexicon.PAST_PARAGRAPH.match("Trong nhiệm kỳ vừa qua, Đoàn đã …")
    assert not lexicon.PAST_PARAGRAPH.match("Phấn đấu đến năm 2030 …")


@pytest.mark.parametrize(
    "line", ["- Tổ chức", "+ Tổ chức", "• Tổ chức", "1. Tổ chức", "(2) Tổ chức", "a) Tổ chức"]
)
def test_list_markers(line):
    assert lexicon.LIST_START.match(line) and lexicon.LIST_ITEM.match(line)
    assert lexicon.LIST_MARK.sub("", line) == "Tổ chức"


def test_units():
    assert {"lượt", "người", "cây", "km"} <= lexicon.CLASSIFIERS
    assert lexicon.MONEY.match(" triệu đồng") and lexicon.MONEY.match(" USD")
    assert lexicon.PERIOD_NAMES["quý"] == "quarter"
