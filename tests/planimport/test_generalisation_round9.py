"""Issue 13, round 9: one test per class of failure the studied blind7 half, dev7, blind6, dev6 and
the leftovers of round 8 showed, through `extract` (the JSON of `doanso plans extract FILE --json`).

The sentences are written for these tests, not taken from a corpus text.
"""

from doanso.planimport.extractor import extract
from tests.planimport._helpers import deadlines as _deadlines
from tests.planimport._helpers import results as _results
from tests.planimport._helpers import rules as _rules
from tests.planimport._helpers import targets as _targets


# classifying a number: result, count, anniversary ------------------------------------------
def test_a_number_measured_against_its_target_in_the_next_clause_is_a_result():
    r = extract(
        "Trường Đại học A: Ngày hội hiến máu mùa xuân 2031\n\n"
        "Sáng ngày 12/3/2031, tại nhà thi đấu, Đoàn trường tổ chức Ngày hội hiến máu mùa xuân.\n"
        "Đợt hiến máu này với sự tình nguyện tham gia của nhiều giảng viên, sinh viên, thu về 275 đơn vị "
        "máu, vượt chỉ tiêu kế hoạch đề ra. Theo kế hoạch năm 2031, nhà trường phấn đấu đạt 800 đơn vị máu.\n"
    )
    targets = _targets(r)
    assert (275, False, None) not in targets
    assert (275, False) in _results(r)
    assert (800, False, None) in targets


def test_a_quota_a_plan_sets_before_a_clause_that_completes_a_target_stays_a_target():
    r = extract(
        "KẾ HOẠCH công tác Đoàn năm học 2031-2032\n"
        "I. CHỈ TIÊU\n"
        "- 100% đoàn viên chấp hành tốt nội quy nhà trường, hoàn thành chỉ tiêu học tập của lớp.\n"
    )
    assert (100, True, None) in _targets(r)


def test_the_parts_a_whole_is_split_into_and_the_units_it_goes_to_are_counts():
    r = extract(
        "Hiến máu tình nguyện năm 2031\n"
        "Theo kế hoạch, toàn huyện phấn đấu tiếp nhận 1.500 đơn vị máu, chia làm 03 đợt trong năm. "
        "Chỉ tiêu được phân bổ cho 18 xã, thị trấn và cơ quan.\n"
    )
    targets = _targets(r)
    assert (1500, False, None) in targets
    assert (3, False, None) not in targets
    assert (18, False, None) not in targets


def test_a_count_taken_whole_with_deu_is_not_aimed_at():
    r = extract(
        "LIÊN ĐỘI TRƯỜNG TIỂU HỌC A\n\n"
        "KẾ HOẠCH\n"
        "Tổ chức Ngày hội đọc sách năm 2031\n\n"
        "II. NỘI DUNG\n"
        "Toàn thể giáo viên chủ nhiệm, 27 chi đội và đội viên đều tham gia ngày hội.\n"
    )
    assert r["kind"] == "ke_hoach"
    assert (27, False, None) not in _targets(r)


def test_years_written_before_kỷ_niệm_are_an_anniversary():
    r = extract(
        "Cuộc thi viết “Trường em”\n"
        "Hướng tới 55 năm kỷ niệm ngày thành lập trường, Đoàn trường phát động cuộc thi viết, phấn đấu có "
        "200 bài dự thi.\n"
    )
    targets = _targets(r)
    assert (55, False, None) not in targets
    assert (200, False, None) in targets


def test_a_count_in_a_headline_restated_in_the_body_is_one_target():
    r = extract(
        "Xã Tân Phú: phấn đấu trồng 2.400 cây xanh trong năm 2031\n"
        "Năm 2031, Đoàn xã phấn đấu trồng 2.400 cây xanh tại các tuyến đường liên thôn.\n"
        "2.400 cây xanh là chỉ tiêu Huyện đoàn giao cho Đoàn xã trong đợt phát động Tết trồng cây.\n"
    )
    assert _targets(r).count((2400, False, None)) == 1


def test_equal_quotas_of_different_units_in_a_list_stay_separate_targets():
    r = extract(
        "Ra quân Chủ nhật xanh\n"
        "Mỗi Đoàn khoa phân công lực lượng như sau:\n"
        "1. Đoàn khoa Toán — Tuần thứ nhất của tháng — 25 sinh viên\n"
        "2. Đoàn khoa Văn — Tuần thứ hai của tháng — 25 sinh viên\n"
    )
    assert _targets(r).count((25, False, None)) == 2


# the year of a day written without one ------------------------------------------------------
def test_a_day_without_a_year_in_news_of_a_school_year_falls_in_its_second_year_from_january():
    r = extract(
        "Phát động cuộc thi vẽ tranh “Em yêu biển đảo”\n\n"
        "Sáng 10/11, Hội đồng Đội tỉnh phát động cuộc thi vẽ tranh dành cho đội viên toàn tỉnh năm học "
        "2030-2031.\n"
        "Ban tổ chức nhận bài dự thi đến hết ngày 20/3.\n"
    )
    dates = _deadlines(r)
    assert "2031-03-20" in dates
    assert "2030-03-20" not in dates


def test_a_day_without_a_year_in_news_naming_several_years_takes_the_headlines_year():
    r = extract(
        "Bình chọn Giải thưởng Sáng tạo trẻ 2031\n\n"
        "Năm nay, Ban tổ chức nhận được 120 hồ sơ (tăng 20 hồ sơ so với năm 2030). Hội đồng sẽ họp "
        "(dự kiến ngày 14/4) để chọn 10 gương mặt tiêu biểu của năm 2031.\n"
    )
    dates = _deadlines(r)
    assert "2031-04-14" in dates
    assert "2030-04-14" not in dates


# recurring duties ------------------------------------------------------------------------
def test_a_monthly_contribution_agreed_at_a_meeting_is_a_monthly_duty():
    r = extract(
        "Ra mắt tổ tiết kiệm phụ nữ thôn Đông\n\n"
        "Tại buổi ra mắt, các hội viên được nghe phổ biến quy chế của tổ. Các hội viên thống nhất lập quỹ "
        "tiết kiệm gồm 12 người, mỗi người đóng góp mỗi tháng 500 nghìn đồng để giúp nhau làm kinh tế.\n"
    )
    assert "FREQ=MONTHLY" in _rules(r)
    assert not [t for t in r["targets"] if t["value"] == 500000]


def test_a_past_practice_told_by_a_narrating_paragraph_is_still_no_duty():
    r = extract(
        "Ra mắt tổ tiết kiệm phụ nữ thôn Đông\n\n"
        "Tại buổi ra mắt, các hội viên kể lại rằng trước đây mỗi người đóng góp mỗi tháng 200 nghìn đồng.\n"
    )
    assert "FREQ=MONTHLY" not in _rules(r)


# announced events and stages of a schedule ----------------------------------------------------
def test_the_day_an_event_named_as_subject_is_held_is_a_dated_item_in_news():
    r = extract(
        "Hội thi Tin học trẻ huyện Tân Phú\n\n"
        "Hội thi Tin học trẻ cấp huyện năm 2031 diễn ra vào ngày 18/4 tại Nhà văn hóa huyện, với các bảng "
        "thi dành cho học sinh tiểu học và trung học cơ sở.\n"
    )
    assert _deadlines(r).get("2031-04-18") == "on"


def test_an_event_just_closed_or_looked_back_at_is_not_a_dated_item():
    r = extract(
        "Liên hoan văn nghệ thanh niên huyện Tân Phú\n\n"
        "Liên hoan văn nghệ thanh niên huyện Tân Phú năm 2031 vừa bế mạc vào tối 18/4.\n"
        "Đó là kết quả Ban tổ chức nêu tại Hội nghị tổng kết diễn ra ngày 20/4.\n"
    )
    dates = _deadlines(r)
    assert "2031-04-18" not in dates
    assert "2031-04-20" not in dates


def test_the_window_of_a_named_stage_of_a_schedule_is_a_dated_item():
    r = extract(
        "Giải thưởng Kiến trúc trẻ 2031\n\n"
        "Vòng sơ loại (02/03/2031 – 30/03/2031): thí sinh gửi bài dự thi qua thư điện tử.\n"
        "Vòng chung kết (15/04/2031 – 20/04/2031): Hội đồng giám khảo chấm bài.\n"
    )
    windows = {(d["date"], d.get("end")) for d in r["deadlines"]}
    assert ("2031-03-02", "2031-03-30") in windows
    assert ("2031-04-15", "2031-04-20") in windows


def test_a_yearly_review_a_decision_assigns_is_a_yearly_duty():
    r = extract(
        "ỦY BAN NHÂN DÂN TỈNH A\n"
        "Số: 12/2031/QĐ-UBND\n"
        "A, ngày 10 tháng 3 năm 2031\n"
        "QUYẾT ĐỊNH\n"
        "Về việc ban hành Chương trình hỗ trợ thanh niên khởi nghiệp giai đoạn 2031 - 2035\n"
        "Điều 2. Trách nhiệm thực hiện:\n"
        "1. Sở Nội vụ chủ trì, tham mưu Ủy ban nhân dân tỉnh chỉ đạo triển khai Chương trình; tổ chức sơ kết "
        "hằng năm và báo cáo kết quả về Ủy ban nhân dân tỉnh.\n"
    )
    assert "FREQ=YEARLY" in _rules(r)


def test_a_review_held_once_still_makes_a_news_paragraph_a_review():
    r = extract(
        "Hội LHPN huyện Tân Phú sơ kết giữa nhiệm kỳ\n\n"
        "Ngày 12-4, Hội LHPN huyện tổ chức hội nghị sơ kết giữa nhiệm kỳ. Hằng năm, hội viên tham gia "
        "tổ chức 20 buổi sinh hoạt chuyên đề.\n"
    )
    assert "FREQ=YEARLY" not in _rules(r)


def test_a_range_of_times_per_period_is_read_by_its_lower_bound():
    r = extract(
        "KẾ HOẠCH\n"
        "Hoạt động câu lạc bộ Tiếng Anh năm 2031\n"
        "I. NỘI DUNG\n"
        "- Câu lạc bộ sinh hoạt từ 1 đến 2 lần/tháng tại phòng truyền thống.\n"
    )
    assert _rules(r) == ["FREQ=MONTHLY"]


def test_a_per_mille_rate_is_left_out():
    r = extract(
        "KẾ HOẠCH\n"
        "Công tác dân số năm 2031\n"
        "I. CHỈ TIÊU\n"
        "- Giảm tỷ suất sinh thô 0,25%0/năm.\n"
        "- Giảm tỷ lệ sinh con thứ ba 0,4‰ so với năm trước.\n"
        "- 95% hộ gia đình được tuyên truyền về dân số.\n"
    )
    targets = _targets(r)
    assert (95, True, None) in targets
    assert not [t for t in targets if t[0] in (0.25, 0.4)]


def test_till_the_end_of_a_month_is_due_on_its_last_day_and_one_due_date_restated_in_news_is_one():
    r = extract(
        "Cuộc thi ảnh “Quê em” nhận bài đến hết tháng 9/2031\n\n"
        "Sáng 2/6/2031, Huyện đoàn Tân Phú phát động cuộc thi ảnh “Quê em” dành cho đoàn viên, thanh niên.\n"
        "Ban tổ chức nhận bài dự thi đến hết tháng 9/2031 qua thư điện tử của Huyện đoàn.\n"
    )
    found = [(d["date"], d.get("end"), d["strength"]) for d in r["deadlines"]]
    assert found == [("2031-09-30", None, "before")]


def test_a_window_from_one_month_to_the_end_of_another_stays_the_time_of_the_work():
    r = extract(
        "Chiến dịch tình nguyện hè 2031\n\n"
        "Chiến dịch triển khai từ tháng 5 đến hết tháng 8/2031 trên địa bàn huyện.\n"
    )
    assert "2031-08-31" not in _deadlines(r)


def test_one_due_date_restated_in_a_news_item_is_one_deadline():
    r = extract(
        "Phát động cuộc thi ảnh “Quê em”\n\n"
        "Sáng 2/6/2031, Huyện đoàn Tân Phú phát động cuộc thi ảnh “Quê em”; Ban tổ chức nhận bài dự thi đến "
        "hết ngày 15/9/2031.\n"
        "Thí sinh gửi ảnh qua thư điện tử của Huyện đoàn. Ban tổ chức nhận bài dự thi đến hết ngày "
        "15/9/2031, không nhận bài gửi muộn.\n"
    )
    assert [d["date"] for d in r["deadlines"]] == ["2031-09-15"]


def test_the_posts_of_an_elected_committee_are_counts():
    r = extract(
        "Đại hội Chi đoàn thôn Đông\n\n"
        "Đại hội đề ra phương hướng nhiệm kỳ 2031 – 2032 và bầu Ban Chấp hành Chi đoàn gồm 07 đồng chí "
        "(01 bí thư; 01 phó bí thư; 05 ủy viên).\n"
    )
    assert not [t for t in _targets(r) if t[0] in (1, 5, 7)]


def test_who_won_a_title_in_news_is_a_result_and_who_should_win_is_a_target():
    won = extract(
        "Tuyên dương Học sinh 3 rèn luyện\n\n"
        "Phong trào được triển khai rộng khắp với 2.100 học sinh đăng ký, 410 học sinh đạt danh hiệu cấp "
        "huyện và 35 học sinh đạt cấp tỉnh.\n"
    )
    assert (410, False) in _results(won) and (35, False) in _results(won)
    assert not [t for t in _targets(won) if t[0] in (410, 35)]
    aimed = extract(
        "Phát động phong trào Học sinh 3 rèn luyện\n\n"
        "Năm học tới, Huyện đoàn phấn đấu có 450 học sinh đạt danh hiệu cấp huyện.\n"
    )
    assert (450, False, None) in _targets(aimed)


def test_a_month_and_year_joined_by_a_dash_is_that_month():
    r = extract(
        "Đẩy mạnh tập hợp hội viên\n\n"
        "Ngày 12-4, Trung ương Hội tổ chức hội thảo thực hiện chỉ tiêu tập hợp hội viên nhiệm kỳ "
        "2031 - 2036.\n"
        "Đầu nhiệm kỳ 2026 - 2031, cả nước có 640 cơ sở có tỷ lệ tập hợp thấp. Tháng 2-2028, số cơ sở có "
        "tỷ lệ tập hợp thấp là 37 xã, thuộc 9 tỉnh.\n"
    )
    assert "2031-02-01" not in _deadlines(r)
    assert [p["start"] for p in r["periods"]] == ["2028-02-01"]


def test_the_size_of_a_group_is_a_count_unless_told_as_done():
    size = extract(
        "Ra mắt tổ tiết kiệm “Heo đất”\n\n"
        "Mô hình có 25 thành viên tham gia; mỗi hội viên góp tiền tiết kiệm định kỳ 1 tháng/lần.\n"
        "Mỗi chi hội bắt buộc có ít nhất 1 đội thi (5 thành viên) tham gia hội thi.\n"
    )
    values = [t[0] for t in _targets(size)]
    assert 25 not in values and 5 not in values
    assert 1 in values
    done = extract(
        "Huyện đoàn Tân Phú ra mắt câu lạc bộ\n\n"
        "Năm 2031, Huyện đoàn đã thành lập 02 câu lạc bộ: 01 câu lạc bộ cờ vua có 14 thành viên, 01 câu lạc "
        "bộ guitar có 18 thành viên.\n"
    )
    assert (14, False) in _results(done) and (18, False) in _results(done)


def test_two_alike_targets_of_one_sentence_are_two_targets():
    r = extract(
        "Đại hội Phụ nữ xã Tân Phú\n\n"
        "Nhiệm kỳ 2031-2036, Hội phấn đấu hằng năm giúp 3 hộ có phụ nữ làm chủ thoát nghèo, 3 hộ có phụ nữ "
        "làm chủ thoát cận nghèo.\n"
    )
    assert _targets(r).count((3, False, None)) == 2


def test_a_comma_parts_a_label_word_from_the_number_after_it():
    r = extract(
        "Đại hội Phụ nữ xã Tân Phú\n\n"
        "Hội phấn đấu đến cuối nhiệm kỳ, 85% hội viên được tập huấn kỹ năng số; cuối mỗi năm, 90% chi hội "
        "xếp loại vững mạnh.\n"
    )
    targets = _targets(r)
    assert (85, True, None) in targets
    assert (90, True, None) in targets


def test_result_words_inside_a_list_a_commitment_opens_are_aimed_at():
    r = extract(
        "Đại hội Hội LHTN xã Tân Phú\n\n"
        "Nhiệm kỳ 2031-2036, Hội LHTN xã phấn đấu: 100% cán bộ Hội được tập huấn; xây dựng được 03 công "
        "trình thanh niên; vận động hiến máu tình nguyện đạt 40 đơn vị máu.\n"
    )
    targets = _targets(r)
    assert (3, False, None) in targets
    assert (40, False, None) in targets


def test_result_words_told_after_a_past_list_stay_results():
    r = extract(
        "Tổng kết công tác Hội năm 2031\n\n"
        "Kết quả năm 2031: Hội đã xây dựng được 03 công trình thanh niên và vận động hiến máu đạt 40 đơn "
        "vị máu.\n"
    )
    targets = _targets(r)
    assert (3, False, None) not in targets
    assert (40, False, None) not in targets


def test_a_shift_in_time_is_not_a_quantity():
    r = extract(
        "Cuộc thi viết “Tuổi trẻ và sách”\n\n"
        "Do số bài dự thi tăng mạnh, Ban tổ chức quyết định kết thúc nhận bài sớm 2 tuần so với thể lệ; "
        "năm nay Ban tổ chức phấn đấu phát hành 30 cuốn sách tuyển tập.\n"
    )
    targets = _targets(r)
    assert (2, False, None) not in targets
    assert (30, False, None) in targets


def test_a_day_announced_as_ahead_after_a_feast_named_in_the_clause_is_a_dated_item():
    r = extract(
        "Ngày hội hiến máu “Xuân ấm 2031”\n\n"
        "Để bổ sung lượng máu thiếu hụt trong dịp Tết Nguyên đán, ngày 18/1 tới, tại Nhà văn hóa tỉnh, Tỉnh "
        "đoàn sẽ tổ chức Ngày hội hiến máu “Xuân ấm 2031”.\n"
    )
    assert "2031-01-18" in _deadlines(r)


def test_a_span_of_time_after_sau_thoi_gian_is_a_duration():
    r = extract(
        "Hướng dẫn sắp xếp tổ chức Đoàn cấp xã\n\n"
        "Trước mắt, các xã phải bảo đảm đủ cán bộ chuyên trách; chậm nhất sau thời gian 03 năm phải bố trí "
        "đúng quy định.\n"
    )
    assert (3, False, None) not in _targets(r)


# document metadata ---------------------------------------------------------------------------
def test_a_news_pages_weekday_date_line_is_not_an_issue_date():
    news = extract(
        "Giải báo chí về phòng, chống tham nhũng sẽ nhận tác phẩm đến ngày 30/11/2031\n\n"
        "Thứ năm, ngày 16 tháng 10 năm 2031 | 09:15\n\n"
        "Theo Thể lệ Giải, thời hạn nhận tác phẩm sẽ kết thúc vào ngày 30/11/2031.\n"
    )
    assert news["date"] is None
    assert "2031-11-30" in _deadlines(news)
    plan = extract(
        "TỈNH ĐOÀN A\n"
        "Số: 15-KH/TĐTN\n"
        "Hà Nội, ngày 16 tháng 10 năm 2031\n"
        "KẾ HOẠCH\n"
        "Tổ chức Giải báo chí năm 2031\n"
    )
    assert plan["date"] == "2031-10-16"


def test_at_least_runs_on_over_a_list_of_programmes():
    r = extract(
        "Chiến dịch Xuân tình nguyện 2031\n\n"
        "Đoàn phường đăng ký thực hiện các chỉ tiêu sau:\n"
        "- Tổ chức ít nhất 2 chương trình “Xuân biên giới”, 1 chương trình “Tết sum vầy” và 1 chương trình "
        "“Xuân chiến sĩ”.\n"
    )
    targets = _targets(r)
    assert (2, False, None) in targets
    assert targets.count((1, False, None)) == 2


def test_an_average_given_as_a_range_is_aimed_at_and_a_single_average_is_measured():
    aimed = extract(
        "Phường Tân Phú – Định hướng phát triển\n\n"
        "* Các chỉ tiêu chủ yếu đến năm 2031:\n"
        "(1). Thu ngân sách trên địa bàn tăng bình quân từ 4 – 6%/năm.\n"
        "(2). Tỷ lệ lao động qua đào tạo đến năm 2031 đạt 70%.\n"
    )
    assert (4, True, 6) in _targets(aimed)
    measured = extract("Kinh tế phường Tân Phú\n\nThu ngân sách trên địa bàn tăng bình quân 5,2%/năm.\n")
    assert not [t for t in _targets(measured) if t[0] == 5.2]


def test_a_dashed_day_and_month_after_vao_is_a_day_and_hours_are_not():
    r = extract(
        "Lễ tuyên dương Thanh niên tiêu biểu năm 2031 diễn ra vào 26-4\n\n"
        "Lễ tuyên dương Thanh niên tiêu biểu năm 2031 sẽ diễn ra vào 26-4. Các đại biểu có mặt vào 7-8 giờ "
        "sáng để tổng duyệt.\n"
    )
    assert "2031-04-26" in _deadlines(r)
    assert "2031-08-07" not in _deadlines(r)


def test_a_share_of_an_assigned_quota_in_a_committed_list_is_aimed_at_and_units_represented_are_counts():
    r = extract(
        "Hội Nông dân phường Tân Phú ký kết giao ước thi đua năm 2031\n\n"
        "Đại diện 12 chi hội trực thuộc thảo luận và thống nhất ký kết giao ước với các nội dung trọng tâm: "
        "phấn đấu mỗi chi hội kết nạp 4 hội viên mới; vận động ủng hộ quỹ Hỗ trợ nông dân đạt 100% chỉ tiêu "
        "giao; giúp đỡ 2 hộ nông dân nghèo.\n"
    )
    targets = _targets(r)
    assert (100, True, None) in targets
    assert (4, False, None) in targets
    assert (12, False, None) not in targets


def test_a_share_of_a_quota_told_as_reached_stays_a_result():
    r = extract(
        "Hội Nông dân phường Tân Phú tổng kết năm 2031\n\n"
        "Năm qua, Hội đã vận động ủng hộ quỹ Hỗ trợ nông dân đạt 105% chỉ tiêu giao.\n"
    )
    assert (105, True, None) not in _targets(r)


def test_people_counted_after_a_capitalised_name_are_a_quota_not_a_label():
    r = extract(
        "KẾ HOẠCH\n"
        "Tiếp sức mùa thi năm 2031\n"
        "I. CHỈ TIÊU\n"
        "- Khoa Luật 40 sinh viên tình nguyện; khoa Kinh tế 35 sinh viên tình nguyện.\n"
        "- Tham gia Olympic 2031 cấp trường.\n"
    )
    values = [t[0] for t in _targets(r)]
    assert 40 in values and 35 in values
    assert 2031 not in values


def test_the_month_an_event_is_held_in_is_a_dated_window_in_news():
    r = extract(
        "Phát động cuộc thi tìm hiểu Nghị quyết Đại hội Đoàn\n\n"
        "Sáng 8.4, Tỉnh Đoàn phát động cuộc thi. Thời hạn nhận bài là trước ngày 10.6.2031.\n"
        "Lễ tổng kết trao giải tổ chức vào tháng 7.2031.\n"
    )
    windows = {(d["date"], d.get("end")) for d in r["deadlines"]}
    assert ("2031-07-01", "2031-07-31") in windows
    assert ("2031-06-10", None) in windows


def test_a_measure_in_brackets_after_a_label_word_is_not_a_label():
    r = extract(
        "Các chỉ tiêu chủ yếu của phường Tân Phú đến năm 2031\n\n"
        "* Các chỉ tiêu chủ yếu đến năm 2031:\n"
        "(2). Bê tông hóa từ 05 đến 07 đường hẻm (2,8 km); duy tu 04 đoạn đường (1,2 km).\n"
    )
    values = [t[0] for t in _targets(r)]
    assert 2.8 in values and 1.2 in values


def test_a_window_whose_end_carries_an_hour_with_a_colon_is_one_window():
    r = extract(
        "Giải thưởng Kiến trúc trẻ 2031\n\n"
        "Vòng bình chọn (từ 10/11/2031 – 17:00, 25/11/2031): lấy phiếu bình chọn trực tuyến.\n"
    )
    windows = {(d["date"], d.get("end")) for d in r["deadlines"]}
    assert ("2031-11-10", "2031-11-25") in windows


def test_a_bounded_rate_that_sorts_units_is_a_bar_and_a_rate_aimed_at_is_a_target():
    bar = extract(
        "Hội thảo về tập hợp hội viên\n\n"
        "Ngày 12-4, Trung ương Hội tổ chức hội thảo thực hiện chỉ tiêu tập hợp hội viên nhiệm kỳ mới. "
        "Hội phấn đấu 100% chi hội đạt tỷ lệ tập hợp trên 80% phụ nữ; giảm số cơ sở có tỷ lệ tập hợp "
        "dưới 50%.\n"
    )
    targets = _targets(bar)
    assert (100, True, None) in targets
    assert (80, True, None) not in targets and (50, True, None) not in targets
    aimed = extract(
        "Đại hội Phụ nữ xã Tân Phú\n\n"
        "Nhiệm kỳ 2031-2036, Hội phấn đấu có tỷ lệ tập hợp trên 75% phụ nữ tham gia sinh hoạt Hội.\n"
    )
    assert (75, True, None) in _targets(aimed)
