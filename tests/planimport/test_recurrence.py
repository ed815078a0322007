"""Recurring duties become RFC 5545 rules that python-dateutil can expand."""

from datetime import datetime

import pytest
from dateutil.rrule import rrulestr

from doanso.planimport.recurrence import find_rules


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Gửi báo cáo tuần trước 12h00 thứ Sáu hằng tuần.", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0"),
        ("sinh hoạt vào thứ Hai hàng tuần", "FREQ=WEEKLY;BYDAY=MO"),
        ("báo cáo hằng tuần vào thứ 5, trước 16 giờ", "FREQ=WEEKLY;BYDAY=TH;BYHOUR=16;BYMINUTE=0"),
        ("Hằng năm tổ chức diễn đàn", "FREQ=YEARLY"),
        ("Hội thi Olympic (02 năm/lần)", "FREQ=YEARLY;INTERVAL=2"),
        ("bản tin định kỳ 1 số/quý", "FREQ=MONTHLY;INTERVAL=3"),
        ("bản tin định kỳ 4 số/năm", "FREQ=MONTHLY;INTERVAL=3"),
        ("phát sóng (định kỳ 01 số/tuần)", "FREQ=WEEKLY"),
        ("đối thoại tối thiểu 01 lần/năm", "FREQ=YEARLY"),
        ("họp thường kỳ 03 tháng/lần", "FREQ=MONTHLY;INTERVAL=3"),
        ("báo cáo trước ngày 30/11 hằng năm", "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30"),
        ("nộp báo cáo tháng trước ngày 25 hằng tháng", "FREQ=MONTHLY;BYMONTHDAY=25"),
        ("kiểm tra định kỳ 6 tháng", "FREQ=MONTHLY;INTERVAL=6"),
        ("giao ban hằng quý", "FREQ=MONTHLY;INTERVAL=3"),
    ],
)
def test_rules(text, rule):
    rules = [r.rule for r in find_rules(text)]
    assert rules[0] == rule


@pytest.mark.parametrize(
    "text",
    ["Ngân hàng chính sách xã hội", "các năm tiếp theo", "Tháng Thanh niên năm 2023", "sơ kết 6 tháng"],
)
def test_not_rules(text):
    assert find_rules(text) == []


def test_rules_expand_with_dateutil():
    rule = find_rules("trước 12h00 thứ Sáu hằng tuần")[0].rule
    dates = list(rrulestr(rule, dtstart=datetime(2023, 3, 1)).xafter(datetime(2023, 3, 1), count=3))
    assert dates == [datetime(2023, 3, 3, 12, 0), datetime(2023, 3, 10, 12, 0), datetime(2023, 3, 17, 12, 0)]
