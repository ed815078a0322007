"""`doanso plans extract FILE --json`: one JSON object on stdout, or a Vietnamese error on stderr."""

from __future__ import annotations

import json
from typing import TextIO

from .extractor import extract_file
from .text import ReadError

__all__ = ["run_extract"]

# exit code 3 only when none of these was found (issue 13: never drop recurring duties alone)
_FINDINGS = (
    "title",
    "number",
    "date",
    "sections",
    "targets",
    "deadlines",
    "recurring",
    "results",
    "periods",
    "references",
    "events",
)


def _write(stream, text: str) -> None:
    # Django's OutputWrapper adds the line ending itself; plain streams need it.
    if hasattr(stream, "style_func"):
        stream.write(text)
    else:
        stream.write(text + "\n")


def run_extract(path: str, stdout: TextIO, stderr: TextIO) -> int:
    """Extract the plan in `path` and print it as JSON; return the process exit code."""
    try:
        result = extract_file(path)
    except ReadError as exc:
        _write(stderr, f"Lỗi: {exc}")
        return 2
    if not any(result.get(key) for key in _FINDINGS):
        _write(
            stderr,
            "Lỗi: không tìm thấy nội dung kế hoạch nào trong tệp (văn bản trống hoặc không đọc được chữ).",
        )
        return 3
    _write(stdout, json.dumps(result, ensure_ascii=False, indent=2))
    return 0
