"""Web pages: the public certificate page, the public verifier, the PDF, the admins' list."""

import json
import subprocess

import pytest
from django.test import Client

HTML = {"Accept": "text/html"}


@pytest.mark.django_db
def test_the_public_page_minimises_the_name_and_shows_the_status(issue, user):
    from doanso.credentials.api import revoke

    cred = issue(subject_name="Nguyễn Văn An")
    r = Client().get(f"/credentials/{cred.pk}", headers=HTML)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Nguyễn V. A." in html and "Nguyễn Văn An" not in html
    assert "Hợp lệ" in html and "Giải Nhất cuộc thi tìm hiểu Nghị quyết" in html
    assert cred.issuer_unit.name in html
    revoke(cred, user("hcm.admin"), "Gian lận")
    html = Client().get(f"/credentials/{cred.pk}", headers=HTML).content.decode()
    assert "Đã thu hồi" in html and "Gian lận" not in html  # the reason stays with the admins


def test_short_name():
    from doanso.credentials.selectors import short_name

    assert short_name("Nguyễn Văn An") == "Nguyễn V. A."
    assert short_name("Lê Thị Ánh Tuyết") == "Lê T. Á. T."
    assert short_name("An") == "An"


@pytest.mark.django_db
def test_the_verify_page_pastes_and_uploads(issue):
    from django.core.cache import cache
    from django.core.files.uploadedfile import SimpleUploadedFile

    cache.clear()
    cred = issue()
    c = Client()
    assert c.get("/credentials/verify/").status_code == 200
    html = c.post("/credentials/verify/", {"document": json.dumps(cred.document)}).content.decode()
    assert "Hợp lệ" in html and cred.issuer_unit.name in html
    tampered = json.loads(json.dumps(cred.document))
    tampered["credentialSubject"]["name"] = "Nguyễn Văn Ân"
    html = c.post("/credentials/verify/", {"document": json.dumps(tampered)}).content.decode()
    assert "Không hợp lệ" in html and "Chữ ký số không khớp" in html
    upload = SimpleUploadedFile("cert.json", json.dumps(cred.document).encode(), "application/json")
    assert "Hợp lệ" in c.post("/credentials/verify/", {"file": upload}).content.decode()
    html = c.post("/credentials/verify/", {"document": "{not json"}).content.decode()
    assert "không phải JSON" in html
    cache.clear()


@pytest.mark.django_db
def test_status_list_and_did_document_are_public_json(issue):
    cred = issue()
    c = Client()
    status = c.get("/credentials/status/HCM").json()
    assert status["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert status["credentialSubject"]["statusPurpose"] == "revocation"
    assert status["id"] == cred.document["credentialStatus"]["statusListCredential"]
    did = c.get("/credentials/issuers/HCM/did.json").json()
    assert did["id"] == cred.document["issuer"]["id"]
    assert did["assertionMethod"] == [cred.document["proof"]["verificationMethod"]]
    assert "privateKey" not in json.dumps(did)
    assert c.get("/credentials/status/HN").status_code == 404  # HN has issued nothing
    assert c.get("/credentials/issuers/HN/did.json").status_code == 404


@pytest.mark.django_db
def test_the_pdf_has_the_name_with_diacritics_and_the_link(issue, tmp_path):
    cred = issue(subject_name="Nguyễn Thị Hường")
    r = Client().get(f"/credentials/{cred.pk}/certificate.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    path = tmp_path / "c.pdf"
    path.write_bytes(r.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Nguyễn Thị Hường" in text
    assert "CHỨNG NHẬN" in text and "Giải Nhất cuộc thi tìm hiểu Nghị quyết" in text
    assert cred.public_url in text
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True).stdout
    assert images.count("\n") >= 1  # the QR (SVG drawn as vector or image)


def test_the_qr_encodes_the_public_url():
    import base64

    from doanso.credentials.pdf import qr_data_uri

    svg = base64.b64decode(qr_data_uri("http://x/credentials/abc").split(",", 1)[1]).decode()
    assert svg.startswith("<?xml") and "<svg" in svg


@pytest.mark.django_db
def test_the_admin_list_revokes_and_is_scoped(issue, login):
    cred = issue()
    hcm = login("hcm.admin")
    html = hcm.get("/credentials/?unit=HCM").content.decode()
    assert cred.subject_name in html and f"/credentials/{cred.pk}/revoke/" in html
    hn = login("hn.admin")
    assert hn.get("/credentials/?unit=HCM").status_code == 404
    assert cred.subject_name not in hn.get("/credentials/").content.decode()
    assert hn.post(f"/credentials/{cred.pk}/revoke/", {"reason": "x"}).status_code == 404
    assert hn.post("/credentials/units/HCM/rotate-key/").status_code == 404
    r = hcm.post(f"/credentials/{cred.pk}/revoke/", {"reason": ""}, follow=True)
    assert "Lý do thu hồi" in r.content.decode()
    r = hcm.post(f"/credentials/{cred.pk}/revoke/", {"reason": "Cấp nhầm"}, follow=True)
    assert "Đã thu hồi chứng nhận" in r.content.decode()
    cred.refresh_from_db()
    assert cred.revoked_at is not None and cred.revoke_reason == "Cấp nhầm"
    r = hcm.post("/credentials/units/HCM/rotate-key/", follow=True)
    assert "Đã thay khóa ký" in r.content.decode()
    assert Client().get("/credentials/?unit=HCM").status_code == 302  # login first


@pytest.mark.django_db
def test_the_pages_in_english(issue):
    cred = issue()
    c = Client()
    assert c.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    html = c.get(f"/credentials/{cred.pk}", headers=HTML).content.decode()
    assert "Download PDF" in html and "Valid" in html and "Tải bản PDF" not in html
    html = c.get("/credentials/verify/").content.decode()
    assert "Verify a certificate" in html and "Kiểm tra chứng nhận" not in html


@pytest.mark.django_db
def test_the_demo_has_certificates_one_revoked(db):
    from doanso.credentials.api import verify
    from doanso.credentials.models import Credential

    demo = list(Credential.objects.filter(source="demo").order_by("issued_at"))
    assert len(demo) == 3
    assert [verify(c.document).valid for c in demo] == [True, True, False]
    assert verify(demo[2].document).code == "revoked"
