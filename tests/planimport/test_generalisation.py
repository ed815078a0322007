"""Issue 13: one test per kind of failure the blind set showed, through `extract` and the CLI.

Each text is written the way Union, Hội and Đội documents write it; the asserted shape is the
JSON schema of `doanso plans extract FILE --json` (kept backwards compatible, extended with
`value_max`/`direction` on targets, `start`/`end`/`strength` on deadlines, `results`, `periods`).
"""

import io
import json

import pytest

from doanso.planimport.cli import run_extract
from doanso.planimport.extractor import extract


def _targets(result: dict) -> list[tuple]:
    return [(t["value"], t.get("value_max"), t["direction"]) for t in result["targets"]]


def _deadlines(result: dict) -> list[tuple]:
    return [(d["date"], d.get("end"), d["strength"]) for d in result["deadlines"]]


# 1. the end of a window ------------------------------------------------------------------
def test_window_keeps_both_ends():
    r = extract(
        "THÔNG BÁO\nVề việc thu bài dự thi\nTừ 10/4 đến hết ngày 10/5/2019, các chi đoàn gửi bài dự "
        "thi về Đoàn trường.\n"
    )
    assert _deadlines(r) == [("2019-04-10", "2019-05-10", "during")]
    assert r["deadlines"][0]["start"] == "2019-04-10"


def test_window_with_times_and_weekdays_is_one_window():
    r = extract(
        "THÔNG BÁO\nThu học phí\n- Thời gian: Từ 08h00 thứ hai ngày 29/05/2017 đến 18h00 thứ tư ngày "
        "31/05/2017.\n"
    )
    assert [(d["start"], d["end"]) for d in r["deadlines"]] == [("2017-05-29", "2017-05-31")]


# 2. a month named as a period is not a dated deadline -------------------------------------
def test_month_of_the_work_is_a_period_not_a_deadline():
    r = extract(
        "KẾ HOẠCH\nCông tác Đoàn tháng 12 năm 2024\nI. NỘI DUNG\n1. Triển khai kế hoạch công tác tháng "
        "12/2024.\n"
    )
    assert r["deadlines"] == []
    assert r["periods"] and r["periods"][0]["start"] == "2024-12-01"


def test_months_window_is_a_period():
    r = extract(
        "KẾ HOẠCH\nHè năm 2024\nI. NỘI DUNG\n1. Các hoạt động hè diễn ra từ tháng 4 đến cuối tháng 8 "
        "năm 2024.\n"
    )
    assert r["deadlines"] == []
    assert r["periods"]


def test_month_before_which_work_is_due_stays_a_deadline():
    r = extract("KẾ HOẠCH\nNăm 2024\nI. NỘI DUNG\n1. Các chi đoàn hoàn thành đại hội trước tháng 9/2024.\n")
    assert [d["date"] for d in r["deadlines"]] == ["2024-09-01"]


# 3. rates, thresholds and definitions are not targets ------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "KẾ HOẠCH\nThu đoàn phí năm 2024\nI. NỘI DUNG\n1. Mỗi đoàn viên đóng đoàn phí tối thiểu 5.000 "
        "đồng mỗi tháng.\n",
        "HƯỚNG DẪN\nBình chọn năm 2024\nI. TIÊU CHUẨN\n1. Hộ có thu nhập từ 200 triệu đồng trở lên "
        "được công nhận là hộ sản xuất giỏi.\n",
        "QUY CHẾ\nThi đua năm 2024\nĐiều 5. Chi đoàn nộp báo cáo muộn bị trừ 5 điểm; vắng họp bị trừ 2 "
        "điểm.\n"
        "Điều 6. Chi đoàn đạt từ 90 điểm trở lên được xếp loại xuất sắc.\n",
    ],
)
def test_rates_thresholds_and_penalty_points_are_not_targets(text):
    assert extract(text)["targets"] == []


def test_money_to_raise_is_still_a_target():
    r = extract("KẾ HOẠCH\nNăm 2024\nI. CHỈ TIÊU\n1. Phấn đấu vận động 500 triệu đồng xây nhà nhân ái.\n")
    assert [t["value"] for t in r["targets"]] == [500_000_000]


# 4. counts of things, names and results already achieved --------------------------------
def test_counts_of_things_and_results_are_not_targets():
    r = extract(
        "KẾ HOẠCH\nCông tác năm 2024\nI. NHIỆM VỤ\n1. Triển khai 10 chương trình công tác trọng tâm "
        "tại 15 tỉnh.\n"
        "2. Năm 2023, Đoàn xã đã xây 1 căn nhà tình bạn.\n3. Phấn đấu năm 2024 kết nạp 200 đoàn viên mới.\n"
    )
    assert [t["value"] for t in r["targets"]] == [200]
    assert [x["value"] for x in r["results"]] == [1]


def test_report_of_results_gives_results_not_targets():
    r = extract(
        "Tổng kết Tháng Thanh niên\nNgày 13-4, Tỉnh đoàn tổ chức tổng kết Tháng Thanh niên năm 2023. "
        "Ban Chỉ đạo ban "
        "hành 24 chỉ tiêu, có 23 chỉ tiêu đạt và vượt.\nĐoàn các cấp trồng 28.950 cây xanh, vận động "
        "hiến 974 đơn vị máu.\n"
    )
    assert r["targets"] == []
    assert r["genre"] == "report"


# 5. targets in dash lists inside news text ----------------------------------------------
def test_targets_in_a_dash_list_of_news():
    r = extract(
        "Ra quân Tháng Thanh niên\nNgày 5/3, Đoàn phường ra quân Tháng Thanh niên. Năm nay, Đoàn "
        "phường phấn đấu "
        "thực hiện các phần việc:\n- Xây dựng 30 tuyến hẻm văn minh, 05 chung cư xanh sạch đẹp;\n- "
        "Trồng 500 cây xanh.\n"
    )
    assert [t["value"] for t in r["targets"]] == [30, 5, 500]


# 6. ranges ------------------------------------------------------------------------------
def test_range_is_one_target_with_both_bounds():
    r = extract("KẾ HOẠCH\nNăm 2024\nI. CHỈ TIÊU\n1. Kết nạp từ 25–35 đoàn viên mới.\n")
    assert _targets(r) == [(25, 35, "range")]


@pytest.mark.parametrize(
    ("phrase", "direction"),
    [
        ("Kết nạp ít nhất 20 đoàn viên mới.", "min"),
        ("Kết nạp tối thiểu 20 đoàn viên mới.", "min"),
        ("Kết nạp 20 đoàn viên trở lên.", "min"),
        ("Tỷ lệ đoàn viên xếp loại yếu không quá 5%.", "max"),
        ("Kết nạp 20 đoàn viên mới.", "exact"),
    ],
)
def test_minimums_and_maximums_are_directions(phrase, direction):
    r = extract(f"KẾ HOẠCH\nNăm 2024\nI. CHỈ TIÊU\n1. {phrase}\n")
    assert [t["direction"] for t in r["targets"]] == [direction]
    assert len(r["targets"]) == 1


def test_numbers_written_as_words_after_a_bound():
    r = extract(
        "KẾ HOẠCH\nNăm 2024\nI. CHỈ TIÊU\n1. Mỗi cơ sở Hội xây dựng từ một đến hai công trình; "
        "mỗi chi hội giúp hai gia đình trở lên; ít nhất một mô hình kinh tế.\n"
    )
    assert _targets(r) == [(1, 2, "range"), (2, None, "min"), (1, None, "min")]


# 7. deadlines phrased negatively ----------------------------------------------------------
def test_negative_deadline_is_read():
    r = extract(
        "THÔNG BÁO\nVề việc nộp báo cáo\nCác chi đoàn gửi báo cáo về Đoàn trường; nếu gửi muộn sau "
        "ngày 20/5/2024 "
        "thì không được xét thi đua.\n"
    )
    assert _deadlines(r) == [("2024-05-20", None, "conditional")]


def test_until_end_of_day_is_a_deadline_in_a_notice():
    r = extract("Thông báo gia hạn cuộc thi\n- Thời gian nhận bài dự thi: đến hết ngày 30/9/2022.\n")
    assert _deadlines(r) == [("2022-09-30", None, "before")]


# 8. weekday and monthly duties -----------------------------------------------------------
@pytest.mark.parametrize(
    ("phrase", "rule"),
    [
        ("Tổ chức chào cờ vào tất cả các thứ Hai đầu tuần.", "FREQ=WEEKLY;BYDAY=MO"),
        ("Đội cờ đỏ trực vào thứ 2, thứ 4 hằng tuần.", "FREQ=WEEKLY;BYDAY=MO,WE"),
        ("Câu lạc bộ sinh hoạt vào chiều thứ Ba và thứ Năm.", "FREQ=WEEKLY;BYDAY=TU,TH"),
        ("Hằng tháng duy trì 1–3 buổi sinh hoạt chuyên đề.", "FREQ=MONTHLY"),
        ("Chi hội quý họp một lần.", "FREQ=MONTHLY;INTERVAL=3"),
    ],
)
def test_weekday_and_monthly_duties(phrase, rule):
    r = extract(f"KẾ HOẠCH\nNăm học 2024\nI. NỘI DUNG\n1. {phrase}\n")
    assert [x["rule"] for x in r["recurring"]] == [rule]
    assert r["targets"] == []  # "1–3 buổi" a month is a frequency


def test_dated_weekdays_are_not_a_weekly_rule():
    r = extract("KẾ HOẠCH\nNăm 2024\nI. NỘI DUNG\n1. Tập huấn vào thứ 2, thứ 3 ngày 11/3/2024.\n")
    assert r["recurring"] == []


# 9. the CLI never drops what it found --------------------------------------------------------
def _run(path) -> tuple[int, dict | None, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_extract(str(path), out, err)
    return code, (json.loads(out.getvalue()) if out.getvalue() else None), err.getvalue()


def test_cli_keeps_recurring_duties_when_nothing_else_is_found(tmp_path):
    path = tmp_path / "lich.txt"
    path.write_text("các chi đoàn sinh hoạt vào thứ 2, thứ 4 hằng tuần\n", encoding="utf-8")
    code, data, _ = _run(path)
    assert code == 0
    assert [x["rule"] for x in data["recurring"]] == ["FREQ=WEEKLY;BYDAY=MO,WE"]


def test_cli_exits_3_only_when_nothing_at_all_is_found(tmp_path):
    path = tmp_path / "rong.txt"
    path.write_text("***\n", encoding="utf-8")
    code, data, err = _run(path)
    assert (code, data) == (3, None)
    assert "không tìm thấy nội dung" in err


# 10. numbers of regulations and notices ---------------------------------------------------
@pytest.mark.parametrize(
    ("header", "kind", "number"),
    [
        ("Số: 01/QC-ĐTN", "quy_che", "01/QC-ĐTN"),
        ("Số: 13/TB-HSV", "thong_bao", "13/TB-HSV"),
        ("Số 05-QĐ/ĐTN", "quyet_dinh", "05-QĐ/ĐTN"),
    ],
)
def test_numbers_of_regulations_notices_and_decisions(header, kind, number):
    word = {"quy_che": "QUY CHẾ", "thong_bao": "THÔNG BÁO", "quyet_dinh": "QUYẾT ĐỊNH"}[kind]
    r = extract(
        f"ĐOÀN TNCS HỒ CHÍ MINH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBCH ĐOÀN TRƯỜNG | Độc lập - Tự do "
        f"- Hạnh phúc\n"
        f"{header} | Hà Nội, ngày 05 tháng 9 năm 2023\n{word}\nVề việc tổ chức sinh hoạt\nĐiều 1. Nội dung.\n"
    )
    assert (r["kind"], r["number"], r["date"]) == (kind, number, "2023-09-05")


# evidence and confidence ------------------------------------------------------------------
def test_every_item_carries_evidence_and_confidence():
    r = extract(
        "KẾ HOẠCH\nNăm 2024\nI. CHỈ TIÊU\n1. Kết nạp 20 đoàn viên mới.\n"
        "2. Nộp báo cáo trước ngày 15/6/2024.\n3. Họp giao ban vào thứ Hai hằng tuần.\n"
    )
    items = r["targets"] + r["deadlines"] + r["recurring"]
    assert len(items) == 3
    for item in items:
        assert isinstance(item["line"], int) and item["line"] >= 1
        start, end = item["span"]
        assert 0 <= start < end
        assert 0 < item["confidence"] <= 1
        assert item["class"] in {"target", "deadline", "recurring"}


def test_statistics_of_a_news_item_are_results_not_targets_or_duties():
    r = extract(
        "Đẩy mạnh phong trào\nTrong giai đoạn 2017-2022, bình quân hằng năm, số hội viên đăng ký "
        "danh hiệu tăng 4,3%, chiếm 53,4% tổng số hộ.\n"
    )
    assert r["targets"] == [] and r["recurring"] == []
    assert {(x["value"], x["percent"]) for x in r["results"]} >= {(53.4, True)}


def test_a_count_per_member_written_as_a_word_is_a_target():
    r = extract(
        "Hướng về biên giới\nMỗi chi đoàn đăng ký tặng 1 đến 2 suất quà cho gia đình chính sách. "
        "Mỗi đoàn viên thanh niên có một việc làm thiết thực vì đối tượng chính sách.\n"
    )
    assert _targets(r) == [(1, 2, "range"), (1, None, "exact")]
