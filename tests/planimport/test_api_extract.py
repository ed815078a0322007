"""POST /api/v1/plans/extract (multipart file → the extractor's JSON) and the draft endpoints."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from doanso.core.models import AuditLog
from doanso.planimport.extractor import extract_file
from doanso.planimport.models import DraftStatus, PlanDraft
from doanso.plans.models import Target

from ._helpers import SEEDS, SOCTRANG, docx_bytes, docx_upload, seed_upload

pytestmark = pytest.mark.django_db


def _post_file(caller, path, upload, **query):
    q = ("?" + "&".join(f"{k}={v}" for k, v in query.items())) if query else ""
    return caller.client.post(f"/api/v1{path}{q}", {"file": upload}, headers=caller.headers)


def test_extract_txt_seed_is_exactly_the_command_output(api):
    r = _post_file(api("ct.admin"), "/plans/extract", seed_upload())
    assert r.status_code == 200, r.content
    expected = json.loads(json.dumps(extract_file(SEEDS / SOCTRANG), ensure_ascii=False))
    assert r.json() == expected
    body = r.json()
    assert body["kind"] == "chuong_trinh"
    assert {"value": 85000, "unit": "lượt"}.items() <= body["targets"][2].items()
    assert not PlanDraft.objects.exists()


def test_extract_docx(api, tmp_path):
    r = _post_file(api("ct.admin"), "/plans/extract", docx_upload())
    assert r.status_code == 200, r.content
    body = r.json()
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(docx_bytes())
    assert body == json.loads(json.dumps(extract_file(path), ensure_ascii=False))
    assert body["number"] == "45-KH/TĐTN-BTG" and body["date"] == "2026-01-10"
    assert [t["value"] for t in body["targets"]] == [12000, 100, 5000]
    assert body["recurring"][0]["rule"] == "FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0"
    assert body["deadlines"][0]["date"] == "2026-04-05"
    for key in (
        "kind",
        "number",
        "issuer",
        "place",
        "date",
        "title",
        "period",
        "sections",
        "targets",
        "deadlines",
        "recurring",
        "references",
    ):
        assert key in body


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("rong.txt", b"", "rỗng"),
        ("a.xlsx", b"PK\x03\x04xx", "chưa được hỗ trợ"),
        ("hong.docx", b"PK\x03\x04 broken", "Không đọc được tệp Word"),
        ("scan.pdf", b"%PDF-1.4\n%%EOF", "PDF"),
    ],
)
def test_extract_bad_files(api, name, content, message):
    r = _post_file(api("ct.admin"), "/plans/extract", SimpleUploadedFile(name, content))
    assert r.status_code == 400
    assert message in r.json()["detail"]


def test_extract_needs_a_file_login_and_a_unit(api, client):
    assert api("ct.admin").client.post(
        "/api/v1/plans/extract", {}, headers=api("ct.admin").headers
    ).status_code in (400, 422)
    assert client.post("/api/v1/plans/extract", {"file": seed_upload()}).status_code == 401
    r = _post_file(api("doanvien.demo"), "/plans/extract", seed_upload())
    assert r.status_code == 403 and "cán bộ" in r.json()["detail"]


def test_draft_api_round_trip(api):
    ct = api("ct.admin")
    r = _post_file(ct, "/plans/drafts", docx_upload(), unit="CT")
    assert r.status_code == 201, r.content
    d = r.json()
    assert d["unit"] == "CT" and d["status"] == "draft" and len(d["reviewed"]["targets"]) == 3
    # issue 11: suggested indicators are preselected (and marked so) on a new draft
    preselected = [t for t in d["reviewed"]["targets"] if t["indicator"]]
    assert preselected and all(t["suggested"] for t in preselected)
    page = ct.get("/plans/drafts").json()
    assert ([x["id"] for x in page["items"]], page["count"]) == ([d["id"]], 1)
    assert ct.get("/plans/drafts", unit="CT").status_code == 200
    assert ct.get(f"/plans/drafts/{d['id']}").json()["file_name"] == "ke-hoach.docx"
    rv = d["reviewed"]
    # refused: accept while a target has no indicator
    unmapped = {k: rv[k] for k in ("title", "kind", "period", "date", "number")}
    unmapped["targets"] = [t | {"indicator": None} for t in rv["targets"]]
    r = ct.request("put", f"/plans/drafts/{d['id']}", data=unmapped, content_type="application/json")
    assert r.status_code == 200 and any("chưa gắn chỉ số" in p for p in r.json()["problems"])
    r = ct.post(f"/plans/drafts/{d['id']}/accept")
    assert r.status_code == 400 and "chưa gắn chỉ số" in r.json()["detail"]
    targets = [rv["targets"][0] | {"indicator": "TN_LUOT"}, rv["targets"][2] | {"indicator": "CAY_XANH"}]
    payload = {
        "title": rv["title"],
        "kind": rv["kind"],
        "period": rv["period"],
        "date": rv["date"],
        "number": rv["number"],
        "targets": targets,
    }
    r = ct.request("put", f"/plans/drafts/{d['id']}", data=payload, content_type="application/json")
    assert r.status_code == 200, r.content
    assert r.json()["problems"] == []
    bad = payload | {"targets": [{"value": "x", "subject": "y"}]}
    r = ct.request("put", f"/plans/drafts/{d['id']}", data=bad, content_type="application/json")
    assert r.status_code == 400 and r.json()["detail"].startswith("Chỉ tiêu thứ 1:")
    r = ct.post(f"/plans/drafts/{d['id']}/accept")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == DraftStatus.ACCEPTED
    plan_id = r.json()["plan_id"]
    assert sorted(Target.objects.filter(plan_id=plan_id).values_list("indicator__code", flat=True)) == [
        "CAY_XANH",
        "TN_LUOT",
    ]
    # the plans module's dashboard shows the targets
    board = ct.get(f"/plans/{plan_id}/dashboard", unit="CT")
    assert board.status_code == 200
    assert {t["indicator"] for t in board.json()["targets"]} == {"CAY_XANH", "TN_LUOT"}


def test_draft_api_bad_upload_writes_nothing(api):
    before = AuditLog.objects.count()
    r = _post_file(api("ct.admin"), "/plans/drafts", SimpleUploadedFile("x.txt", b"\x00\x01\x02"), unit="CT")
    assert r.status_code == 400 and "nhị phân" in r.json()["detail"]
    assert not PlanDraft.objects.exists() and AuditLog.objects.count() == before


def test_delete_draft(api):
    ct = api("ct.admin")
    d = _post_file(ct, "/plans/drafts", seed_upload(), unit="CT").json()
    assert ct.request("delete", f"/plans/drafts/{d['id']}").status_code == 204
    assert not PlanDraft.objects.exists()
