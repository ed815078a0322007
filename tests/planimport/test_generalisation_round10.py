"""Issue 13, round 10: one test per class of deadline or target failure the studied blind8 half and
the older sets showed, through `extract` (the JSON of `doanso plans extract FILE --json`).

The sentences are written for these tests, not taken from a corpus text.
"""

from doanso.planimport.extractor import extract
from tests.planimport._helpers import deadlines as _deadlines


def _windows(result: dict) -> set[tuple]:
    return {(d.get("start"), d.get("end")) for d in result["deadlines"]}


# (1) a celebrated day that is also the day set ahead for an event -----------------------------
def test_a_celebrated_day_set_ahead_for_a_meeting_is_a_dated_item():
    r = extract(
        "Bản tin hoạt động năm 2031\n"
        "Ban Thường vụ vừa có thông báo đồng ý tổ chức Diễn đàn sinh viên với lãnh đạo tỉnh, dự kiến "
        "tổ chức vào ngày 26/3, tại Nhà văn hóa thanh niên.\n"
    )
    assert "2031-03-26" in _deadlines(r)


def test_a_celebrated_day_a_festival_runs_until_is_a_dated_item():
    r = extract(
        "Bản tin hoạt động năm 2031\n"
        "Hội chợ sách sẽ còn mở cửa vào các ngày cuối tuần, kéo dài đến ngày 30-4, với nhiều gian hàng.\n"
    )
    assert "2031-04-30" in _deadlines(r)


def test_a_celebrated_day_worked_towards_stays_the_anniversary():
    r = extract(
        "Bản tin hoạt động năm 2031\n"
        "Các chi đoàn thi đua lập thành tích hướng tới ngày 26/3 sẽ được biểu dương.\n"
    )
    assert "2031-03-26" not in _deadlines(r)


# (2) the day an event closes, as its programme says ------------------------------------------
def test_the_day_a_congress_closes_by_its_programme_is_a_dated_item():
    r = extract(
        "Bản tin hoạt động năm 2031\n"
        "Sáng 14-11-2031, Đại hội đại biểu Hội Sinh viên tỉnh khai mạc phiên thứ nhất. Theo chương trình, "
        "Đại hội kết thúc vào ngày 16-11-2031.\n"
    )
    assert _deadlines(r).get("2031-11-16") == "on"


def test_a_congress_that_already_closed_gives_no_dated_item():
    r = extract(
        "Bản tin hoạt động năm 2031\n"
        "Đại hội đại biểu Hội Sinh viên tỉnh đã kết thúc vào ngày 16-11-2031 sau hai ngày làm việc.\n"
    )
    assert "2031-11-16" not in _deadlines(r)


# (3) days written as a window and announced as ahead ----------------------------------------
def test_a_window_announced_as_ahead_is_a_dated_window():
    r = extract(
        "Bản tin hoạt động năm 2031\n"
        "Ngày 12-14/8 sắp tới, Hội Liên hiệp Thanh niên tỉnh tổ chức Trại hè thanh niên tại khu du lịch.\n"
    )
    assert ("2031-08-12", "2031-08-14") in _windows(r)


# (4) the year of a day written after a term ------------------------------------------------
def test_a_day_after_a_term_without_a_year_is_in_the_terms_first_year():
    r = extract(
        "Bản tin hoạt động\n"
        "Đại hội đại biểu Hội Sinh viên tỉnh lần thứ VI, nhiệm kỳ 2031 – 2036 sẽ được tổ chức "
        "vào ngày 14/10 tại Hội trường tỉnh, với sự tham dự của các đại biểu.\n"
    )
    dates = {d["date"][:4] for d in r["deadlines"]} | {e["date"][:4] for e in r["events"]}
    assert "2036" not in dates
    assert "2031" in dates


def test_a_day_after_an_anniversary_span_keeps_the_spans_last_year():
    r = extract(
        "Bản tin hoạt động\n"
        "Lễ kỷ niệm 60 năm thành lập trường (1971 – 2031) sẽ được tổ chức vào ngày 14/10 tại Hội trường.\n"
    )
    dates = {d["date"][:4] for d in r["deadlines"]} | {e["date"][:4] for e in r["events"]}
    assert "2031" in dates


# (5) an event held early, in the middle of or late in a month ---------------------------------
def test_an_event_held_late_in_a_month_gives_a_period_not_a_deadline():
    r = extract(
        "Bản tin hoạt động năm 2031\n"
        "Lễ tuyên dương thanh niên tiêu biểu toàn tỉnh dự kiến diễn ra vào cuối tháng 8/2031, "
        "trong 2 ngày, tại khu di tích.\n"
    )
    assert not any(d["date"].startswith("2031-08") for d in r["deadlines"])
    assert any(p["start"].startswith("2031-08") for p in r["periods"])


def test_an_event_held_in_a_whole_month_stays_a_dated_window():
    r = extract(
        "Bản tin hoạt động năm 2031\n"
        "Lễ tuyên dương thanh niên tiêu biểu toàn tỉnh dự kiến diễn ra vào tháng 8/2031, "
        "trong 2 ngày, tại khu di tích.\n"
    )
    assert any(d["date"].startswith("2031-08") for d in r["deadlines"])


# (6) the month a campaign ends in -------------------------------------------------------------
def test_the_month_a_campaign_ends_in_is_a_period_not_a_deadline():
    r = extract(
        "Bản tin hoạt động năm 2031\n"
        "Bí thư Huyện đoàn cho biết chiến dịch tình nguyện bắt đầu từ tháng 5 và sẽ kết thúc vào cuối "
        "tháng 8/2031, với sự tham gia của các chi đoàn.\n"
    )
    assert not any(d["date"].startswith("2031-08") for d in r["deadlines"])
    assert any(p["start"].startswith("2031-08") for p in r["periods"])


# (7) the size of a test, a scale or a list of fields is not a target --------------------------
def _target_values(result: dict) -> set[float]:
    return {t["value"] for t in result["targets"]}


def test_the_number_of_questions_of_a_test_is_not_a_target():
    r = extract(
        "KẾ HOẠCH Hội thi tin học trẻ năm 2031\n"
        "Các thí sinh phải làm bài trắc nghiệm 40 câu, sau đó phỏng vấn. "
        "Phấn đấu thành lập 12 câu lạc bộ tin học.\n"
    )
    assert 40 not in _target_values(r)
    assert 12 in _target_values(r)


def test_the_levels_of_a_scale_and_a_count_of_fields_are_not_targets():
    r = extract(
        "KẾ HOẠCH Nâng cao năng lực ngoại ngữ cho thanh niên năm 2031\n"
        "Phấn đấu 70% đoàn viên đạt trình độ bậc 2 theo khung năng lực ngoại ngữ 6 bậc; tuổi trẻ tỉnh đi "
        "đầu trong 4 lĩnh vực trọng tâm.\n"
    )
    values = _target_values(r)
    assert 6 not in values and 4 not in values
    assert 70 in values


# (8) "có đến N": a number stressed as reached in news ----------------------------------------
def test_a_number_stressed_as_many_as_in_news_is_a_result_not_a_target():
    r = extract(
        "Bản tin hoạt động năm 2031\n"
        "Đội hình năm nay chỉ cần 500 tình nguyện viên. Thế nhưng có đến hơn 1.700 sinh viên nộp đơn.\n"
    )
    assert 1700 not in _target_values(r)
    assert (1700, False) in {(x["value"], x["percent"]) for x in r.get("results", [])}
