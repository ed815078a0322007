"""Parsing of import cells (plain functions, no database): each returns (value, error message | None).

Messages are Vietnamese and name the problem, not the place; the importer adds row and column.
"""

import re
from datetime import date

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
    """dd/mm/yyyy (also d/m/yyyy, with "-" or "."); Excel dates arrive already formatted so."""
    t = text.strip()
    if not t:
        return None, "không được để trống"
    parts = t.replace("-", "/").replace(".", "/").split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None, f"“{t}” không phải ngày dạng dd/mm/yyyy"
    d, m, y = (int(p) for p in parts)
    if len(parts[2]) != 4:
        return None, f"“{t}”: năm phải có 4 chữ số (dd/mm/yyyy)"
    try:
        return date(y, m, d), None
    except ValueError:
        return None, f"“{t}” không phải ngày có thật"


def parse_gender(text: str) -> tuple[str | None, str | None]:
    g = GENDERS.get(fold(text))
    if g is None:
        return None, f"“{text}” không hợp lệ (Nam, Nữ hoặc Khác)" if text.strip() else "không được để trống"
    return g, None


def parse_cccd(text: str) -> tuple[str | None, str | None]:
    """12 digits. A number Excel stored without its leading zeros (10 or 11 digits) gets them back."""
    t = text.strip().replace(" ", "")
    if not t:
        return None, "không được để trống"
    if t.endswith(".0") and t[:-2].isdigit():
        t = t[:-2]
    if not t.isdigit() or not t.isascii():
        if "e+" in t.lower():
            return None, f"“{text}” bị Excel đổi sang dạng số mũ; hãy định dạng cột là văn bản"
        return None, f"“{text}” chỉ được gồm chữ số"
    if len(t) in (10, 11):
        t = t.zfill(12)
    if len(t) != 12:
        return None, f"“{text}” phải có 12 chữ số"
    return t, None


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
