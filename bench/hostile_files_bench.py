"""Hostile files (issue 12, findings 2 and 3): how fast and how cheaply the bombs of the issue
are refused now, each measured in a fresh process (peak memory is that process's).

    python bench/hostile_files_bench.py

- a 1.1 GB-when-unpacked .xlsx (a valid sheet padded with blanks, about 1 MB on disk):
  `core.tabular.open_table` (what the import and the upload's check call);
- a .docx whose document.xml is 300 MB, and one with 1.2 million characters of text:
  `planimport.upload.read_upload` (what the web upload calls).
Prints seconds to the refusal, peak RSS (MB) and the message.
"""

import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def padded(src_bytes: bytes, part: str, marker: bytes, pad_mb: int, extra: bytes = b"") -> bytes:
    src = zipfile.ZipFile(io.BytesIO(src_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename != part:
                z.writestr(info.filename, data)
                continue
            head, tail = data.split(marker, 1)
            with z.open(part, "w", force_zip64=True) as fh:
                fh.write(head)
                block = b" " * (1 << 20)
                for _ in range(pad_mb):
                    fh.write(block)
                fh.write(extra + marker + tail)
    return out.getvalue()


def make_files(d: Path) -> dict[str, Path]:
    import docx
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Mã chi đoàn"])
    wb.active.append(["Nguyễn Văn A", "01/01/2004", "Nam", "001204000001", "HN-01"])
    buf = io.BytesIO()
    wb.save(buf)
    files = {"xlsx-1.1GB": d / "bom.xlsx"}
    files["xlsx-1.1GB"].write_bytes(padded(buf.getvalue(), "xl/worksheets/sheet1.xml", b"<sheetData>", 1100))
    doc = docx.Document()
    doc.add_paragraph("KẾ HOẠCH")
    buf = io.BytesIO()
    doc.save(buf)
    files["docx-300MB-xml"] = d / "bom.docx"
    files["docx-300MB-xml"].write_bytes(padded(buf.getvalue(), "word/document.xml", b"<w:sectPr", 300))
    para = b"<w:p><w:r><w:t>" + "đoàn viên ".encode() * 100 + b"</w:t></w:r></w:p>"
    files["docx-1.2M-chars"] = d / "dai.docx"
    files["docx-1.2M-chars"].write_bytes(
        padded(buf.getvalue(), "word/document.xml", b"<w:sectPr", 0, extra=para * 1200)
    )
    return files


CHILD = """
import os, resource, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from doanso.core.errors import UserError
from doanso.core.tabular import open_table
from doanso.planimport.upload import read_upload
kind, path = sys.argv[1], sys.argv[2]
t = time.perf_counter()
try:
    if kind.startswith("xlsx"):
        open_table(path)
        msg = "READ (not refused)"
    else:
        read_upload(SimpleUploadedFile(os.path.basename(path), open(path, "rb").read()))
        msg = "READ (not refused)"
except UserError as exc:
    msg = exc.message
dt = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{dt:.3f}\\t{rss:.0f}\\t{msg}")
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp))
        print(f"{'file':18} {'on disk':>9} {'seconds':>8} {'peak MB':>8}  message")
        for kind, path in files.items():
            out = subprocess.run(
                [sys.executable, "-c", CHILD, kind, str(path)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                env=os.environ | {"DATABASE_URL": os.environ.get("DATABASE_URL", "")},
            )
            if out.returncode:
                print(kind, "failed:", out.stderr[-2000:])
                continue
            secs, rss, msg = out.stdout.strip().splitlines()[-1].split("\t", 2)
            size = f"{path.stat().st_size / 1e6:.1f} MB"
            print(f"{kind:18} {size:>9} {secs:>8} {rss:>8}  {msg[:110]}")


if __name__ == "__main__":
    main()
