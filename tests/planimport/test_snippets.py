"""Grammar rules of issue 6 on short, realistic snippets written for these tests (not from the seeds)."""

from doanso.planimport.extractor import extract

HEADER = """BCH ĐOÀN HUYỆN AN LÃO
***
Số: 45 -KH/ĐTN-BTG
ĐOÀN TNCS HỒ CHÍ MINH
An Lão, ngày 05 tháng 01 năm 2025

KẾ HOẠCH
Công tác Đoàn và phong trào thanh thiếu nhi năm 2025

"""


def _values(result):
    return [(t["value"], t["percent"]) for t in result["targets"]]


def test_metadata_with_stray_space_in_number():
    r = extract(HEADER + "I. CHỈ TIÊU\n- 100% chi đoàn tổ chức sinh hoạt chủ điểm.\n")
    assert (r["kind"], r["number"], r["place"], r["date"]) == (
        "ke_hoach",
        "45-KH/ĐTN-BTG",
        "An Lão",
        "2025-01-05",
    )
    assert r["issuer"] == "BCH ĐOÀN HUYỆN AN LÃO"
    assert r["title"] == "Công tác Đoàn và phong trào thanh thiếu nhi năm 2025"
    assert r["period"] == {"start": "2025", "end": "2025"}


def test_blank_draft_number_keeps_the_symbol():
    r = extract("ĐOÀN TRƯỜNG ĐẠI HỌC LAO ĐỘNG\n***\nSố:    /KH-LĐ\n\nKẾ HOẠCH\nTổ chức hội trại năm 2025\n")
    assert (r["number"], r["symbol"]) == (None, "KH-LĐ")


def test_targets_counts_money_and_percent_lists():
    r = extract(
        HEADER
        + "II. CHỈ TIÊU\n"
        + "1. Phấn đấu có 12.500 lượt đoàn viên tham gia hiến máu; vận động 1,5 tỷ đồng xây nhà nhân ái.\n"
        + "2. 65% thanh niên, 40% thiếu nhi được tập huấn kỹ năng số.\n"
        + "3. Mỗi chi đoàn có ít nhất 01 công trình thanh niên.\n"
    )
    assert _values(r) == [(12500, False), (1_500_000_000, False), (65, True), (40, True), (1, False)]
    money = r["targets"][1]
    assert money["unit"] == "đồng"
    assert r["targets"][0]["unit"] == "lượt"
    assert r["targets"][4]["comparator"] == ">="
    assert all(t["period"] == "2025" for t in r["targets"])


def test_per_week_target_is_not_a_recurring_duty():
    r = extract(HEADER + "- Mỗi tuần có ít nhất 03 tin bài về gương người tốt việc tốt trên fanpage.\n")
    assert [(t["value"], t.get("per")) for t in r["targets"]] == [(3, "week")]
    assert r["recurring"] == []


def test_target_block_years():
    r = extract(
        HEADER.replace("năm 2025", "giai đoạn 2025 - 2030")
        + "II. MỤC TIÊU\n1. Chỉ tiêu đến năm 2027\n- Trên 85% đoàn viên được học tập nghị quyết.\n"
        + "2. Chỉ tiêu đến năm 2030\n- 100% đoàn viên được học tập nghị quyết.\n"
    )
    assert [(t["value"], t["period"], t["comparator"]) for t in r["targets"]] == [
        (85, "2027", ">"),
        (100, "2030", "="),
    ]


def test_not_targets():
    r = extract(
        HEADER
        + "II. NỘI DUNG\n"
        + "- Tổ chức kỷ niệm 94 năm Ngày thành lập Đoàn (26/3/1931 - 26/3/2025).\n"
        + "- Thực hiện Hướng dẫn số 12-HD/TWĐTN-BTC ngày 15/3/2024 của Ban Bí thư Trung ương Đoàn.\n"
        + "- Tuyên dương danh hiệu Sinh viên 5 tốt, thực hiện phong trào “3 trách nhiệm”, “4 nhất”.\n"
        + "- Tư vấn cho học sinh khối 12; gửi về 18 Lê Lợi, phường 2; cách mạng công nghiệp 4.0.\n"
        + "- Năm 2024, toàn huyện đã tổ chức 120 hoạt động tình nguyện.\n"
        + "- Tuổi kết nạp từ 16 tuổi; thời gian thực hiện 3 tháng.\n"
    )
    assert r["targets"] == []
    assert r["references"][0]["number"] == "12-HD/TWĐTN-BTC"
    assert r["references"][0]["date"] == "2024-03-15"


def test_historical_section_of_a_report():
    text = (
        "BÁO CÁO\nTổng kết năm 2024\n\nI. KẾT QUẢ ĐẠT ĐƯỢC\n"
        "- Tổ chức 45 buổi sinh hoạt, thu hút 3.000 lượt đoàn viên.\n"
        "II. PHƯƠNG HƯỚNG NĂM 2025\n- Phấn đấu 4.000 lượt đoàn viên tham gia sinh hoạt.\n"
    )
    r = extract(text)
    assert r["kind"] == "bao_cao"
    assert _values(r) == [(4000, False)]


def test_deadlines_ranges_weeks_and_quarters():
    r = extract(
        HEADER
        + "IV. TIẾN ĐỘ THỰC HIỆN\n"
        + "- Các chi đoàn đăng ký chỉ tiêu trước ngày 20/01/2025.\n"
        + "- Hội trại truyền thống từ ngày 24-26/3.\n"
        + "- Sơ khảo hội thi (tuần 02 tháng 4).\n"
        + "- Tháng 6/2025: sơ kết 6 tháng.\n"
        + "- Tổ chức hội nghị tổng kết vào quý IV năm 2025.\n"
    )
    got = [(d["date"], d.get("end"), d["relation"]) for d in r["deadlines"]]
    assert got == [
        ("2025-01-20", None, "before"),
        ("2025-03-24", "2025-03-26", "during"),
        ("2025-04-08", "2025-04-14", "during"),
        ("2025-06-01", "2025-06-30", "during"),
        ("2025-10-01", "2025-12-31", "during"),
    ]
    assert r["deadlines"][0]["what"] == "Các chi đoàn đăng ký chỉ tiêu"
    assert r["deadlines"][3]["what"] == "sơ kết 6 tháng"
    assert r["deadlines"][4]["period"] == "2025Q4"


def test_reference_and_anniversary_dates_are_not_deadlines():
    r = extract(
        HEADER
        + "Thực hiện Kế hoạch số 30-KH/TĐTN-BTG ngày 10/12/2024 của Ban Thường vụ Tỉnh đoàn, "
        + "Ban Thường vụ Huyện đoàn xây dựng kế hoạch như sau:\n"
        + "- Tổ chức các hoạt động chào mừng kỷ niệm 50 năm Ngày Giải phóng miền Nam "
        + "(30/4/1975 - 30/4/2025).\n"
    )
    assert r["deadlines"] == []
    assert [e["date"] for e in r["events"]] == ["1975-04-30"]


def test_recurring_duties():
    r = extract(
        HEADER
        + "III. TỔ CHỨC THỰC HIỆN\n"
        + "- Các cơ sở Đoàn gửi báo cáo tuần trước 15h00 thứ Năm hằng tuần.\n"
        + "- Hằng năm tổ chức Hội thi Olympic các môn khoa học Mác - Lênin (02 năm/lần).\n"
        + "- Báo cáo năm gửi trước ngày 30/11 hằng năm.\n"
    )
    rules = [x["rule"] for x in r["recurring"]]
    assert rules == [
        "FREQ=WEEKLY;BYDAY=TH;BYHOUR=15;BYMINUTE=0",
        "FREQ=YEARLY",
        "FREQ=YEARLY;INTERVAL=2",
        "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30",
    ]
    assert r["recurring"][0]["what"] == "Các cơ sở Đoàn gửi báo cáo tuần"


def test_markup_typos_and_broken_lines():
    text = (
        "**KẾ HOẠCH**\n\n**Tháng Thanh niên năm 2025**\n\n"
        "## **II. CHỈ TIÊU**\n\n"
        "- Phân đầu 100% chi đoàn tổ chức ra quân tình nguyện, hỗ trợ chuyển đổi\n\n"
        "số cho 2.000 hộ dân trên địa bàn.\n\n"
        "\\- Gửi báo cáo **trước ngày 28/3/2025.**\n"
    )
    r = extract(text)
    assert r["title"] == "Tháng Thanh niên năm 2025"
    assert _values(r) == [(100, True), (2000, False)]
    assert r["targets"][1]["line"] == 9  # the broken sentence keeps its original line
    assert [(d["date"], d["line"]) for d in r["deadlines"]] == [("2025-03-28", 11)]
    assert r["sections"][0]["number"] == "II"


def test_news_report_keeps_only_committed_targets():
    text = (
        "Tỉnh đoàn tổng kết năm 2024\n\nNăm qua, toàn tỉnh đã tổ chức 1.250 hoạt động tình nguyện, "
        "trồng 45.000 cây xanh. Năm 2025, Tỉnh đoàn phấn đấu có 200.000 lượt thanh niên "
        "tham gia tình nguyện.\n"
    )
    r = extract(text)
    assert r["kind"] == "other"
    assert _values(r) == [(200000, False)]


def test_sections_tree_tolerates_numbering_jump():
    text = (
        "CHƯƠNG TRÌNH\nCông tác Đoàn năm 2025\n\nI. Chủ đề năm\n\nII. Chỉ tiêu\n\n"
        "(1). 90% đoàn viên học tập.\n\n"
        "3. Giải pháp\n\n3.1. Tuyên truyền\n\nIV. Tổ chức thực hiện\n"
    )
    r = extract(text)
    assert [(s["number"], [c["number"] for c in s["children"]]) for s in r["sections"]] == [
        ("I", []),
        ("II", []),
        ("3", ["3.1"]),
        ("IV", []),
    ]
