"""The media bank: uploads checked by content, approval by the level above, accent-free search,
thumbnails in a background task, download counts, and what another province or the public sees."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from doanso.core.errors import UserError
from doanso.outreach import media
from doanso.outreach.models import MediaItem

pytestmark = pytest.mark.django_db


def png(w=60, h=40) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (w, h), "blue").save(out, "PNG")
    return out.getvalue()


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _upload(user, unit, data=None, kind="infographic", **kw):
    return media.upload(
        user,
        unit,
        kind=kind,
        title=kw.pop("title", "Infographic Thanh niên tình nguyện"),
        data=png() if data is None else data,
        **kw,
    )


def test_an_image_is_stored_pending_with_a_thumbnail_made_in_the_background(
    user, unit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = _upload(
            user("hcm.admin"),
            unit("HCM-P001"),
            tags="hiến máu, tình nguyện",
            author="Ban Tuyên giáo",
            licence="CC BY 4.0",
        )
    item.refresh_from_db()
    assert (item.status, item.content_type, item.size) == ("cho_duyet", "image/png", len(png()))
    assert item.thumbnail.name.endswith(".jpg")
    with item.thumbnail.open("rb") as fh, Image.open(fh) as im:
        assert im.format == "JPEG"
    assert item.tag_list == ["hiến máu", "tình nguyện"]


@pytest.mark.parametrize(
    ("data", "kind", "words"),
    [
        (b"<html><script>alert(1)</script></html>", "infographic", "không được nhận"),
        (b"\x89PNG\r\n\x1a\n" + b"<html>fake</html>" * 10, "infographic", "không phải là ảnh"),
        (b"%PDF-1.7 ...", "video", "không dùng cho"),
        (b"PK\x03\x04" + b"0" * 100, "template", "không được nhận"),
        (b"", "infographic", "rỗng"),
    ],
)
def test_fake_or_wrong_files_are_refused_by_content(user, unit, data, kind, words):
    with pytest.raises(UserError, match=words) as exc:
        _upload(user("hcm.admin"), unit("HCM-P001"), data=data, kind=kind)
    assert exc.value.field == "file"
    assert not MediaItem.objects.exists()


def test_huge_files_and_decompression_bombs_are_refused(user, unit, settings):
    settings.DOANSO_MEDIA_MAX_BYTES = 10_000
    with pytest.raises(UserError, match="lớn quá giới hạn"):
        _upload(user("hcm.admin"), unit("HCM-P001"), data=b"\x89PNG" + b"0" * 20_000)
    settings.DOANSO_MEDIA_MAX_BYTES = 50 * 1024 * 1024
    settings.DOANSO_MEDIA_MAX_PIXELS = 100_000
    bomb = png(2000, 2000)  # 4 million pixels in a few kilobytes
    assert len(bomb) < 50_000
    with pytest.raises(UserError, match="quá lớn"):
        _upload(user("hcm.admin"), unit("HCM-P001"), data=bomb)
    assert not MediaItem.objects.exists()


def test_a_template_may_be_a_docx_and_a_video_an_mp4(user, unit):
    assert _upload(user("hcm.admin"), unit("HCM-P001"), data=docx(), kind="template").content_type.endswith(
        "document"
    )
    mp4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 100
    assert _upload(user("hcm.admin"), unit("HCM-P001"), data=mp4, kind="video").content_type == "video/mp4"


def test_approval_is_for_the_level_above(user, unit):
    own = _upload(user("hcm.admin"), unit("HCM"))  # the province's own file: the centre approves it
    with pytest.raises(UserError, match="cấp trên"):
        media.review(user("hcm.admin"), own, approve=True)
    assert media.review(user("tw.admin"), own, approve=True).status == "da_duyet"
    commune = _upload(user("hcm.admin"), unit("HCM-P001"))
    with pytest.raises(UserError, match="lý do"):
        media.review(user("hcm.admin"), commune, approve=False)
    assert media.review(user("hcm.admin"), commune, approve=False, note="Ảnh mờ").status == "tu_choi"


def test_search_with_and_without_accents(user, unit):
    a = _upload(user("hcm.admin"), unit("HCM-P001"), title="Hiến máu tình nguyện", tags="Chủ nhật đỏ")
    _upload(user("hcm.admin"), unit("HCM-P001"), title="Đường phố văn minh")
    qs = MediaItem.objects.all()
    assert list(media.search(qs, "hien mau")) == [a]
    assert list(media.search(qs, "Hiến MÁU")) == [a]
    assert list(media.search(qs, "chu nhat do")) == [a]
    assert [m.title for m in media.search(qs, "duong pho")] == ["Đường phố văn minh"]


def test_api_lists_search_and_review_scoped(api, user, unit):
    item = _upload(user("hcm.admin"), unit("HCM-P001"), title="Thanh niên tình nguyện")
    r = api("hcm.admin").get("/media", unit="HCM", q="thanh nien")
    assert [m["id"] for m in r.json()["items"]] == [item.pk]
    assert api("hn.admin").get("/media", unit="HCM").status_code == 404
    assert item.pk not in [m["id"] for m in api("hn.admin").get("/media").json()["items"]]
    r = api("hn.admin").post(f"/media/{item.pk}/review", {"approve": True})
    assert r.status_code == 404
    r = api("hcm.admin").post(f"/media/{item.pk}/review", {"approve": True})
    assert r.status_code == 200 and r.json()["status"] == "da_duyet"
    assert api("hcm.admin").post(f"/media/{item.pk}/review", {"approve": True}).status_code == 409


def test_public_items_only_when_approved_and_marked_public(client, login, user, unit):
    item = _upload(user("hcm.admin"), unit("HCM-P001"), title="Áp phích 26/3", public=True)
    hidden = _upload(user("hcm.admin"), unit("HCM-P001"), title="Bản nháp nội bộ", public=False)
    assert client.get(f"/outreach/media/{item.pk}/").status_code == 404  # not yet approved
    assert client.get(f"/outreach/media/{item.pk}/download/").status_code == 404
    media.review(user("hcm.admin"), item, approve=True)
    media.review(user("hcm.admin"), hidden, approve=True)
    page = client.get("/outreach/public/media/", {"q": "ap phich"}).content.decode()
    assert "Áp phích 26/3" in page and "Bản nháp nội bộ" not in page
    r = client.get(f"/outreach/media/{item.pk}/download/")
    assert r.status_code == 200 and b"".join(r.streaming_content) == png()
    assert client.get(f"/outreach/media/{hidden.pk}/download/").status_code == 404
    assert login("hn.admin").get(f"/outreach/media/{hidden.pk}/").status_code == 404
    assert login("hn.admin").post(f"/outreach/media/{item.pk}/", {"decision": "approve"}).status_code == 404
    item.refresh_from_db()
    assert item.downloads == 1


def test_upload_page_checks_content_and_reviewer_approves_on_the_item_page(login):
    hcm = login("hcm.admin")
    form = {
        "kind": "infographic",
        "title": "Tranh cổ động",
        "tags": "an toàn giao thông",
        "licence": "CC BY 4.0",
        "author": "Thành đoàn",
    }
    r = hcm.post(
        "/outreach/HCM-P001/media/",
        {**form, "file": SimpleUploadedFile("gia.png", "<html>giả</html>".encode())},
    )
    assert r.status_code == 200 and "không được nhận" in r.content.decode()
    assert not MediaItem.objects.exists()
    r = hcm.post("/outreach/HCM-P001/media/", {**form, "file": SimpleUploadedFile("that.png", png())})
    assert r.status_code == 302
    item = MediaItem.objects.get()
    assert "Tranh cổ động" in hcm.get("/outreach/HCM-P001/media/", {"q": "tranh co dong"}).content.decode()
    assert login("hn.admin").get("/outreach/HCM-P001/media/").status_code == 404
    r = hcm.post(f"/outreach/media/{item.pk}/", {"decision": "approve", "note": ""})
    assert r.status_code == 302
    item.refresh_from_db()
    assert item.status == "da_duyet" and item.reviewed_by.username == "hcm.admin"
