"""Issue 13, round 8: one test per class of failure the dev7 half, the studied blind6 half and
the leftovers of round 7 showed, through `extract` (the JSON of `doanso plans extract FILE --json`).

The sentences are written for these tests, not taken from a corpus text.
"""

from doanso.planimport.extractor import extract
from tests.planimport._helpers import deadlines as _deadlines
from tests.planimport._helpers import results as _results
from tests.planimport._helpers import targets as _targets


# forecasts and adopted indicators ----------------------------------------------------------
def test_a_result_word_after_a_forecast_counts_what_is_aimed_at():
    r = extract(
        "Ngày hội hiến máu mùa hè\n"
        "Năm nay, ngày hội “Giọt máu hồng 2030” dự kiến thu hút 1.200 người tham gia hiến máu tại ba điểm.\n"
    )
    assert (1200, False, None) in _targets(r)
    assert (1200, False) not in _results(r)


def test_a_result_word_without_a_forecast_still_reports_a_result():
    r = extract(
        "Ngày hội hiến máu mùa hè\n"
        "Năm nay, ngày hội “Giọt máu hồng 2030” đã thu hút 1.200 người tham gia hiến máu tại ba điểm.\n"
    )
    assert (1200, False, None) not in _targets(r)


def test_the_indicators_a_congress_adopts_are_targets_in_its_news():
    r = extract(
        "Đại hội Hội Nông dân xã Tân Phú\n"
        "Sáng 12-5, Hội Nông dân xã Tân Phú tiến hành Đại hội lần thứ IX, nhiệm kỳ 2031-2036. "
        "Đại hội thông qua nghị quyết nhiệm kỳ mới với một số chỉ tiêu chủ yếu: thu nhập bình quân tăng "
        "hằng năm 6-8%; hội viên đạt danh hiệu sản xuất giỏi 45% trở lên; kết nạp mới 300 hội viên.\n"
    )
    targets = _targets(r)
    assert (6, True, 8) in targets
    assert (45, True, None) in targets
    assert (300, False, None) in targets


def test_numbers_a_congress_reports_without_adopting_them_stay_results():
    r = extract(
        "Đại hội Hội Nông dân xã Tân Phú\n"
        "Sáng 12-5, Hội Nông dân xã Tân Phú tiến hành Đại hội lần thứ IX, nhiệm kỳ 2031-2036. "
        "Nhiệm kỳ qua, Hội đã kết nạp mới 300 hội viên và giúp 45 hộ thoát nghèo.\n"
    )
    assert (300, False, None) not in _targets(r)


# due dates ------------------------------------------------------------------------------------
def test_a_date_alone_in_a_due_date_column_is_that_rows_deadline():
    r = extract(
        "Lịch triển khai công tác tổng kết năm của Đoàn khối\n"
        "\n"
        "TT\n"
        "Nội dung công việc\n"
        "Ngày chậm nhất phải hoàn thành\n"
        "\n"
        "1\n"
        "Các chi đoàn gửi báo cáo tổng kết về Văn phòng Đoàn khối.\n"
        "12/11/2031\n"
        "\n"
        "2\n"
        "Ban Thường vụ họp xét thi đua.\n"
        "20/11/2031 (thứ Năm)\n"
    )
    assert _deadlines(r).get("2031-11-12") == "before"
    assert _deadlines(r).get("2031-11-20") == "before"


def test_a_date_alone_on_a_line_without_a_due_column_is_not_a_deadline():
    r = extract(
        "Tin hoạt động của Đoàn khối\n"
        "\n"
        "Các chi đoàn đã gửi báo cáo tổng kết về Văn phòng Đoàn khối.\n"
        "12/11/2031\n"
    )
    assert "2031-11-12" not in _deadlines(r)


def test_a_day_announced_as_ahead_in_news_is_a_dated_item():
    r = extract(
        "Cập nhật: 02/01/2031\n"
        "Nhằm chăm lo Tết cho công nhân, ngày 18/1 tới, tại Nhà văn hóa thanh niên, Hội LHTN thành phố "
        "phối hợp tổ chức chương trình “Chuyến xe mùa xuân”.\n"
    )
    assert _deadlines(r).get("2031-01-18") == "on"


def test_a_day_told_in_news_without_being_ahead_is_not_a_deadline():
    r = extract(
        "Cập nhật: 20/01/2031\n"
        "Nhằm chăm lo Tết cho công nhân, ngày 18/1, tại Nhà văn hóa thanh niên, Hội LHTN thành phố "
        "phối hợp tổ chức chương trình “Chuyến xe mùa xuân”.\n"
    )
    assert "2031-01-18" not in _deadlines(r)


def test_until_the_end_of_a_day_written_with_toi_is_a_due_date():
    r = extract(
        "Mở cổng bình chọn giải thưởng\n"
        "Vòng bình chọn trực tuyến diễn ra tới hết ngày 20/4/2031 tại trang của Ban tổ chức.\n"
    )
    assert _deadlines(r).get("2031-04-20") == "before"


def test_before_that_in_news_tells_the_past_not_a_due_date():
    r = extract(
        "Mở cổng bình chọn giải thưởng\n"
        "Vòng bình chọn trực tuyến diễn ra tới hết ngày 20/4/2031 tại trang của Ban tổ chức.\n"
        "Trước đó, ngày 6/4/2031, tại Hà Nội, Ban tổ chức công bố 20 đề cử vào vòng bình chọn.\n"
    )
    assert "2031-04-06" not in _deadlines(r)


def test_a_day_before_which_work_is_due_stays_a_deadline():
    r = extract(
        "Mở cổng bình chọn giải thưởng\nCác đơn vị gửi hồ sơ đề cử trước ngày 6/4/2031 về Ban tổ chức.\n"
    )
    assert _deadlines(r).get("2031-04-06") == "before"


def test_a_dashed_day_and_month_after_ngay_is_a_day_of_the_notices_year():
    r = extract(
        "HỘI SINH VIÊN TRƯỜNG\n"
        "Số: 12/TB-HSV\n"
        "Hà Nội, ngày 01 tháng 10 năm 2031\n"
        "THÔNG BÁO\n"
        "Về việc nộp hồ sơ xét chọn\n"
        "Các liên chi hội nộp hồ sơ về Văn phòng Hội đến hết ngày 30-10.\n"
    )
    assert _deadlines(r).get("2031-10-30") == "before"


def test_two_days_of_a_month_written_with_a_dash_are_not_a_day_and_month():
    r = extract(
        "HỘI SINH VIÊN TRƯỜNG\n"
        "Số: 12/TB-HSV\n"
        "Hà Nội, ngày 01 tháng 10 năm 2031\n"
        "THÔNG BÁO\n"
        "Về việc tổ chức hội trại\n"
        "Hội trại diễn ra vào ngày 2-3 tháng 11 năm 2031 tại sân trường.\n"
    )
    assert "2031-03-02" not in _deadlines(r)


def test_two_days_sharing_one_month_are_two_dated_items():
    r = extract(
        "THÔNG BÁO\n"
        "Tổ chức Hội thi Thủ lĩnh sinh viên\n"
        "Hội thi tổ chức vào ngày 17 và 18/10/2031 tại hội trường A.\n"
    )
    dates = _deadlines(r)
    assert dates.get("2031-10-17") == "on" and dates.get("2031-10-18") == "on"


def test_a_share_written_with_a_slash_after_and_is_not_two_days():
    r = extract(
        "THÔNG BÁO\nKết quả kiểm tra chi hội\nHội sẽ kiểm tra 3 và 5/5 chi hội trước ngày 20/10/2031.\n"
    )
    assert set(_deadlines(r)) == {"2031-10-20"}
