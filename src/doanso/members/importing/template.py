"""The import template: the headers, an example row and, in an .xlsx, a guide sheet."""

from pathlib import Path

from doanso.core.tabular import write_table
from doanso.members.importing.columns import LABEL, OPTIONAL, REQUIRED, TEMPLATE_HEADERS

TEMPLATE_EXAMPLE = [
    "Nguyễn Văn An",
    "05/03/2005",
    "Nam",
    "001205012345",
    "0912345678",
    "26/03/2021",
    "MÃ-CHI-ĐOÀN",
    "an.nguyen@example.vn",
    "Trường học",
    "Kinh",
    "Không",
    "Hà Nội",
    "12/12",
    "Chi đoàn 10A1",
    "",
]
TEMPLATE_GUIDE = {
    "full_name": "Họ và tên đầy đủ, có dấu.",
    "birth_date": "Ngày/tháng/năm, ví dụ 05/03/2005 (hoặc ô kiểu ngày của Excel).",
    "gender": "Nam, Nữ hoặc Khác.",
    "cccd": "12 chữ số, ghi ở ô kiểu văn bản để Excel không bỏ số 0 đầu. 3 số đầu là mã tỉnh nơi đăng ký "
    "khai sinh, số thứ 4 là thế kỷ và giới tính, số thứ 5–6 là 2 số cuối năm sinh.",
    "phone": "10 chữ số, bắt đầu bằng 0 (có thể để trống).",
    "admitted_on": "Ngày kết nạp vào Đoàn (từ đủ 15 tuổi + 1 ngày đến 30 tuổi).",
    "branch": "Mã chi đoàn trong hệ thống (xem ở trang đơn vị).",
    "occupation": "Trường học, Địa bàn dân cư, Công nhân, Công chức, LLVT hoặc Khác.",
}


def write_template(out: str | Path, branch_code: str = "MÃ-CHI-ĐOÀN") -> None:
    """An import file with the headers and one example row; an .xlsx also has a guide sheet,
    and its CCCD and phone columns are text, so Excel keeps their leading zeros."""
    example = [branch_code if v == "MÃ-CHI-ĐOÀN" else v for v in TEMPLATE_EXAMPLE]
    if Path(out).suffix.lower() != ".xlsx":
        write_table(out, TEMPLATE_HEADERS, [example])
        return
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(TEMPLATE_HEADERS)
    ws.append(example)
    required = {h for _, h in REQUIRED}
    for i, h in enumerate(TEMPLATE_HEADERS, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True, color="C00000" if h in required else "000000")
        letter = cell.column_letter
        ws.column_dimensions[letter].width = max(14, len(h) + 4)
        if h in (LABEL["cccd"], LABEL["phone"]):
            for row in range(2, 1001):
                ws.cell(row=row, column=i).number_format = "@"
    ws.freeze_panes = "A2"
    guide = wb.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Bắt buộc", "Cách ghi"])
    for key, label in REQUIRED + OPTIONAL:
        guide.append([label, "Có" if label in required else "Không", TEMPLATE_GUIDE.get(key, "")])
    guide.append([])
    guide.append(["Xóa dòng ví dụ (Nguyễn Văn An) trước khi nhập. Cột đỏ là cột bắt buộc."])
    guide.column_dimensions["A"].width = 20
    guide.column_dimensions["C"].width = 90
    wb.save(out)
