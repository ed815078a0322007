"""Issue 13, round 3: one test per class of failure the dev2 half showed, through `extract`.

The sentences are written for these tests (not taken from any corpus text); each asserts the JSON
shape of `doanso plans extract FILE --json`.
"""

import pytest

from doanso.planimport.extractor import extract


def _values(items: list[dict]) -> list:
    return [x["value"] for x in items]


def _rules(result: dict) -> list[str]:
    return [x["rule"] for x in result["recurring"]]


# registrations and participants are not targets ---------------------------------------------
def test_people_who_already_signed_up_are_a_result_not_a_target():
    r = extract(
        "Ngày hội hiến máu\nNhờ tuyên truyền tốt, hơn 450 đoàn viên, học sinh của trường đã đăng ký "
        "hiến máu trong đợt này.\n"
    )
    assert r["targets"] == []
    assert _values(r["results"]) == [450]


def test_people_who_sign_up_in_a_news_item_are_not_a_target():
    r = extract(
        "Chủ nhật xanh\nSáng nay có 120 thanh niên đăng ký tham gia dọn vệ sinh bờ kênh, theo kế hoạch "
        "của Đoàn phường.\n"
    )
    assert r["targets"] == []


def test_a_plan_that_aims_at_sign_ups_keeps_its_target():
    r = extract(
        "KẾ HOẠCH\nHiến máu năm 2025\nI. CHỈ TIÊU\n1. Phấn đấu 300 đoàn viên đăng ký tham gia hiến máu.\n"
    )
    assert _values(r["targets"]) == [300]


def test_news_that_strives_for_sign_ups_keeps_its_target():
    r = extract(
        "Ngày hội hiến máu mùa xuân\nNăm nay, Đoàn trường phấn đấu có 500 đoàn viên đăng ký tham gia "
        "hiến máu.\n"
    )
    assert _values(r["targets"]) == [500]


# durations are not targets --------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Sau 2 tháng phát động, Liên đội sẽ tổ chức ngày hội kế hoạch nhỏ.",
        "Chỉ còn hơn 2 tuần nữa sẽ diễn ra hội trại truyền thống của trường.",
        "Các đội hình sẽ ra quân trong 5 ngày đêm liên tục ở các xã vùng sâu.",
    ],
)
def test_durations_are_not_targets(sentence):
    assert extract(f"Tin hoạt động\n{sentence}\n")["targets"] == []


# aims and results in news text ----------------------------------------------------------
def test_an_aim_with_a_floor_after_a_result_verb_is_a_target():
    r = extract(
        "Đại hội Hội Nông dân xã\nNhiệm kỳ 2024-2029, Hội phấn đấu kết nạp 50 hội viên mới; tỷ lệ hộ "
        "đăng ký sản xuất giỏi đạt 70% trở lên.\n"
    )
    assert sorted((t["value"], t["direction"]) for t in r["targets"]) == [(50, "exact"), (70, "min")]


def test_a_term_still_ahead_makes_a_review_item_say_its_aims():
    r = extract(
        "Hơn 90% hộ hội viên đạt gia đình văn hóa\nTHỨ BA, 04/06/2024 09:15\n"
        "Trong nhiệm kỳ 2024 – 2029, Hội Cựu chiến binh xã tiếp tục đổi mới hoạt động, thu hút 95% trở "
        "lên cựu chiến binh vào Hội.\n"
        "Nhiệm kỳ qua, Hội đã vận động được 93% hội viên tham gia sinh hoạt, vượt chỉ tiêu đề ra.\n"
        "Trong nhiệm kỳ 2024 – 2029, Hội Cựu chiến binh xã tiếp tục đổi mới hoạt động, thu hút 95% trở "
        "lên số cựu chiến binh vào tổ chức Hội.\n"
    )
    assert [(t["value"], t["line"]) for t in r["targets"]] == [(95, 3)]  # the lead restated counts once
    assert (93, True) in {(x["value"], x["percent"]) for x in r["results"]}


def test_a_past_term_stays_a_result():
    r = extract(
        "Đại hội Hội Phụ nữ xã\nTHỨ HAI, 03/06/2024 08:00\n"
        "Nhiệm kỳ 2019-2024, Hội đã giúp 40 hộ phụ nữ thoát nghèo.\n"
    )
    assert r["targets"] == []
    assert _values(r["results"]) == [40]


def test_the_parts_of_a_plan_are_not_targets():
    r = extract(
        "Tháng hành động vì môi trường\nKế hoạch năm nay chia làm 4 giai đoạn, sẽ diễn ra từ 1/6 đến "
        "30/6/2025.\n"
    )
    assert r["targets"] == []
    assert [(d["date"], d.get("end")) for d in r["deadlines"]] == [("2025-06-01", "2025-06-30")]


def test_the_bar_for_an_award_is_not_a_target():
    r = extract(
        "THÔNG BÁO\nPhát động phong trào nuôi heo đất\n1. Nội dung\n- Mỗi đội viên góp ít nhất 2 phần "
        "quà cho bạn khó khăn.\n2. Khen thưởng\n- Cá nhân: “Tấm lòng vàng” đối với mỗi em tiết kiệm, "
        "góp trên 8 phần quà.\n"
    )
    assert [(t["value"], t["direction"]) for t in r["targets"]] == [(2, "min")]


# "mỗi ngày" narration and "theo từng quý" ------------------------------------------------
def test_every_day_in_narration_is_not_a_daily_duty():
    r = extract(
        "Phong trào gom giấy vụn\nMỗi ngày, góc sân trường lại đầy thêm những chồng sách báo cũ do học "
        "sinh mang tới.\n"
    )
    assert r["recurring"] == []


def test_every_day_with_someone_s_duty_in_news_stays_a_duty():
    r = extract(
        "Đội thanh niên tình nguyện\nMỗi ngày, đội tổ chức trực hướng dẫn giao thông tại cổng trường.\n"
    )
    assert _rules(r) == ["FREQ=DAILY"]


def test_each_quarter_framed_by_a_year_is_quarterly():
    r = extract(
        "Hiến máu nhân đạo\nHằng năm, Hội Chữ thập đỏ phường tổ chức hiến máu tình nguyện theo từng "
        "quý tại nhà văn hóa.\n"
    )
    assert _rules(r) == ["FREQ=MONTHLY;INTERVAL=3"]


# celebrated days and past events are not deadlines ---------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Hướng tới ngày 26/3, Đoàn trường sẽ tổ chức giải bóng đá nam nữ năm 2025.",
        "Nhân kỷ niệm 94 năm ngày thành lập Đoàn (26/3/2025), chi đoàn sẽ tổ chức sinh hoạt truyền thống.",
    ],
)
def test_celebrated_days_are_events_not_deadlines(sentence):
    r = extract(f"Tin hoạt động\n{sentence}\n")
    assert r["deadlines"] == []


def test_a_celebrated_day_written_as_a_due_date_stays_a_deadline():
    r = extract("Tin hoạt động\nCác liên đội sẽ nộp sản phẩm dự thi trước ngày 15/5/2025.\n")
    assert [d["date"] for d in r["deadlines"]] == ["2025-05-15"]


def test_a_campaign_named_ke_hoach_nho_does_not_make_a_date_due():
    r = extract(
        "Liên đội thu gom giấy vụn\nSau lễ phát động phong trào Kế hoạch nhỏ vào ngày 12/11/2024, các em đã "
        "hăng hái tham gia.\n"
    )
    assert r["deadlines"] == []


def test_the_window_of_a_congress_already_held_is_not_a_deadline():
    r = extract(
        "Kết quả Đại hội Hội Sinh viên thành phố\nĐại hội được tổ chức từ ngày 14 đến ngày 15/10/2023 "
        "tại hội trường lớn.\n"
    )
    assert r["deadlines"] == []


def test_a_labelled_time_of_an_announced_ceremony_is_a_deadline():
    r = extract(
        "Tuyên dương học sinh 3 tốt\nLễ tuyên dương sẽ được tổ chức tại hội trường nhà văn hóa.\n"
        "– Thời gian: 8g00 ngày 12/01/2025 (Chủ nhật)\n"
    )
    assert [d["date"] for d in r["deadlines"]] == ["2025-01-12"]


def test_the_year_that_opens_a_news_sentence_is_its_period():
    r = extract("Hội LHTN các cấp\nTrong năm 2025, Hội LHTN các xã sẽ tiến hành đại hội nhiệm kỳ mới.\n")
    assert r["deadlines"] == []
    assert [p["start"] for p in r["periods"]] == ["2025-01-01"]
