"""The import file's columns: the fields, their Vietnamese headers and the variants secretaries
write, and the header matching (pure: no database, no file)."""

import re

from doanso.core.text import fold

REQUIRED = [
    ("full_name", "Họ và tên"),
    ("birth_date", "Ngày sinh"),
    ("gender", "Giới tính"),
    ("cccd", "Số CCCD"),
    ("admitted_on", "Ngày vào Đoàn"),
    ("branch", "Mã chi đoàn"),
]
OPTIONAL = [
    ("phone", "Số điện thoại"),
    ("email", "Thư điện tử"),
    ("occupation", "Khối"),
    ("ethnicity", "Dân tộc"),
    ("religion", "Tôn giáo"),
    ("address", "Địa chỉ"),
    ("education", "Trình độ học vấn"),
    ("admitting_unit", "Nơi kết nạp"),
    ("card_number", "Số thẻ đoàn viên"),
]
# Header names as secretaries write them, folded (no accents, lower case, punctuation as spaces).
ALIASES = {
    "full_name": ["ho ten", "ho va ten doan vien", "ho ten doan vien", "ten doan vien", "ho va ten dv"],
    "birth_date": ["ngay thang nam sinh", "sinh ngay", "ngay sinh dd mm yyyy", "ngay thang sinh"],
    "gender": ["gioi", "nam nu", "phai"],
    "cccd": [
        "cccd",
        "cccd cmnd",
        "cmnd cccd",
        "so cccd cmnd",
        "so cmnd cccd",
        "can cuoc cong dan",
        "so can cuoc cong dan",
        "so can cuoc",
        "so dinh danh",
        "so dinh danh ca nhan",
        "ma dinh danh",
        "so cmnd",
    ],
    "phone": ["sdt", "so dt", "dien thoai", "dt", "dtdd", "so dien thoai di dong", "dien thoai lien he"],
    "admitted_on": [
        "ngay ket nap",
        "ngay ket nap doan",
        "ngay vao doan tncs ho chi minh",
        "ngay vao dang doan",
    ],
    "branch": ["ma chi doan", "ma don vi", "ma chi doan co so"],
    "email": ["email", "e mail", "thu dien tu", "dia chi email", "gmail"],
    "occupation": ["khoi doan vien", "thuoc khoi"],
    "card_number": ["so the doan", "so the"],
}
ROW_HEADER = "Dòng (tệp gốc)"  # columns the error workbook adds (ignored when it is imported again)
ERROR_HEADER = "Lỗi"
TEMPLATE_HEADERS = [h for _, h in REQUIRED[:4] + OPTIONAL[:1] + REQUIRED[4:] + OPTIONAL[1:]]
LABEL = dict(REQUIRED + OPTIONAL)
MIN_HEADER_SCORE = 3  # a row naming this many required columns is taken as the header row


_PUNCT = re.compile(r"\(.*?\)|\[.*?\]|\*|[^0-9a-z]+")


def header_key(name: str) -> str:
    """A header cell folded for matching: accents, case, stray spaces, notes in brackets and
    punctuation ignored ("Số CCCD/CMND (*)" → "so cccd cmnd")."""
    return " ".join(_PUNCT.sub(" ", fold(name)).split())


_BY_KEY = {header_key(h): k for k, h in REQUIRED + OPTIONAL}
_BY_KEY.update({alias: k for k, names in ALIASES.items() for alias in names})
_REQUIRED_KEYS = {k for k, _ in REQUIRED}


_NAME_PARTS = {  # a name kept in two columns: "Họ và tên đệm" | "Tên"
    **{k: "name_family" for k in ("ho dem", "ho va ten dem", "ho va dem", "ho", "ho lot", "ho va chu lot")},
    "ten": "name_given",
}


def header_columns(header: list[str]) -> dict[str, int]:
    """Field → column index for the header cells this importer knows (the first of repeated ones).

    A name in two columns — "Họ đệm" and "Tên", or "Họ và tên" over two merged cells (the
    second header cell blank) — maps "full_name" to the first and "name_given" to the second."""
    col: dict[str, int] = {}
    parts: dict[str, int] = {}
    for i, name in enumerate(header):
        k = header_key(name)
        key = _BY_KEY.get(k)
        if key and key not in col:
            col[key] = i
        elif k in _NAME_PARTS:
            parts.setdefault(_NAME_PARTS[k], i)
    if "full_name" not in col and len(parts) == 2 and parts["name_family"] < parts["name_given"]:
        col["full_name"], col["name_given"] = parts["name_family"], parts["name_given"]
    elif "full_name" in col and col["full_name"] + 1 < len(header) and not header[col["full_name"] + 1]:
        col["name_given"] = col["full_name"] + 1
    return col


def header_score(cells: list[str]) -> int:
    return len(_REQUIRED_KEYS.intersection(header_columns(cells)))


KEY_OF_LABEL = {label: key for key, label in LABEL.items()}
