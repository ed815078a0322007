"""The data export as an .xlsx workbook: the record on one sheet, each list on its own sheet.

Text is always written as text (a name starting with "=" must not become a formula)."""

import io
import json

from openpyxl import Workbook

SHEETS = {
    "history": "Lịch sử",
    "ratings": "Xếp loại",
    "nominations": "Giới thiệu",
    "dues": "Đoàn phí",
    "consents": "Sự đồng ý",
    "data_requests": "Yêu cầu",
}


def _put(ws, row: int, col: int, value) -> None:
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False, default=str)
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"


def workbook(data: dict) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Hồ sơ"
    _put(ws, 1, 1, "Thông tin")
    _put(ws, 1, 2, "Giá trị")
    row = 2
    for key, value in data.items():
        if key in SHEETS:
            continue
        _put(ws, row, 1, key)
        _put(ws, row, 2, value)
        row += 1
    for key, title in SHEETS.items():
        rows = data.get(key) or []
        sheet = wb.create_sheet(title)
        headers = list(dict.fromkeys(k for r in rows for k in r))
        for c, h in enumerate(headers, 1):
            _put(sheet, 1, c, h)
        for r, item in enumerate(rows, 2):
            for c, h in enumerate(headers, 1):
                _put(sheet, r, c, item.get(h))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
