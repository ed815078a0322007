"""The question bank's Excel template and import (all or nothing: one bad row and nothing is written).

Template columns (a title row above the header is fine, `core.tabular` finds the header):
"Câu hỏi", "Phương án A", "Phương án B", "Phương án C", "Phương án D", "Đáp án" (A–D),
"Chủ đề" (free text, used as a tag), "Mức độ" (Dễ / Trung bình / Khó, or 1–3).
Phương án C and D may be empty (two-option questions); the answer must name a filled option.
"""

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext

from doanso.core import audit, tabular
from doanso.core.errors import ImportFailed, RowError
from doanso.core.text import fold
from doanso.learning.contests import forget_pool
from doanso.learning.models import Question

QUESTION, ANSWER, TOPIC, LEVEL = "Câu hỏi", "Đáp án", "Chủ đề", "Mức độ"
OPTIONS = ["Phương án A", "Phương án B", "Phương án C", "Phương án D"]
HEADER = [QUESTION, *OPTIONS, ANSWER, TOPIC, LEVEL]
REQUIRED = [QUESTION, "Phương án A", "Phương án B", ANSWER]
LEVELS = {"de": 1, "1": 1, "trung binh": 2, "tb": 2, "2": 2, "kho": 3, "3": 3, "": 1}
MAX_ROWS = 5000
EXAMPLE = [
    [
        "Đoàn TNCS Hồ Chí Minh được thành lập ngày, tháng, năm nào?",
        "26/3/1930",
        "26/3/1931",
        "19/5/1941",
        "3/2/1930",
        "B",
        "Lịch sử Đoàn",
        "Dễ",
    ],
    [
        "Đại hội Đoàn toàn quốc lần thứ XII diễn ra vào năm nào?",
        "2017",
        "2022",
        "2012",
        "",
        "B",
        "Đại hội Đoàn",
        "Trung bình",
    ],
]


def write_template(path: str | Path) -> None:
    tabular.write_table(path, HEADER, EXAMPLE, fmt="xlsx")


def _score(cells: list[str]) -> int:
    return sum(1 for c in cells if c.strip() in HEADER)


def read_questions(path: str | Path) -> list[dict]:
    """Questions of the file; ImportFailed listing every bad row and column (Vietnamese)."""
    table = tabular.open_table(path, header_score=_score, min_score=3)
    col = tabular.check_header(table.header, REQUIRED)
    errors: list[RowError] = []
    out: list[dict] = []

    def cell(cells: list[str], name: str) -> str:
        i = col.get(name)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    for row, cells in table.rows:
        if not any(c.strip() for c in cells):
            continue
        if len(out) + len(errors) >= MAX_ROWS:
            errors.append(RowError(row, QUESTION, gettext("tệp có quá %(n)s câu hỏi.") % {"n": MAX_ROWS}))
            break
        text = cell(cells, QUESTION)
        options = [cell(cells, name) for name in OPTIONS]
        letter = cell(cells, ANSWER).upper()
        level = LEVELS.get(fold(cell(cells, LEVEL)).lower().strip())
        bad = len(errors)
        if not text:
            errors.append(RowError(row, QUESTION, gettext("chưa nhập câu hỏi.")))
        if not options[0] or not options[1]:
            errors.append(
                RowError(
                    row,
                    OPTIONS[0] if not options[0] else OPTIONS[1],
                    gettext("cần ít nhất hai phương án A và B."),
                )
            )
        if options[2] == "" and options[3] != "":
            errors.append(RowError(row, OPTIONS[2], gettext("để trống phương án C nhưng có phương án D.")))
        filled = [o for o in options if o]
        if len(letter) != 1 or letter not in "ABCD" or "ABCD".index(letter) >= len(filled):
            errors.append(
                RowError(
                    row, ANSWER, gettext("“%(v)s” không phải một phương án đã nhập (A–D).") % {"v": letter}
                )
            )
        if level is None:
            errors.append(RowError(row, LEVEL, gettext("cần Dễ, Trung bình hoặc Khó.")))
        if len(errors) == bad:
            out.append(
                {
                    "text": text,
                    "options": filled,
                    "answer": "ABCD".index(letter),
                    "topic": cell(cells, TOPIC)[:100],
                    "difficulty": level,
                }
            )
    if errors:
        raise ImportFailed(errors)
    if not out:
        raise ImportFailed([RowError(table.header_row + 1, QUESTION, gettext("tệp không có câu hỏi nào."))])
    return out


@transaction.atomic
def import_questions(contest, path: str | Path, actor=None) -> int:
    """Add the file's questions to the contest; nothing is written if any row is wrong."""
    rows = read_questions(path)
    forget_pool(contest)  # this worker draws the new questions at once
    Question.objects.bulk_create(Question(unit=contest.unit, contest=contest, **row) for row in rows)
    audit.record(actor, "contest.questions.import", contest, unit=contest.unit, questions=len(rows))
    return len(rows)
