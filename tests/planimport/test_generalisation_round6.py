"""Issue 13, round 6: one test per class of failure the dev5 half and the studied blind4 half
showed, through `extract` (the JSON of `doanso plans extract FILE --json`) and the CLI itself.

The sentences are written for these tests, not taken from a corpus text.
"""

import io
import json

from doanso.planimport.cli import run_extract
from doanso.planimport.extractor import extract


def _values(items: list[dict]) -> list:
    return [x["value"] for x in items]


def _targets(result: dict) -> list[tuple]:
    return [(t["value"], t["percent"], t["direction"]) for t in result["targets"]]


def _rules(result: dict) -> list[str]:
    return [r["rule"] for r in result["recurring"]]


# weekday and monthly duties -------------------------------------------------------------------
def test_a_weekday_of_the_last_week_of_the_month_is_a_monthly_duty():
    r = extract(
        "Thông báo lịch công tác của Đoàn trường\n"
        "Thứ Năm tuần cuối tháng, Ban Thường vụ họp giao ban đánh giá các chi đoàn.\n"
    )
    assert "FREQ=MONTHLY;BYDAY=-1TH" in _rules(r)


def test_a_dated_weekday_of_a_last_week_is_not_a_rule():
    r = extract(
        "Thông báo lịch công tác của Đoàn trường\n"
        "Thứ Sáu tuần cuối tháng 3, Ban Thường vụ tổ chức hội nghị sơ kết quý I.\n"
    )
    assert not [x for x in _rules(r) if "BYDAY=-1FR" in x]


def test_an_activity_named_after_its_weekday_keeps_that_day_when_held_weekly():
    r = extract(
        "Hoạt động tình nguyện của chi đoàn khu phố\n"
        "Chi đoàn tiếp tục duy trì “Ngày chủ nhật tình nguyện” hằng tuần tại các tuyến hẻm.\n"
    )
    assert _rules(r) == ["FREQ=WEEKLY;BYDAY=SU"]


def test_each_item_of_a_timing_list_with_its_own_actor_is_a_duty():
    r = extract(
        "HƯỚNG DẪN THU NỘP HỘI PHÍ\n"
        "Hội viên đóng hội phí cho chi hội hằng tháng.\n"
        "Thời gian thu nộp:\n"
        "+ Chi hội nộp hội phí lên Hội cơ sở 1 tháng 1 lần.\n"
        "+ Hội cơ sở nộp hội phí lên Hội cấp huyện 3 tháng 1 lần.\n"
    )
    rules = _rules(r)
    assert rules.count("FREQ=MONTHLY") == 2
    assert "FREQ=MONTHLY;INTERVAL=3" in rules


def test_paying_dues_every_month_is_a_duty_in_a_guide():
    r = extract(
        "Hướng dẫn công tác Đội\nHằng tháng, đội viên đóng đội phí cho chi đội theo mức Liên đội quy định.\n"
    )
    assert "FREQ=MONTHLY" in _rules(r)


# counts, participants and what was handed out are not targets -------------------------------
def test_what_a_unit_has_now_is_a_count_not_a_target():
    r = extract(
        "Đại hội Hội Phụ nữ xã\n"
        "Nhiệm kỳ tới, Hội phấn đấu kết nạp 200 hội viên mới. Hội hiện có 12 chi hội, 45 tổ phụ nữ "
        "và 3 câu lạc bộ.\n"
    )
    assert _values(r["targets"]) == [200]


def test_who_took_part_in_an_event_is_a_result_even_beside_a_commitment_word():
    r = extract(
        "Xã đoàn ra quân làm sạch bãi biển\n"
        "Sáng 5/6/2023, Xã đoàn ra quân dọn rác ven biển, bảo đảm an toàn cho du khách, với sự tham "
        "gia của hơn 60 đoàn viên.\n"
    )
    assert r["targets"] == []
    assert 60 in _values(r["results"])


def test_a_paragraph_telling_what_happened_at_the_event_holds_results():
    r = extract(
        "Huyện đoàn khởi động Tháng Thanh niên\n"
        "Năm nay, Huyện đoàn đặt ra chỉ tiêu trọng tâm: 80% đoàn viên tham gia hoạt động tình nguyện.\n"
        "\n"
        "Tại chương trình, Huyện đoàn trao tặng 20 suất học bổng và 15 xe đạp cho học sinh khó khăn.\n"
    )
    assert _targets(r) == [(80, True, "exact")]
    assert {20, 15} <= set(_values(r["results"]))


# thresholds, minimums and units ---------------------------------------------------------------
def test_a_minimum_share_with_a_passive_verb_is_a_target_but_a_condition_is_not():
    r = extract(
        "Kế hoạch học tập nghị quyết năm 2026\n"
        "Phấn đấu 90% số đoàn viên trở lên được học tập, quán triệt nghị quyết.\n"
        "Chi đoàn có từ 3 đoàn viên trở lên thì được thành lập tổ đoàn.\n"
    )
    assert _targets(r) == [(90, True, "min")]


def test_a_number_counting_a_quoted_title_is_a_target():
    r = extract(
        "Phương hướng năm học 2025 - 2026\n"
        "Hội Sinh viên trường phấn đấu có 150 “Sinh viên 5 tốt” cấp trường trong năm học.\n"
    )
    assert _values(r["targets"]) == [150]


def test_minutes_of_a_time_of_day_are_not_a_target():
    r = extract(
        "KẾ HOẠCH\nHội nghị Ban Chấp hành Đoàn trường\n"
        "1. Thời gian: 14 giờ 30 phút ngày 12/11/2026 (thứ năm).\n"
        "2. Thành phần: Ban Chấp hành Đoàn trường.\n"
    )
    assert r["targets"] == []
    assert "2026-11-12" in [d["date"] for d in r["deadlines"]]


# an appointment on a celebrated day --------------------------------------------------------------
def test_an_hour_on_a_celebrated_day_in_a_notice_is_an_appointment(tmp_path):
    path = tmp_path / "thong-bao.txt"
    path.write_text(
        "Thông báo huy động lực lượng cổ vũ hội thi\n"
        "1. Thời gian: từ 19g00 đến 21g ngày 19/5/2026.\n"
        "2. Địa điểm: hội trường A.\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    assert run_extract(str(path), out, err) == 0
    out = json.loads(out.getvalue())
    assert "2026-05-19" in [d["date"] for d in out["deadlines"]]


# quotas handed out and a charter's date ----------------------------------------------------------
def test_every_quota_of_an_allocation_list_is_a_target_including_its_total():
    r = extract(
        "Thông báo huy động sinh viên tham gia ngày hội hiến máu\n"
        "Phân bổ số lượng: Liên chi đoàn khoa Ngữ văn 40 sinh viên; CLB Tình nguyện 25 sinh viên; "
        "tổng cộng 65 sinh viên.\n"
    )
    assert sorted(_values(r["targets"])) == [25, 40, 65]


def test_a_charter_is_dated_by_the_congress_that_adopted_it():
    r = extract(
        "ĐIỀU LỆ\nHỘI SINH VIÊN VIỆT NAM\n"
        "(Đại hội đại biểu toàn quốc Hội Sinh viên Việt Nam lần thứ XI thông qua ngày 22/12/2023)\n"
        "Chương I. Tên gọi, tôn chỉ, mục đích\n"
    )
    assert r["date"] == "2023-12-22"
