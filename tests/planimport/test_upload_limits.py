"""Hostile plan documents (issue 12, finding 3): what a reader may expand is bounded before it
parses. The bombs are real, valid Word documents (built with python-docx, then their
document.xml padded inside a zip written here), so only the size guards stop them; python-docx
is made to fail the test if it is ever reached."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from doanso.core.errors import UserError
from doanso.planimport import text, upload
from doanso.planimport.models import PlanDraft

from ._helpers import docx_bytes

BODY_END = b"<w:sectPr"
PLAN = docx_bytes()  # built once, before any test stubs python-docx out


def _repack(document_xml: bytes | None = None, pad: int = 0, paragraphs: int = 0) -> bytes:
    """The helper plan as .docx, its document.xml padded with `pad` bytes of whitespace between
    elements (valid XML, same text) or `paragraphs` extra paragraphs of 1,000 letters each."""
    src = zipfile.ZipFile(io.BytesIO(PLAN))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename != "word/document.xml":
                z.writestr(info.filename, data)
                continue
            data = document_xml or data
            head, tail = data.split(BODY_END, 1)
            with z.open("word/document.xml", "w", force_zip64=True) as fh:
                fh.write(head)
                block = b" " * (1 << 20)
                for _ in range(pad // len(block)):
                    fh.write(block)
                para = b"<w:p><w:r><w:t>" + "đoàn viên ".encode() * 100 + b"</w:t></w:r></w:p>"
                for _ in range(paragraphs):
                    fh.write(para)
                fh.write(BODY_END + tail)
    return out.getvalue()


@pytest.fixture
def no_docx_parse(monkeypatch):
    """python-docx must never be reached: the guards refuse first."""
    import docx

    def refuse(*a, **k):
        raise AssertionError("python-docx parsed a document the guards should have refused")

    monkeypatch.setattr(docx, "Document", refuse)


def test_the_padded_document_is_a_real_plan():
    data = _repack(pad=2 << 20)
    got = upload.read_upload(SimpleUploadedFile("ke-hoach.docx", data))[1]
    assert "Tháng Thanh niên năm 2026" in got and "12.000 lượt" in got


@pytest.mark.django_db
def test_a_docx_whose_xml_unpacks_too_far_is_refused_before_parsing(login, no_docx_parse):
    data = _repack(pad=text.MAX_XML_BYTES + (4 << 20))
    assert len(data) < 1 << 20  # under 1 MB on the wire
    r = login("ct.admin").post("/plan-import/", {"unit": "CT", "file": SimpleUploadedFile("bom.docx", data)})
    assert r.status_code == 400
    page = r.content.decode()
    assert "Tệp Word bom.docx giải nén ra quá lớn (54 MB nội dung; giới hạn là 50 MB)" in page
    assert not PlanDraft.objects.exists()


def test_a_docx_with_too_much_text_is_refused_while_reading(no_docx_parse):
    data = _repack(paragraphs=1_100)  # 1.1 million characters of text
    with pytest.raises(UserError) as e:
        upload.read_upload(SimpleUploadedFile("dai.docx", data))
    assert "Văn bản dai.docx quá dài (hơn 1.000." in e.value.message
    assert "giới hạn là 1.000.000 ký tự" in e.value.message


def test_a_docx_under_the_limits_still_reads(monkeypatch):
    monkeypatch.setattr(text, "MAX_XML_BYTES", 200_000)
    assert "12.000 lượt" in upload.read_upload(SimpleUploadedFile("a.docx", _repack(paragraphs=100)))[1]


def test_all_parts_together_are_bounded(monkeypatch, no_docx_parse):
    monkeypatch.setattr(text, "MAX_UNZIPPED_BYTES", 1 << 20)
    with pytest.raises(UserError) as e:
        upload.read_upload(SimpleUploadedFile("b.docx", _repack(pad=2 << 20)))
    assert "giải nén ra quá lớn" in e.value.message


def _pdf(pages: int, words: str = "") -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    w = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    for _ in range(pages):
        page = w.add_blank_page(595, 842)
        if words:
            stream = DecodedStreamObject()
            stream.set_data(f"BT /F1 10 Tf 20 800 Td ({words}) Tj ET".encode())
            page[NameObject("/Contents")] = w._add_object(stream)
            page[NameObject("/Resources")] = DictionaryObject(
                {NameObject("/Font"): DictionaryObject({NameObject("/F1"): w._add_object(font)})}
            )
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def test_a_pdf_with_too_many_pages_is_refused(tmp_path):
    p = tmp_path / "dai.pdf"
    p.write_bytes(_pdf(text.MAX_PDF_PAGES + 1))
    with pytest.raises(text.ReadError) as e:
        text.read_document(p)
    assert str(e.value) == (
        "Tệp PDF dai.pdf có 1.001 trang; giới hạn là 1.000 trang. Hãy tách văn bản thành nhiều tệp nhỏ hơn."
    )


def test_a_pdf_text_is_bounded_page_by_page(tmp_path):
    p = tmp_path / "chu.pdf"
    p.write_bytes(_pdf(5, "KE HOACH " * 20))
    assert "KE HOACH" in text.read_document(p, max_chars=10_000)
    with pytest.raises(text.ReadError) as e:
        text.read_document(p, max_chars=300)
    assert "quá dài (hơn" in str(e.value) and "giới hạn là 300 ký tự" in str(e.value)
