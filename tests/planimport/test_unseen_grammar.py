"""Grammar rules added after measuring the extractor on unseen real texts (tests/planimport/extra).

Every snippet here is written for these tests; none is copied from the collected texts.
"""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from doanso.planimport.evaluate import evaluate
from doanso.planimport.extractor import extract
from doanso.planimport.recurrence import find_rules

EXTRA = Path(__file__).parent / "extra"

PLAN = """ĐOÀN TNCS HỒ CHÍ MINH
BCH ĐOÀN XÃ TÂN PHÚ
Số: 12-KH/ĐTN
Tân Phú, ngày 10 tháng 01 năm 2026

KẾ HOẠCH
Công tác Đoàn năm 2026

"""


NEWS = "Tin hoạt động Đoàn\n\n"  # a headline: the body starts on the next paragraph


def _values(result):
    return sorted((t["value"], t["percent"]) for t in result["targets"])


def _dates(result):
    return sorted(d["date"] for d in result["deadlines"])


def _rules(result):
    return sorted(r["rule"] for r in result["recurring"])


# ---------------------------------------------------------------- targets


def test_label_word_does_not_reach_across_a_semicolon():
    r = extract(
        PLAN + "II. CHỈ TIÊU\n- Có 3 mô hình cấp huyện; 40 mô hình cấp xã; 120 phần việc cấp chi đoàn.\n"
    )
    assert _values(r) == [(3, False), (40, False), (120, False)]


def test_count_after_a_percentage_is_its_criterion():
    r = extract(PLAN + "II. CHỈ TIÊU\n- 90% chi đoàn có ít nhất 2 hoạt động tình nguyện.\n")
    assert _values(r) == [(90, True)]


def test_quantity_per_period_after_a_percentage_is_still_a_target():
    r = extract(PLAN + "II. CHỈ TIÊU\n- Phấn đấu 100% Đoàn xã, mỗi tháng có ít nhất 01 tin bài.\n")
    assert _values(r) == [(1, False), (100, True)]


def test_number_of_targets_or_tasks_is_not_a_target():
    r = extract(PLAN + "Kế hoạch đề ra 12 chỉ tiêu và 4 nhóm giải pháp; phấn đấu kết nạp 60 đoàn viên.\n")
    assert _values(r) == [(60, False)]


def test_a_condition_is_not_a_target():
    text = (
        PLAN
        + "Chi hội có từ 5 hội viên trở lên được thành lập ban chấp hành. "
        + "Nếu dưới 5 hội viên thì sinh hoạt ghép.\n"
    )
    assert _values(extract(text)) == []


def test_result_against_a_target_and_measured_change_are_not_targets():
    news = (
        "Năm nay, số lớp kỹ năng đạt 140, vượt 12,5% chỉ tiêu; số cây trồng mới tăng 8% so với năm trước.\n"
    )
    assert _values(extract(NEWS + news)) == []


def test_planned_increase_is_a_target():
    news = "Tỉnh đoàn phấn đấu số đoàn viên mới tăng 10% so với năm 2025.\n"
    assert _values(extract(NEWS + news)) == [(10, True)]


def test_news_past_sentence_is_not_a_target():
    news = "Trong dịp hè, các đội hình đã sửa 14 ngôi nhà; làm mới 9 cây cầu và trao 300 suất quà.\n"
    assert _values(extract(NEWS + news)) == []


def test_news_paragraph_about_the_past_term():
    news = (
        "Nhiệm kỳ qua, Đoàn phường vận động 100% thanh niên tham gia hiến máu. "
        "Hằng năm, tổ chức 20 buổi sinh hoạt hè cho thiếu nhi.\n"
    )
    r = extract(NEWS + news)
    assert _values(r) == [] and r["recurring"] == []


def test_news_list_after_a_commitment_line():
    news = (
        "Hội nghị đã thống nhất các mục tiêu chủ yếu như sau:\n"
        "- 100% chi đội được học tập truyền thống.\n"
        "- 75% đội viên đạt danh hiệu Đội viên tốt.\n"
        "Buổi lễ kết thúc lúc 11 giờ với 200 đại biểu.\n"
    )
    assert _values(extract(NEWS + news)) == [(75, True), (100, True)]


def test_news_inline_list_after_phan_dau():
    news = (
        "Thiếu nhi huyện phấn đấu thực hiện các việc sau: - Mỗi liên đội có 1 công trình măng non. "
        "- 100% liên đội tổ chức trò chơi dân gian.\n"
    )
    assert _values(extract(NEWS + news)) == [(1, False), (100, True)]


def test_news_paragraphs_after_targets_were_announced():
    news = (
        "Năm 2026, Thành đoàn sẽ thực hiện nhiều chỉ tiêu quan trọng.\n\n"
        "Theo đó, 95% cơ sở Đoàn tổ chức diễn đàn.\n\n"
        "Thành đoàn cũng giới thiệu việc làm cho 2,5 vạn thanh niên và 12 nghìn sinh viên.\n"
    )
    values = _values(extract(NEWS + news))
    assert (95, True) in values and (12000, False) in values


# ---------------------------------------------------------------- dates


def test_year_that_frames_targets_is_not_a_deadline():
    r = extract(PLAN + "II. CHỈ TIÊU\nĐến năm 2027, 80% chi đoàn xếp loại vững mạnh.\n")
    assert "2027-01-01" not in _dates(r)
    assert _values(r) == [(80, True)]


def test_date_after_sau_ngay_is_a_condition():
    r = extract(PLAN + "Hồ sơ gửi trước ngày 20/6/2026; hồ sơ gửi sau ngày 20/6/2026 không được xét.\n")
    assert _dates(r) == ["2026-06-20"]


def test_issue_date_line_inside_a_table_layout_is_not_a_deadline():
    text = (
        "TỈNH ĐOÀN BẾN TRE |\nSố: 88-KH/TĐTN |\nBến Tre, ngày 02 tháng 3 năm 2026 |\n"
        "KẾ HOẠCH\nTổ chức ngày hội\nI. NỘI DUNG\nTổ chức vào ngày 26/3/2026.\n"
    )
    r = extract(text)
    assert r["date"] == "2026-03-02"
    assert _dates(r) == ["2026-03-26"]


def test_news_date_with_future_verb_after_it():
    news = "Ngày 5/9/2026, Liên đội sẽ khai giảng lớp kỹ năng; chậm nhất ngày 15/9/2026 nộp danh sách.\n"
    assert _dates(extract(NEWS + news)) == ["2026-09-05", "2026-09-15"]


def test_news_range_written_with_tu_is_scheduled():
    news = "Các lớp năng khiếu hè được mở từ ngày 10/6 - 20/7/2026 tại nhà văn hóa.\n"
    assert _dates(extract(NEWS + news)) == ["2026-06-10"]


def test_news_range_in_the_past_is_not_scheduled():
    news = "Từ ngày 10/6 - 20/7/2025, các lớp năng khiếu đã thu hút 500 em.\n"
    assert _dates(extract(NEWS + news)) == []


def test_year_missing_from_a_date_is_taken_from_the_paragraph():
    news = "Chiến dịch Mùa hè xanh 2026 sẽ diễn ra từ 15/6 đến 15/8.\n"
    assert _dates(extract(NEWS + news)) == ["2026-06-15"]


def test_fractions_are_not_dates():
    news = "Ngày 3/10/2026, Đoàn trường sẽ trả 3/4 số đoàn phí về các chi đoàn.\n"
    assert _dates(extract(NEWS + news)) == ["2026-10-03"]


# ---------------------------------------------------------------- recurring


def test_times_per_period_written_before_the_count():
    assert [m.rule for m in find_rules("Ban Thường vụ một tháng họp ít nhất một lần.")] == ["FREQ=MONTHLY"]
    assert [m.rule for m in find_rules("Ban Chấp hành mỗi năm họp hai kỳ.")] == ["FREQ=MONTHLY;INTERVAL=6"]
    assert [m.rule for m in find_rules("mỗi quý tổ chức tối thiểu 01 buổi")] == ["FREQ=MONTHLY;INTERVAL=3"]


def test_times_per_year_in_a_regulation():
    r = extract(PLAN + "Điều 5. Hội nghị Ban Chấp hành\nBan Chấp hành Đoàn xã mỗi năm họp ít nhất bốn kỳ.\n")
    assert _rules(r) == ["FREQ=MONTHLY;INTERVAL=3"]
    assert _values(r) == []


_WORDS = {1: "một", 2: "hai", 3: "ba", 4: "bốn", 6: "sáu"}


@given(
    count=st.sampled_from([1, 2, 3, 4, 6]),
    spelled=st.booleans(),
    verb=st.sampled_from(["họp", "sinh hoạt", "tổ chức", ""]),
    least=st.sampled_from(["", "ít nhất ", "tối thiểu "]),
)
def test_times_per_year_round_trip(count, spelled, verb, least):
    token = _WORDS[count] if spelled else f"{count:02d}"
    text = f"Chi đoàn mỗi năm {verb} {least}{token} lần.".replace("  ", " ")
    rules = [m.rule for m in find_rules(text)]
    expected = "FREQ=YEARLY" if count == 1 else f"FREQ=MONTHLY;INTERVAL={12 // count}"
    assert rules == [expected], text


# ---------------------------------------------------------------- the collected texts


def test_quality_on_unseen_real_texts():
    summary = evaluate(EXTRA)["summary"]
    for field in ("targets", "deadlines"):
        assert summary[field]["precision"] >= 0.85, (field, summary[field])
        assert summary[field]["recall"] >= 0.85, (field, summary[field])
    assert summary["number"]["precision"] == 1.0 and summary["date"]["precision"] == 1.0


def test_collected_texts_name_their_source():
    import json

    files = sorted(EXTRA.glob("*.json"))
    assert len(files) >= 6
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        source = EXTRA / data["source"]
        assert source.read_text(encoding="utf-8").startswith("# Nguồn: "), path.name
