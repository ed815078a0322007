"""Issue 13, round 9b: one test per class of failure the new development half dev8 showed, through
`extract` (the JSON of `doanso plans extract FILE --json`).

The sentences are written for these tests, not taken from a corpus text.
"""

from doanso.planimport.extractor import extract
from tests.planimport._helpers import deadline_days as _deadline_days
from tests.planimport._helpers import results as _results
from tests.planimport._helpers import targets as _targets


# dates ---------------------------------------------------------------------------------------
def test_a_year_right_after_an_indicator_figure_is_its_horizon_not_a_deadline():
    r = extract(
        "UỶ BAN NHÂN DÂN TỈNH X\n\nKẾ HOẠCH\nThực hiện chương trình vì thanh niên giai đoạn 2031-2040\n\n"
        "I. CHỈ TIÊU\n"
        "- Tỷ lệ thanh niên nông thôn được đào tạo nghề đạt 70% vào năm 2035 và 80% vào năm 2040.\n"
        "- Giảm tỷ lệ thanh niên thất nghiệp xuống dưới 4% (thành thị), 3% (nông thôn) vào năm 2035.\n"
    )
    days = _deadline_days(r)
    assert not any(day.startswith(("2035", "2040")) for day in days)
    targets = _targets(r)
    assert (70, True, None) in targets and (80, True, None) in targets


# classifying a number: result, count, target ------------------------------------------------
def test_a_number_reached_and_its_excess_counted_in_units_are_results():
    r = extract(
        "Xã B: Ngày hội hiến máu đợt hai\n\n"
        "Ngày 14/4, Hội Chữ thập đỏ xã tiếp nhận 315 đơn vị máu, vượt 35 đơn vị so chỉ tiêu "
        "đợt hai đã giao.\n"
    )
    targets = _targets(r)
    assert (315, False, None) not in targets and (35, False, None) not in targets
    results = _results(r)
    assert (315, False) in results and (35, False) in results


def test_the_end_year_of_a_misprinted_span_is_not_a_target():
    r = extract(
        "CHÍNH PHỦ\n\nQUYẾT ĐỊNH\nPhê duyệt Chiến lược phát triển thanh niên\n\n"
        "Điều 1. Phê duyệt Chiến lược phát triển thanh niên giai đoạn 2031 - 2030 với các nội dung sau:\n"
        "I. QUAN ĐIỂM\n"
        "1. Chiến lược phát triển thanh niên giai đoạn 2031 - 2030 phải bám sát các chủ trương của Đảng và "
        "kế thừa những thành tựu của giai đoạn trước.\n"
    )
    assert (2030, False, None) not in _targets(r)


def test_a_labelled_number_of_places_offered_in_a_notice_is_a_target():
    r = extract(
        "Trao học bổng Tiếp bước đến trường năm học 2031 - 2032\n"
        "Hội Sinh viên trường thông báo xét chọn học bổng cho tân sinh viên.\n"
        "- Đối tượng: tân sinh viên có hoàn cảnh khó khăn.\n"
        "- Số lượng: 40 suất.\n"
        "- Hồ sơ gửi về Văn phòng Hội trước ngày 20/9/2031.\n"
    )
    assert (40, False, None) in _targets(r)


def test_a_label_word_before_a_comma_does_not_label_the_next_number():
    r = extract(
        "KẾ HOẠCH\nCông tác Hội năm 2031\n\n"
        "I. CHỈ TIÊU\n"
        "Hội xác định các chỉ tiêu chủ yếu: thành lập mới 12 câu lạc bộ khởi nghiệp, 4 tổ hợp tác "
        "thanh niên; tập huấn cho 500 hội viên.\n"
    )
    targets = _targets(r)
    assert (12, False, None) in targets and (500, False, None) in targets
    assert (4, False, None) in targets


def test_the_units_that_sign_a_pledge_in_news_are_counted_not_aimed_at():
    r = extract(
        "Hội LHPN xã C họp mặt kỷ niệm ngày Quốc tế Phụ nữ\n\n"
        "Tại buổi họp mặt, Hội LHPN xã và 07 chi hội thôn ký kết giao ước thi đua năm 2031 với 04 nhiệm vụ, "
        "mục tiêu trọng tâm.\n"
    )
    assert (7, False, None) not in _targets(r)


def test_a_figure_inside_a_cited_programme_is_not_the_news_target():
    r = extract(
        "Tuổi trẻ huyện D ra quân trồng cây\n\n"
        "Hưởng ứng chương trình của Chính phủ trồng 2 tỷ cây xanh, Huyện đoàn D phát động Tết trồng cây; "
        "năm 2031 tuổi trẻ huyện trồng được 8.000 cây, vượt chỉ tiêu đặt ra.\n"
    )
    assert (2_000_000_000, False, None) not in _targets(r)
    assert (2_000_000_000, False) not in _results(r)
    assert (8000, False) in _results(r)


def test_the_month_a_news_item_says_an_event_is_held_in_is_not_a_deadline():
    r = extract(
        "Hội LHTN xã E hoàn thành đại hội chi hội\n\n"
        "Sau khi hoàn thành đại hội các chi hội, Ủy ban Hội xã chuẩn bị tổ chức Đại hội đại biểu Hội LHTN xã "
        "lần thứ V, nhiệm kỳ 2031-2036, dự kiến diễn ra vào cuối tháng 8/2031.\n"
    )
    assert not any(day.startswith("2031-08") for day in _deadline_days(r))


# recurring duties ----------------------------------------------------------------------------
def test_a_class_held_every_evening_is_a_daily_duty_and_a_weekday_morning_stays_weekly():
    r = extract(
        "Lớp học tình thương của Chi đoàn thôn F\n\n"
        "Suốt mùa hè, lớp học do Chi đoàn thôn F tổ chức đều đặn mỗi tối lúc 19 giờ 00 "
        "tại nhà văn hóa thôn.\n"
    )
    rules = [x["rule"] for x in r["recurring"]]
    assert any(rule.startswith("FREQ=DAILY") for rule in rules)
    r = extract(
        "Liên đội trường G giao ban\n\n"
        "Vào mỗi sáng thứ 3 hàng tuần, Ban Chỉ huy Liên đội giao ban với Tổng phụ trách Đội.\n"
    )
    rules = [x["rule"] for x in r["recurring"]]
    assert not any(rule.startswith("FREQ=DAILY") for rule in rules)
    assert any("BYDAY=TU" in rule for rule in rules)


def test_the_rest_of_a_told_list_of_deeds_are_results_but_a_breakdown_is_not():
    r = extract(
        "Đại hội Đoàn xã H nhiệm kỳ 2031-2036\n\n"
        "Ngày 5-8, Đoàn xã H tổ chức Đại hội đại biểu lần thứ X.\n"
        "Trong nhiệm kỳ, các chi đoàn thăm, tặng hơn 900 phần quà; 1.200 bộ quần áo; 300 cuốn vở; "
        "hiến hơn 150 đơn vị máu.\n"
    )
    results = _results(r)
    for value in (900, 1200, 300, 150):
        assert (value, False) in results
    r = extract(
        "Ra quân Ngày chủ nhật xanh\n\n"
        "Sáng ngày 9/3, Huyện đoàn ra quân tại xã K. Đoàn viên trồng mới 200 cây xanh, "
        "treo 40 lá cờ Tổ quốc, làm mới 2 sân bóng.\n"
    )
    results = _results(r)
    for value in (200, 40, 2):
        assert (value, False) in results
    r = extract(
        "Giải thưởng Gương mặt trẻ 2031\n\n"
        "Năm nay, Ban tổ chức nhận được 210 hồ sơ; trong đó có 120 đề cử là nam, 90 đề cử là nữ.\n"
    )
    results = _results(r)
    assert (210, False) in results
    assert (120, False) not in results and (90, False) not in results


def test_a_told_list_item_may_open_with_a_longer_verb_phrase():
    r = extract(
        "Ra quân Ngày chủ nhật xanh\n\n"
        "Sáng ngày 9/3, Huyện đoàn ra quân tại xã K. Đoàn viên trồng mới 200 cây xanh, "
        "bàn giao công trình thắp sáng đường làng ngõ xóm với 60 bóng đèn.\n"
    )
    assert (60, False) in _results(r)


def test_a_sentence_opening_on_a_tally_counts_what_has_been_done():
    r = extract(
        "Tiếp sức mùa thi năm 2031\n\n"
        "Theo thống kê đến tháng 6, cả nước có 2.950 nhóm với 150.300 tình nguyện viên túc trực "
        "tại các điểm thi.\n"
    )
    results = _results(r)
    assert (2950, False) in results and (150300, False) in results
    assert (2950, False, None) not in _targets(r)


def test_a_registered_pledge_is_a_target_even_in_a_story_of_the_day():
    r = extract(
        "Hội Nông dân xã M ra quân\n\n"
        "Tại buổi lễ, các chi hội đăng ký giúp 8 hộ hội viên thoát nghèo trong năm 2031.\n"
    )
    assert (8, False, None) in _targets(r)
    assert (8, False) not in _results(r)


def test_a_day_without_a_year_takes_the_later_of_two_school_years_in_a_row():
    r = extract(
        "Xét học bổng cho sinh viên vượt khó\n"
        "Quỹ học bổng thông báo xét chọn học bổng năm học 2031-2032 cho sinh viên khó khăn.\n"
        "Sinh viên được xét phải có điểm trung bình năm học 2030-2031 từ 7,0 trở lên.\n"
        "Hồ sơ gửi về Văn phòng Quỹ trước ngày 25-9.\n"
    )
    assert "2031-09-25" in _deadline_days(r)


def test_days_written_together_in_news_are_the_days_of_an_event_not_deadlines():
    for text in (
        "Tin tức\nHuyện đoàn tổ chức Hội thao thanh niên\n\n"
        "Hội thao sẽ diễn ra trong hai ngày 14 và 15/5/2031 tại sân vận động huyện.\n",
        "Tin tức\nHội trại truyền thống\n\n"
        "Hội trại sẽ diễn ra trong các ngày 20, 21, 22 và 23/3/2031 tại công viên tỉnh.\n",
    ):
        assert _deadline_days(extract(text)) == []
    r = extract(
        "THÔNG BÁO\nHiến máu tình nguyện năm 2031\n\n"
        "Thời gian: Từ 07g00 đến 17g00, ngày 12/6/2031 (thứ Sáu).\n"
    )
    assert "2031-06-12" in _deadline_days(r)


def test_a_weekday_at_the_end_of_the_month_without_tuan_is_a_monthly_duty():
    r = extract("KẾ HOẠCH\nCông tác Đoàn năm 2031\n\nChi đoàn sinh hoạt vào tối thứ Sáu cuối tháng.\n")
    assert "FREQ=MONTHLY;BYDAY=-1FR" in [x["rule"] for x in r["recurring"]]
    r = extract("KẾ HOẠCH\nCông tác Đoàn năm 2031\n\nHội nghị tổ chức vào thứ Sáu cuối tháng 3.\n")
    assert r["recurring"] == []


def test_with_n_people_taking_part_in_a_story_of_the_day_is_a_result():
    r = extract(
        "Huyện đoàn ra quân Ngày chủ nhật xanh\n\n"
        "Sáng ngày 16/3, Huyện đoàn tổ chức ra quân Ngày chủ nhật xanh tại xã P, với 45 đoàn viên thanh niên "
        "tham gia.\n"
    )
    assert (45, False) in _results(r)
    assert (45, False, None) not in _targets(r)


def test_the_places_work_is_directed_to_are_counted_not_aimed_at():
    r = extract(
        "KẾ HOẠCH\nTháng Thanh niên năm 2031\n\n"
        "Tổ chức các hoạt động tình nguyện hướng về cơ sở, ưu tiên 30 xã đặc biệt khó khăn.\n"
    )
    assert (30, False, None) not in _targets(r)


def test_a_paragraph_opening_on_a_term_already_over_tells_results():
    r = extract(
        "Đại hội Đoàn trường Đại học R nhiệm kỳ 2031-2036\n\n"
        "Ngày 20/10/2031, Đoàn trường tổ chức Đại hội đại biểu lần thứ VIII, nhiệm kỳ 2031-2036.\n"
        "Nhiệm kỳ 2026 - 2031, phong trào tình nguyện được duy trì với hơn 9.000 lượt sinh viên tham gia "
        "các chiến dịch, thu về hơn 2.500 đơn vị máu.\n"
    )
    results = _results(r)
    assert (9000, False) in results and (2500, False) in results
    assert (2500, False, None) not in _targets(r)


def test_a_told_list_item_may_follow_a_comma_and_a_semicolon():
    r = extract(
        "Đại hội Đoàn xã H nhiệm kỳ 2031-2036\n\n"
        "Ngày 5-8, Đoàn xã H tổ chức Đại hội đại biểu lần thứ X.\n"
        "Trong nhiệm kỳ, các chi đoàn thăm, tặng hơn 900 phần quà; 400 cuốn sách, vở và ba lô; "
        "60 bộ dụng cụ thể thao, bóng đá; hiến 200 đơn vị máu.\n"
    )
    results = _results(r)
    assert (60, False) in results and (200, False) in results


def test_a_share_reached_after_what_was_collected_is_a_result_even_under_the_plan():
    """Merge of rounds 9 and 9b: a sentence that opens on the plan ("Theo kế hoạch …") aims at its
    shares, unless the share follows what was collected ("hiện thu được 610 đơn vị máu, đạt 122,5%")."""
    text = (
        "Huyện Tân Lập tiếp nhận 140 đơn vị máu\n"
        "Sáng 5/6, huyện Tân Lập tổ chức ngày hội hiến máu đợt II năm 2025.\n"
        "Tham gia có đông đảo đoàn viên, thanh niên và nhân dân. Ban Chỉ đạo tiếp nhận 140 đơn vị máu, "
        "vượt 15 đơn vị so chỉ tiêu đợt II đề ra.\n"
        "Theo kế hoạch năm 2025, huyện Tân Lập tổ chức 4 đợt hiến máu với số lượng 500 đơn vị theo chỉ "
        "tiêu tỉnh giao; hiện thu được 610 đơn vị máu, đạt 122,5% kế hoạch năm.\n"
    )
    out = extract(text)
    assert 122.5 not in [t["value"] for t in out["targets"]]
    assert 122.5 in [r["value"] for r in out["results"]]
