"""Rules of the Union Charter (Điều lệ Đoàn TNCS Hồ Chí Minh, Đại hội XII, 2022) that the registry enforces.

Plain functions, no database. Ages follow the Union's reading of "tuổi từ 16 đến 30":
"từ đủ 15 tuổi + 1 ngày và không quá 30 tuổi" at the time of admission (Hướng dẫn thực hiện
Điều lệ Đoàn; the same wording appears in provincial guidance such as 03-HD/ĐTN Sa Đéc, 2018).
"""

from datetime import date, timedelta

from doanso.core import vn

ADMISSION_MIN_YEARS = 15  # plus one day
ADMISSION_MAX_YEARS = 30
MATURITY_YEARS = 30  # "trưởng thành Đoàn" once a member is past 30
MIN_BRANCH_MEMBERS = 3  # Điều lệ Đoàn, Điều 23: chi đoàn có ít nhất 3 đoàn viên


def add_years(d: date, years: int) -> date:
    """Same day `years` later; 29 February becomes 1 March in a common year."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return date(d.year + years, 3, 1)


def age_on(birth: date, on: date) -> int:
    """Completed years of age on a date."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def admission_error(birth: date, admitted: date, today: date) -> str | None:
    """Why an admission date is invalid, or None."""
    if admitted > today:
        return "ngày vào Đoàn ở tương lai"
    if admitted <= birth:
        return "ngày vào Đoàn phải sau ngày sinh"
    earliest = add_years(birth, ADMISSION_MIN_YEARS) + timedelta(days=1)
    if admitted < earliest:
        return (
            f"chưa đủ tuổi kết nạp (phải từ đủ 15 tuổi + 1 ngày, tức từ {vn.format_date(earliest)}) "
            "theo Điều lệ Đoàn 2022"
        )
    if admitted > add_years(birth, ADMISSION_MAX_YEARS):
        return "quá 30 tuổi tại ngày vào Đoàn (Điều lệ Đoàn 2022)"
    return None


def maturity_date(birth: date) -> date:
    """The day a member reaches 30; from then on they are due for trưởng thành Đoàn."""
    return add_years(birth, MATURITY_YEARS)


def birth_cutoff_for_maturity(on: date) -> date:
    """Members born on or before this date have reached 30 by `on`."""
    return add_years(on, -MATURITY_YEARS)
