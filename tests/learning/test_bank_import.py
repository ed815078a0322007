"""Questions imported from the Excel template: all or nothing, errors naming row and column."""

from openpyxl import Workbook

from doanso.learning import bank
from doanso.learning.models import Question


def _xlsx(tmp_path, rows, header=None, title=True):
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append(["NGÂN HÀNG CÂU HỎI CUỘC THI TÌM HIỂU NGHỊ QUYẾT"])
    ws.append(header or bank.HEADER)
    for r in rows:
        ws.append(r)
    path = tmp_path / "cau-hoi.xlsx"
    wb.save(path)
    return path


GOOD = [
    ["Đoàn TNCS Hồ Chí Minh thành lập năm nào?", "1930", "1931", "1941", "1945", "B", "Lịch sử", "Dễ"],
    ["Câu hai có hai phương án?", "Có", "Không", "", "", "a", "Khác", "Khó"],
]


def _upload(api, contest_id, path):
    with open(path, "rb") as fh:
        return api("hcm.admin").client.post(
            f"/api/v1/contests/{contest_id}/questions/import",
            {"file": fh},
            headers=api("hcm.admin").headers,
        )


def test_template_reads_back(tmp_path):
    path = tmp_path / "mau.xlsx"
    bank.write_template(path)
    rows = bank.read_questions(path)
    assert [r["answer"] for r in rows] == [1, 1]
    assert rows[1]["options"] == ["2017", "2022", "2012"]


def test_import_through_the_api(api, contest, tmp_path):
    r = _upload(api, contest["id"], _xlsx(tmp_path, GOOD))
    assert r.status_code == 201, r.content
    assert r.json() == {"imported": 2, "questions": 14}
    q = Question.objects.get(contest_id=contest["id"], text__startswith="Câu hai")
    assert (q.options, q.answer, q.topic, q.difficulty) == (["Có", "Không"], 0, "Khác", 3)


def test_bad_rows_are_named_and_nothing_is_written(api, contest, tmp_path):
    rows = GOOD + [
        ["", "A", "B", "", "", "A", "", ""],
        ["Đáp án ngoài?", "A", "B", "", "", "C", "", "Dễ"],
        ["Mức độ lạ?", "A", "B", "", "", "A", "", "Rất khó"],
    ]
    r = _upload(api, contest["id"], _xlsx(tmp_path, rows))
    assert r.status_code == 400
    detail = r.json()["detail"]
    assert "Dòng 5, cột “Câu hỏi”" in detail
    assert "Dòng 6, cột “Đáp án”" in detail
    assert "Dòng 7, cột “Mức độ”" in detail
    assert Question.objects.filter(contest_id=contest["id"]).count() == 12


def test_missing_column_is_named(api, contest, tmp_path):
    header = ["Câu hỏi", "Phương án A", "Phương án B", "Chủ đề"]
    r = _upload(api, contest["id"], _xlsx(tmp_path, [["A?", "1", "2", "x"]], header=header))
    assert r.status_code == 400
    assert "“Đáp án”" in r.json()["detail"]


def test_a_picture_is_refused(api, contest, tmp_path):
    path = tmp_path / "cau-hoi.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    r = _upload(api, contest["id"], path)
    assert r.status_code == 400
    assert Question.objects.filter(contest_id=contest["id"]).count() == 12


def test_another_provinces_admin_cannot_import(api, contest, tmp_path):
    with open(_xlsx(tmp_path, GOOD), "rb") as fh:
        r = api("hn.admin").client.post(
            f"/api/v1/contests/{contest['id']}/questions/import",
            {"file": fh},
            headers=api("hn.admin").headers,
        )
    assert r.status_code == 404
    assert Question.objects.filter(contest_id=contest["id"]).count() == 12
