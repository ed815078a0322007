"""Issue 13, round 5: one test per class of failure the dev4 half, the studied blind3 half and the
earlier development halves showed, through `extract` (the JSON of `doanso plans extract FILE --json`).

The sentences are written for these tests, not taken from a corpus text.
"""

from doanso.planimport.extractor import extract


def _values(items: list[dict]) -> list:
    return [x["value"] for x in items]


def _windows(result: dict) -> list[tuple]:
    return [(d.get("start") or d["date"], d.get("end")) for d in result["deadlines"]]


# a report's numbers measured against its plan are results --------------------------------------
def test_a_count_measured_against_the_plan_is_not_a_target():
    r = extract(
        "Hiến máu tình nguyện mùa lễ hội\n"
        "Toàn huyện có 2.350 thanh niên đăng ký hiến máu, đạt 108% kế hoạch của Ban chỉ đạo.\n"
    )
    assert r["targets"] == []


def test_a_running_total_in_a_report_is_a_result():
    r = extract(
        "Hội Nông dân xã họp giao ban\n"
        "Trong quý, Hội kết nạp được 12 hội viên, nâng tổng số hội viên lên 845 người; thực hiện "
        "đạt và vượt 9/14 chỉ tiêu. Còn 5 chỉ tiêu, Hội phấn đấu hoàn thành trong quý IV.\n"
    )
    assert r["targets"] == []
    assert 845 in _values(r["results"])


def test_registrations_counted_in_news_are_not_a_target_but_an_aim_still_is():
    r = extract(
        "Phong trào sản xuất giỏi\n"
        "Năm nay toàn xã có 1.240 hộ đăng ký danh hiệu sản xuất giỏi. Năm tới, Hội phấn đấu có 70% hộ "
        "đăng ký danh hiệu.\n"
    )
    assert [(t["value"], t["percent"]) for t in r["targets"]] == [(70, True)]


# how long, and labels that list several numbers ------------------------------------------------
def test_a_session_length_is_not_a_target():
    r = extract(
        "KẾ HOẠCH\nHội thi kể chuyện về Bác năm học 2025 - 2026\n"
        "1. Thời gian: hội thi được tổ chức trong 1 buổi tại hội trường nhà trường.\n"
    )
    assert r["targets"] == []


def test_every_number_of_a_labelled_list_is_a_label():
    r = extract(
        "KẾ HOẠCH\nHội thi nghi thức Đội năm học 2025 - 2026\n"
        "2. Thời gian: buổi sáng.\nKhối 6, 7, 8 dự thi vào sáng ngày 20/11/2025 tại hội trường.\n"
    )
    assert r["targets"] == []
    assert _windows(r) == [("2025-11-20", None)]


# a movement named by its per-member quota ------------------------------------------------------
def test_a_quoted_per_member_quota_is_a_target_even_when_its_launch_is_told():
    r = extract(
        "Liên đội phát động phong trào\n"
        "Liên đội đã phát động phong trào “Mỗi đội viên gom 2 kg giấy vụn” trong toàn trường.\n"
    )
    assert [(t["value"], t["percent"]) for t in r["targets"]] == [(2, False)]


def test_a_quoted_name_without_a_quota_stays_a_name():
    r = extract(
        "Liên đội phát động phong trào\n"
        "Liên đội đang triển khai cuộc vận động “Mỗi tuần 1 câu chuyện đẹp” trong toàn trường.\n"
    )
    assert r["targets"] == []


# dates: when a rule takes effect, windows, cited plans, hand-ins, years of work --------------------
def test_the_day_a_rule_takes_effect_is_read_in_news():
    r = extract(
        "Quy định mới về sinh hoạt chi đoàn\n"
        "Thành Đoàn vừa thông báo quy định mới về sinh hoạt chi đoàn, có hiệu lực từ ngày 01/3/2026.\n"
    )
    assert [(d["date"], d["strength"]) for d in r["deadlines"]] == [("2026-03-01", "from")]


def test_a_day_inside_a_window_of_the_same_paragraph_is_not_a_second_deadline():
    r = extract(
        "THÔNG BÁO\nVề việc tổ chức Trại hè năm 2026\n"
        "Trại hè diễn ra từ ngày 05/7 đến hết ngày 08/7/2026 (các đội tập trung từ 7 giờ ngày 05/7).\n"
    )
    assert _windows(r) == [("2026-07-05", "2026-07-08")]


def test_a_plan_cited_in_news_does_not_make_its_date_a_deadline():
    r = extract(
        "Ra quân hè\n"
        "Sáng ngày 14/6/2025, thực hiện kế hoạch hoạt động hè, Đoàn phường tổ chức ra quân dọn vệ sinh "
        "tuyến đường thanh niên tự quản.\n"
    )
    assert r["deadlines"] == []


def test_a_hand_in_day_in_news_is_a_deadline():
    r = extract(
        "Kế hoạch nhỏ của Liên đội\n"
        "Các chi đội tự thu gom giấy vụn, sau đó tổng hợp nộp về Liên đội vào ngày 15/12/2025.\n"
    )
    assert _windows(r) == [("2025-12-15", None)]


def test_a_year_named_as_the_time_of_work_is_a_period_unless_a_task_is_bound_to_it():
    r = extract(
        "Hà Nội, ngày 05 tháng 01 năm 2026\nCHƯƠNG TRÌNH\nHoạt động của câu lạc bộ\n"
        "Căn cứ nhiệm vụ của câu lạc bộ trong năm 2026, Ban Chủ nhiệm xây dựng chương trình như sau:\n"
        "- Xây dựng (trong năm 2026) trang thông tin của câu lạc bộ.\n"
    )
    assert _windows(r) == [("2026-01-01", "2026-12-31")]
    assert r["deadlines"][0]["strength"] == "during"


# the issue date written without its comma ------------------------------------------------------
def test_an_issue_date_line_without_a_comma_dates_the_document():
    r = extract("Đà Nẵng ngày 05 tháng 01 năm 2026\nCHƯƠNG TRÌNH\nNgày hội đọc sách của chi đoàn\n")
    assert r["date"] == "2026-01-05"


def test_a_weekday_line_is_not_an_issue_date():
    r = extract("Thứ Hai ngày 12 tháng 01 năm 2026\nNỘI DUNG SINH HOẠT DƯỚI CỜ TUẦN 18\n")
    assert r["date"] is None


# recurring duties ------------------------------------------------------------------------------
def test_a_weekday_later_in_the_clause_completes_a_weekly_duty():
    r = extract(
        "Câu lạc bộ đọc sách\nHằng tuần, chi đoàn tổ chức đọc báo vào sáng thứ Sáu tại thư viện trường.\n"
    )
    assert [x["rule"] for x in r["recurring"]] == ["FREQ=WEEKLY;BYDAY=FR"]


def test_the_times_listed_under_a_time_label_do_not_repeat_the_duty():
    r = extract(
        "THÔNG BÁO\nVề việc mặc đồng phục\n"
        "Đề nghị đoàn viên mặc áo thanh niên khi đến trường vào các ngày thứ Hai đầu tuần.\n"
        "Thời gian thực hiện:\n"
        "- Tất cả các thứ Hai đầu tuần của học kỳ II.\n"
    )
    assert [x["rule"] for x in r["recurring"]] == ["FREQ=WEEKLY;BYDAY=MO"]


# money, winners and forecasts overtaken ----------------------------------------------------------
def test_a_share_of_a_fee_to_pay_is_not_a_target():
    r = extract(
        "THÔNG BÁO\nVề việc nộp kinh phí hội trại\n"
        "Trước ngày 20/3/2026, các chi đoàn phải nộp tối thiểu 50% kinh phí hội trại về Văn phòng Đoàn.\n"
    )
    assert r["targets"] == []
    assert _windows(r) == [("2026-03-20", None)]


def test_the_number_of_winners_a_jury_picks_is_not_a_target():
    r = extract(
        "THỂ LỆ\nCuộc thi ý tưởng sáng tạo năm 2026\n"
        "Ban Giám khảo sẽ chấm và chọn ra 10 ý tưởng xuất sắc nhất để trao giải.\n"
    )
    assert r["targets"] == []


def test_a_forecast_overtaken_by_the_result_is_not_a_target():
    r = extract(
        "Ngày hội hiến máu\n"
        "Ban tổ chức dự kiến tiếp nhận 400 đơn vị máu, nhưng đến trưa đã tiếp nhận 650 đơn vị máu.\n"
    )
    assert r["targets"] == []
