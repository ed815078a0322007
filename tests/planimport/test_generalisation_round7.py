"""Issue 13, round 7: one test per class of failure the dev6 half and the studied blind5 half
showed, through `extract` (the JSON of `doanso plans extract FILE --json`).

The sentences are written for these tests, not taken from a corpus text.
"""

from doanso.planimport.extractor import extract


def _windows(result: dict) -> list[tuple]:
    return [(d.get("start") or d["date"], d.get("end")) for d in result["deadlines"]]


def _dates(result: dict) -> list[str]:
    return [d["date"] for d in result["deadlines"]]


# windows and due dates ------------------------------------------------------------------------
def test_a_window_across_the_new_year_is_a_window_not_an_anniversary():
    r = extract(
        "Đoàn phường ra quân chiến dịch mùa xuân\n"
        "Chiến dịch diễn ra từ ngày 20-12-2024 đến 10-2-2025, với ba chương trình trọng điểm.\n"
    )
    assert ("2024-12-20", "2025-02-10") in _windows(r)


def test_an_anniversary_across_years_stays_an_anniversary():
    r = extract(
        "Đoàn trường tổ chức hội trại\n"
        "Hội trại chào mừng 70 năm Ngày Giải phóng (30/4/1975 – 30/4/2045) diễn ra sôi nổi.\n"
    )
    assert ("1975-04-30", "2045-04-30") not in _windows(r)


def test_from_today_until_an_hour_of_a_day_is_a_due_date():
    r = extract(
        "Mời tham gia cuộc thi ảnh\n"
        "Từ hôm nay đến 17g ngày 15-8-2024, đoàn viên gửi ảnh dự thi về Ban tổ chức.\n"
    )
    assert "2024-08-15" in _dates(r)


def test_the_week_rows_of_a_school_year_notebook_are_windows():
    r = extract(
        "Sổ kế hoạch chi đội năm học 2023-2024\n"
        "Tuần I (4/9→10/9): ổn định nề nếp, bầu ban chỉ huy chi đội.\n"
        "Tuần II (11/9→17/9): tập nghi thức, trang trí lớp.\n"
        "Tuần XX (15/1→21/1): sơ kết học kỳ I.\n"
    )
    windows = _windows(r)
    assert ("2023-09-04", "2023-09-10") in windows and ("2023-09-11", "2023-09-17") in windows
    assert ("2024-01-15", "2024-01-21") in windows  # after August: the school year's second year


def test_the_day_a_weekly_duty_starts_is_kept():
    r = extract(
        "Thông báo của nhà trường\n- Sinh hoạt dưới cờ: 7 giờ 15 thứ hai hằng tuần, kể từ 6-9-2021.\n"
    )
    assert "2021-09-06" in _dates(r)
    assert "FREQ=WEEKLY;BYDAY=MO" in [x["rule"].split(";BYHOUR")[0] for x in r["recurring"]]


# header ----------------------------------------------------------------------------------------
def test_a_number_line_in_capitals_is_read():
    r = extract(
        "ĐOÀN TRƯỜNG THPT AN BÌNH\nSỐ 23 KH/ĐTN\nAn Bình, ngày 02 tháng 3 năm 2020\n\nKẾ HOẠCH\nHội trại\n"
    )
    assert r["number"] == "23-KH/ĐTN" and r["date"] == "2020-03-02"


# targets ---------------------------------------------------------------------------------------
def _values(result: dict) -> list:
    return [t["value"] for t in result["targets"]]


def test_the_count_of_a_system_of_indicators_is_not_a_target():
    r = extract(
        "Đoàn xã ra quân chiến dịch hè\n"
        "Chiến dịch có 7 hệ thống chỉ tiêu, trong đó phấn đấu trồng 2.000 cây xanh.\n"
    )
    assert 7 not in _values(r) and 2000 in _values(r)


def test_delegates_and_the_members_they_stand_for_are_not_targets():
    r = extract(
        "Đại hội Hội Nông dân xã sẽ diễn ra vào tháng tới\n"
        "Đại hội có gần 120 đại biểu đại diện cho hơn 2.300 hội viên; "
        "nhiệm kỳ tới phấn đấu kết nạp 80 hội viên mới.\n"
    )
    values = _values(r)
    assert 120 not in values and 2300 not in values and 80 in values


def test_the_make_up_of_a_council_is_not_a_target():
    r = extract(
        "Hướng dẫn tổ chức hội thi\n"
        "Ban giám khảo có ít nhất là 5 thành viên; mỗi chi đoàn cử ít nhất 3 đoàn viên dự thi.\n"
    )
    values = _values(r)
    assert 5 not in values and 3 in values


def test_programmes_listed_after_the_targets_colon_are_targets():
    r = extract(
        "Thành đoàn ra quân chiến dịch mùa hè\n"
        "Chiến dịch xác lập các chỉ tiêu: tổ chức 12 chương trình “Tiếp sức mùa thi”, 6 chương trình "
        "“Hành trình về nguồn”, thành lập 40 đội hình tình nguyện.\n"
    )
    values = _values(r)
    assert 12 in values and 6 in values and 40 in values


def test_programmes_counted_outside_a_list_of_targets_stay_counts():
    r = extract("Đoàn trường tổng kết năm học\nNăm học qua có 4 chương trình lớn được tổ chức.\n")
    assert 4 not in _values(r)


def test_rows_of_quotas_under_an_allocation_line_are_targets():
    r = extract(
        "Tin hoạt động của Đoàn trường\n"
        "Theo kế hoạch, Đoàn trường phân công các liên chi đoàn trực cổng trường trong học kỳ:\n"
        "1. Liên chi đoàn CNTT — Tuần thứ nhất của tháng — 25 đoàn viên\n"
        "2. Liên chi đoàn KT — Tuần thứ hai của tháng — 20 đoàn viên\n"
    )
    values = _values(r)
    assert 25 in values and 20 in values


def test_a_number_after_a_month_word_outside_such_rows_stays_a_label():
    r = extract("Tin hoạt động của Đoàn trường\nĐoàn trường tổ chức hội trại tháng 12 tại sân trường.\n")
    assert 12 not in _values(r)


def test_a_number_word_before_a_scale_word_is_a_number():
    r = extract(
        "Ra quân chiến dịch trồng cây\nTuổi trẻ cả tỉnh phấn đấu trồng hai triệu cây xanh trong năm nay.\n"
    )
    assert 2_000_000 in _values(r)


def test_millions_without_a_number_word_stay_words():
    r = extract("Ra quân chiến dịch trồng cây\nHàng triệu đoàn viên phấn đấu trồng cây xanh trong năm nay.\n")
    assert not _values(r)
