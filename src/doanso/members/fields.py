"""Parsing of import cells (plain functions, no database): each returns (value, error message | None).

Messages are Vietnamese and name the problem, not the place; the importer adds row and column.
"""

import csv
import re
from datetime import date
from pathlib import Path

from django.utils.translation import gettext

from doanso.core import vn
from doanso.core.text import fold

GENDERS = {"nam": "nam", "nu": "nu", "khac": "khac", "male": "nam", "female": "nu", "m": "nam", "f": "nu"}
OCCUPATIONS = {
    "truong hoc": "truong_hoc",
    "hoc sinh": "truong_hoc",
    "sinh vien": "truong_hoc",
    "hoc sinh, sinh vien": "truong_hoc",
    "dia ban dan cu": "dia_ban",
    "dia ban": "dia_ban",
    "nong thon": "dia_ban",
    "do thi": "dia_ban",
    "cong nhan": "cong_nhan",
    "doanh nghiep": "cong_nhan",
    "cong nhan, doanh nghiep": "cong_nhan",
    "cong chuc": "cong_chuc",
    "vien chuc": "cong_chuc",
    "cong chuc, vien chuc": "cong_chuc",
    "luc luong vu trang": "llvt",
    "llvt": "llvt",
    "khac": "khac",
}
_DIGITS = re.compile(r"\d+")
_ANY_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def parse_date(text: str) -> tuple[date | None, str | None]:
    """A date as Vietnamese files write it (read by `core.vn.parse_date`: dd/mm/yyyy, d/m/yy,
    dd-mm-yyyy, dd.mm.yyyy, ISO, Excel serials, "ngày 15 tháng 3 năm 2024")."""
    if not text.strip():
        return None, gettext("không được để trống")
    try:
        return vn.parse_date(text), None
    except vn.VnParseError as exc:
        return None, exc.message.rstrip(".")


def parse_gender(text: str) -> tuple[str | None, str | None]:
    g = GENDERS.get(fold(text))
    if g is None:
        return None, f"“{text}” không hợp lệ (Nam, Nữ hoặc Khác)" if text.strip() else "không được để trống"
    return g, None


def _load_provinces() -> dict[str, str]:
    """Province codes of Circular 07/2016/TT-BCA (Appendix 1: where the birth was registered) → name."""
    with (Path(__file__).with_name("data") / "cccd_provinces.csv").open(encoding="utf-8", newline="") as fh:
        return {r["code"]: r["name"] for r in csv.DictReader(fh)}


PROVINCES = _load_provinces()
# The 4th digit: century of birth and gender (Circular 07/2016/TT-BCA, Article 7).
CENTURY_GENDER = {
    "0": (1900, "nam"),
    "1": (1900, "nu"),
    "2": (2000, "nam"),
    "3": (2000, "nu"),
    "4": (2100, "nam"),
    "5": (2100, "nu"),
    "6": (2200, "nam"),
    "7": (2200, "nu"),
    "8": (1800, "nam"),
    "9": (1800, "nu"),
}
_GENDER_WORD = {"nam": "nam", "nu": "nữ"}


def parse_cccd(text: str) -> tuple[str | None, str | None]:
    """12 digits whose first three are a province code (Circular 07/2016/TT-BCA).

    A CCCD always begins with 0 (every province code is below 100), so 10 or 11 digits that do
    not begin with 0 are a number whose leading zeros Excel dropped (a numeric cell, or its text
    in a CSV saved from Excel): they get them back. Text that already begins with 0 has lost
    nothing: it must have all 12 digits."""
    t = text.strip().replace(" ", "")
    if not t:
        return None, gettext("không được để trống")
    if t.endswith(".0") and t[:-2].isdigit():
        t = t[:-2]
    if not t.isdigit() or not t.isascii():
        if "e+" in t.lower():
            return None, gettext("“%(v)s” bị Excel đổi sang dạng số mũ; hãy định dạng cột là văn bản") % {
                "v": text
            }
        return None, gettext("“%(v)s” chỉ được gồm chữ số") % {"v": text}
    if len(t) in (10, 11) and t[0] != "0":
        t = t.zfill(12)
    if len(t) != 12:
        return None, gettext("sai độ dài: “%(v)s” có %(n)s chữ số, Số CCCD phải có đúng 12 chữ số") % {
            "v": text.strip(),
            "n": len(t),
        }
    if t[:3] not in PROVINCES:
        return None, gettext(
            "sai mã tỉnh: “%(p)s” (3 chữ số đầu) không phải mã tỉnh nơi đăng ký khai sinh "
            "(Thông tư 07/2016/TT-BCA)"
        ) % {"p": t[:3]}
    return t, None


def check_cccd(cccd: str, birth: date | None, gender: str | None) -> str | None:
    """The CCCD's 4th digit (century and gender) and 5th–6th (year of birth) against the row's
    birth date and gender; None when they agree (or the row lacks what to compare)."""
    century, sex = CENTURY_GENDER[cccd[3]]
    if birth is not None:
        if birth.year // 100 * 100 != century:
            return gettext(
                "sai thế kỷ/giới tính: chữ số thứ 4 “%(d)s” là người sinh năm %(a)s–%(b)s, "
                "nhưng ngày sinh là năm %(y)s"
            ) % {"d": cccd[3], "a": century, "b": century + 99, "y": birth.year}
        if int(cccd[4:6]) != birth.year % 100:
            return gettext("sai năm sinh: chữ số thứ 5–6 “%(yy)s” phải là 2 số cuối của năm sinh (%(y)s)") % {
                "yy": cccd[4:6],
                "y": birth.year,
            }
    if gender in _GENDER_WORD and gender != sex:
        return gettext(
            "sai thế kỷ/giới tính: chữ số thứ 4 “%(d)s” là của người giới tính %(s)s, "
            "nhưng dòng ghi giới tính %(g)s"
        ) % {"d": cccd[3], "s": _GENDER_WORD[sex], "g": _GENDER_WORD[gender]}
    return None


def parse_phone(text: str) -> tuple[str, str | None]:
    """Optional. Vietnamese numbers: 10 digits from 0, or +84; a lost leading zero is restored."""
    t = text.strip()
    if not t:
        return "", None
    digits = "".join(_DIGITS.findall(t))
    if t.startswith("+84") or (digits.startswith("84") and len(digits) == 11):
        digits = "0" + digits[2:]
    if len(digits) == 9 and digits[0] != "0":
        digits = "0" + digits
    if len(digits) != 10 or digits[0] != "0" or not digits.isascii():
        return "", f"“{text}” không phải số điện thoại Việt Nam (10 chữ số, bắt đầu bằng 0)"
    return digits, None


def parse_name(text: str) -> tuple[str | None, str | None]:
    t = " ".join(text.split())
    if not t:
        return None, "không được để trống"
    if len(t) > 120:
        return None, "dài quá 120 ký tự"
    if _ANY_DIGIT.search(t):
        return None, f"“{t}” có chữ số"
    return t, None


def parse_occupation(text: str) -> tuple[str, str | None]:
    if not text.strip():
        return "khac", None
    v = OCCUPATIONS.get(fold(text))
    if v is None:
        return (
            "khac",
            f"“{text}” không phải khối đã biết (Trường học, Địa bàn dân cư, Công nhân, Công chức, LLVT…)",
        )
    return v, None


def parse_email(text: str) -> tuple[str, str | None]:
    t = text.strip()
    if t and not _EMAIL.match(t):
        return "", f"“{t}” không phải địa chỉ thư điện tử"
    return t, None
