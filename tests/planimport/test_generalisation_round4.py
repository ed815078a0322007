"""Issue 13, round 4: one test per class of failure the dev3 half and the studied blind2 half
showed, through `extract` (the JSON of `doanso plans extract FILE --json`).

The sentences are written for these tests, not taken from a corpus text.
"""

import pytest

from doanso.planimport.extractor import extract


def _values(items: list[dict]) -> list:
    return [x["value"] for x in items]


def _windows(result: dict) -> list[tuple]:
    return [(d.get("start") or d["date"], d.get("end")) for d in result["deadlines"]]


# ranges of shares ---------------------------------------------------------------------------
@pytest.mark.parametrize("share", ["90% đến 100%", "90%-100%", "90% – 100%"])
def test_a_range_of_shares_is_one_target_with_both_bounds(share):
    r = extract(f"Đại hội Hội LHTN xã\nNhiệm kỳ tới phấn đấu {share} chi hội đạt vững mạnh.\n")
    assert [(t["value"], t.get("value_max"), t["direction"], t["percent"]) for t in r["targets"]] == [
        (90, 100, "range", True)
    ]


def test_a_falling_pair_of_shares_is_not_a_range():
    r = extract("Đại hội Hội LHTN xã\nNhiệm kỳ tới phấn đấu 100% - 80% chi hội đạt vững mạnh.\n")
    assert all(t.get("value_max") is None for t in r["targets"])


# a curriculum's count is a name, not a quantity ---------------------------------------------
def test_the_lessons_of_a_curriculum_are_not_a_target():
    r = extract(
        "Đại hội Đoàn xã\nPhấn đấu 100% chi đoàn tổ chức học tập, quán triệt Nghị quyết và 06 bài lý luận "
        "chính trị của Đoàn cho đoàn viên.\n"
    )
    assert _values(r["targets"]) == [100]


# days written without a year, and windows written with dashes ------------------------------
def test_a_dotted_day_after_ngay_takes_the_year_of_the_time_stamp():
    r = extract(
        "Phát động cuộc thi viết về thủ lĩnh trẻ\n\nTHỨ HAI, 03/07/2023 08:15:00\n\n"
        "Bài dự thi gửi về Tỉnh đoàn chậm nhất đến ngày 25.7 qua thư điện tử.\n"
    )
    assert [(d["date"], d["strength"]) for d in r["deadlines"]] == [("2023-07-25", "before")]


def test_a_dotted_pair_without_ngay_is_a_decimal_not_a_day():
    r = extract("Bản tin\n\nTHỨ HAI, 03/07/2023 08:15:00\n\nĐiểm trung bình tăng từ 6.5 đến 7.8 điểm.\n")
    assert r["deadlines"] == []


def test_a_window_written_with_dashes_keeps_both_ends():
    r = extract(
        "Ra quân tình nguyện hè\nChiến dịch hè năm 2024 sẽ diễn ra từ ngày 15-6 đến 20-8-2024 tại các xã "
        "vùng sâu.\n"
    )
    assert ("2024-06-15", "2024-08-20") in _windows(r)


def test_a_window_takes_the_one_year_the_text_names_elsewhere():
    r = extract(
        "Về nguồn cùng sinh viên\nChuyến đi về nguồn năm 2019 của Hội Sinh viên trường.\n\n"
        "Từ ngày 12/7 đến 18/7, các bạn sẽ dựng lại nhà văn hóa thôn và dạy học cho thiếu nhi.\n"
    )
    assert _windows(r) == [("2019-07-12", "2019-07-18")]


def test_a_window_told_after_the_news_lead_is_past():
    r = extract(
        "Mười hoạt động nổi bật năm 2023\nNgày 28/12, Ban Thường vụ Tỉnh đoàn họp bình chọn các hoạt động "
        "nổi bật của năm.\n\nHành trình về nguồn diễn ra từ 10 – 12/5, qua ba tỉnh miền Trung.\n"
    )
    assert r["deadlines"] == []


def test_a_year_named_in_news_is_the_time_of_the_work_not_a_deadline():
    r = extract(
        "Hội nghị Ban Chấp hành\nSáng 12-12, hội nghị bế mạc. Chủ tịch đề nghị các đơn vị cụ thể hóa "
        "thành kế hoạch, chương trình hành động để hoàn thành tốt các nhiệm vụ đề ra trong năm 2026.\n"
    )
    assert r["deadlines"] == []


# scales, places, hopes and quotas -----------------------------------------------------------
def test_scale_words_multiply():
    r = extract(
        "KẾ HOẠCH\nHỗ trợ thanh niên lập nghiệp năm 2025\nI. CHỈ TIÊU\n"
        "- Phấn đấu giải ngân 2 nghìn tỷ đồng vốn vay cho thanh niên.\n"
        "- Phấn đấu trao 5 trăm nghìn cuốn sách cho thiếu nhi.\n"
    )
    assert sorted(_values(r["targets"])) == [500_000, 2_000_000_000_000]


def test_a_list_of_places_after_tai_holds_no_target_but_a_task_after_it_does():
    r = extract(
        "Chiến dịch Mùa hè xanh\nChiến dịch sẽ triển khai tại 40 xã biên giới; 12 xã bãi ngang ven biển "
        "và 3 làng thanh niên lập nghiệp.\n\n"
        "Đoàn đặt chỉ tiêu xây 20 cầu dân sinh tại 6 huyện; Khám bệnh miễn phí cho 30.000 người dân.\n"
    )
    assert sorted(_values(r["targets"])) == [20, 30_000]


def test_a_hope_is_not_a_target():
    r = extract(
        "Ngày hội hiến máu\nLượng máu tiếp nhận hy vọng sẽ giúp điều trị cho 900 bệnh nhân trong dịp Tết.\n"
    )
    assert r["targets"] == []


def test_a_quota_after_a_past_clause_is_a_target():
    r = extract(
        "Phong trào kế hoạch nhỏ\nTừ đầu học kỳ, Liên đội đã phát động thu gom giấy vụn trong toàn trường, "
        "mỗi đội viên định mức là 3 kg.\n"
    )
    assert _values(r["targets"]) == [3]


def test_people_named_at_length_before_da_are_a_result():
    r = extract(
        "Hiến máu tình nguyện\nHơn 150 lượt đoàn viên, thanh niên đến từ các cơ quan, trường học, doanh "
        "nghiệp và các đơn vị lực lượng vũ trang trên địa bàn đã đăng ký hiến máu.\n"
    )
    assert r["targets"] == []
    assert _values(r["results"]) == [150]


def test_the_time_ahead_turns_a_review_paragraph_to_targets():
    r = extract(
        "Sơ kết phong trào\nBan Thường vụ biểu dương những kết quả Hội đạt được trong thời gian qua. "
        "Thời gian tới, Hội cần tập trung vận động hội viên. Duy trì mô hình tiết kiệm, giúp 90% hội viên "
        "nghèo có vốn làm ăn.\n"
    )
    assert [(t["value"], t["percent"]) for t in r["targets"]] == [(90, True)]


# numbers and dates of documents -------------------------------------------------------------
def test_a_regulation_issued_with_a_decision_carries_its_number_and_date():
    r = extract(
        "Quy chế làm việc của Ban Chấp hành Đoàn trường\n\n"
        "(Ban hành kèm theo Quyết định số: 27-QĐ/ĐTN ngày 05/9/2022 của Ban Chấp hành Đoàn trường)\n\n"
        "Chương I\nQUY ĐỊNH CHUNG\n"
    )
    assert (r["number"], r["date"]) == ("27-QĐ/ĐTN", "2022-09-05")


def test_a_place_date_line_without_a_space_after_ngay_is_read():
    r = extract(
        "LIÊN ĐỘI THCS AN HÒA\nAn Hòa, ngày05 tháng 3 năm 2021\nKẾ HOẠCH\nHoạt động Liên đội tháng 3\n"
        "- Tổ chức ngày hội kế hoạch nhỏ.\n"
    )
    assert r["date"] == "2021-03-05"


# weekdays: lists with Sunday, runs of days, a weekday of the month ---------------------------
def _rules(result: dict) -> list[str]:
    return [x["rule"] for x in result["recurring"]]


@pytest.mark.parametrize(
    ("duty", "rule"),
    [
        ("Tổ tình nguyện trực vào sáng thứ Bảy và Chủ nhật hằng tuần.", "FREQ=WEEKLY;BYDAY=SA,SU"),
        (
            "Văn phòng Đoàn tiếp sinh viên từ thứ Hai đến thứ Sáu hằng tuần.",
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        ),
        ("Chi đoàn sinh hoạt vào tối thứ Năm tuần thứ hai hằng tháng.", "FREQ=MONTHLY;BYDAY=2TH"),
        ("Ban Chấp hành họp vào Chủ nhật cuối cùng của mỗi tháng.", "FREQ=MONTHLY;BYDAY=-1SU"),
    ],
)
def test_weekday_duties_keep_every_day_they_name(duty, rule):
    r = extract(f"KẾ HOẠCH\nHoạt động của Đoàn trường năm 2025\nII. NỘI DUNG\n- {duty}\n")
    assert _rules(r) == [rule]


def test_a_last_date_after_a_han_cuoi_label_is_a_before():
    r = extract("THÔNG BÁO\nVề việc nhận hồ sơ\n- Hạn cuối nhận hồ sơ: 30/4/2024.\n")
    assert [(d["date"], d["strength"]) for d in r["deadlines"]] == [("2024-04-30", "before")]


def test_a_minimum_of_teams_is_a_target_not_a_count_of_parts():
    r = extract(
        "Sinh hoạt hè 2025\nTheo kế hoạch, mỗi xã, thị trấn thành lập ít nhất 01 đội hình tình nguyện hè.\n"
    )
    assert [(t["value"], t["direction"]) for t in r["targets"]] == [(1, "min")]


def test_a_quarter_that_closes_a_task_is_its_due_time_and_a_month_run_is_one_period():
    r = extract(
        "KẾ HOẠCH\nChiến dịch tình nguyện hè năm 2025\nIII. THỜI GIAN\n"
        "- Thời gian cao điểm: từ tháng 6 đến hết tháng 8/2025.\n"
        "- Hoàn thành các công trình thanh niên trong quý III/2025.\n"
    )
    assert _windows(r) == [("2025-07-01", "2025-09-30")]
    assert [(x["start"], x["end"]) for x in r["periods"]] == [("2025-06-01", "2025-08-31")]


def test_a_header_date_written_with_slashes_is_the_issue_date_but_a_cited_one_is_not():
    own = extract(
        "HỘI ĐỒNG ĐỘI HUYỆN BẢO LÂM\nSố: 05 -KH/HĐĐ          Bảo Lâm, ngày 12/9/2022\n"
        "KẾ HOẠCH\nHoạt động Đội\n"
    )
    cited = extract(
        "Kế hoạch Tháng Thanh niên\nCăn cứ kế hoạch số 41-KH/ĐTN, ngày 04/02/2021 của Huyện Đoàn về Tháng "
        "Thanh niên;\n"
    )
    assert (own["number"], own["date"]) == ("05-KH/HĐĐ", "2022-09-12")
    assert cited["date"] is None


def test_a_report_measures_results_against_its_targets_and_aims_under_phuong_huong():
    r = extract(
        "ĐOÀN TNCS HỒ CHÍ MINH\nSố: 30-BC/ĐTN\nLong An, ngày 15 tháng 12 năm 2024\nBÁO CÁO\n"
        "Tổng kết công tác Đoàn năm 2024 và phương hướng năm 2025\nI. KẾT QUẢ\n"
        "- Kết nạp 85 đoàn viên mới, đạt 106% chỉ tiêu.\nII. PHƯƠNG HƯỚNG NĂM 2025\n"
        "- Phấn đấu kết nạp 90 đoàn viên mới.\n- 100% chi đoàn sinh hoạt định kỳ hằng tháng.\n"
    )
    assert sorted((t["value"], t["percent"]) for t in r["targets"]) == [(90, False), (100, True)]
    assert sorted(_values(r["results"])) == [85, 106]


def test_the_bar_of_a_penalty_in_a_regulation_is_not_a_target():
    r = extract(
        "QUY CHẾ\nHoạt động Câu lạc bộ Tiếng Anh\n"
        "Điều 5. Thành viên vắng quá 3 buổi liên tiếp không có lý do sẽ bị xóa tên khỏi danh sách.\n"
    )
    assert r["targets"] == []


def test_a_late_clause_that_restates_a_windows_end_is_one_deadline():
    r = extract(
        "THÔNG BÁO\nVề việc nộp đoàn phí\nCác chi đoàn nộp đoàn phí về Văn phòng Đoàn từ ngày 10/10/2024 đến "
        "ngày 25/10/2024. Trường hợp chi đoàn nộp chậm sau ngày 25/10/2024 sẽ bị trừ điểm thi đua.\n"
    )
    assert _windows(r) == [("2024-10-10", "2024-10-25")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hội thi có 12 đội tham gia, mỗi đội 4 thành viên, trải qua 3 phần thi.",
        "Chiều 20/9, Hội LHPN xã trao 30 suất học bổng, mỗi suất trị giá 1 triệu đồng cho học sinh.",
    ],
)
def test_each_describing_a_team_or_the_worth_of_a_gift_commits_to_nothing(sentence):
    assert extract(f"Tin hoạt động\n{sentence}\n")["targets"] == []


def test_each_leading_to_a_quota_still_commits():
    r = extract("Tin hoạt động\nLiên đội phát động thu gom giấy vụn, mỗi đội viên nộp 2 kg.\n")
    assert _values(r["targets"]) == [2]


def test_a_window_before_the_pages_time_stamp_is_past():
    r = extract(
        "Tuổi trẻ huyện hướng về biển đảo\nCập nhật: 12/05/2023\n"
        "Từ ngày 3/5 đến 7/5, Huyện đoàn tổ chức chuỗi hoạt động hướng về biển đảo quê hương.\n"
    )
    assert r["deadlines"] == []


def test_deeds_told_in_news_are_results_and_announced_ones_are_not():
    done = extract(
        "Phường 7 ra quân dọn vệ sinh kênh rạch\nSáng 14/4, Đoàn phường huy động 40 đoàn viên ra quân; "
        "dịp này Đoàn phường trao 30 suất quà cho hộ nghèo.\n"
    )
    ahead = extract("Phường 7 chuẩn bị ra quân\nTuần tới, Đoàn phường sẽ trao 30 suất quà cho hộ nghèo.\n")
    assert sorted(_values(done["results"])) == [30, 40] and done["targets"] == []
    assert ahead["results"] == []


def test_a_stated_duration_is_not_a_target_and_due_times_keep_their_strength():
    r = extract(
        "KẾ HOẠCH\nHội trại truyền thống năm 2025\n- Thời gian: 2 ngày, từ 24/3/2025 đến 25/3/2025.\n"
        "- Hạn đăng ký: ngày 15/3/2025.\n- Các chi đoàn nộp danh sách trước 17h00, thứ Sáu, ngày 14/3/2025.\n"
    )
    assert r["targets"] == []
    assert sorted((d["date"], d["strength"]) for d in r["deadlines"] if not d.get("end")) == [
        ("2025-03-14", "before"),
        ("2025-03-15", "before"),
    ]


def test_works_listed_under_an_announcement_in_news_are_not_told_as_done():
    r = extract(
        "Quận 8 ra quân Mùa hè xanh\nNăm nay, tuổi trẻ quận thực hiện các công trình, phần việc:\n"
        "- Xây dựng 20 tuyến hẻm xanh, 03 sân chơi cho thiếu nhi.\n"
        "- Tặng 500 phần quà cho gia đình chính sách.\n"
    )
    assert r["results"] == []
