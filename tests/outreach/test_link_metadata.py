"""Link previews fetched by the background task from a local server (never the internet), and the
SSRF guard: private, loopback and link-local addresses refused unless the setting allows them."""

import io

import pytest
from PIL import Image

from doanso.outreach import safefetch, services
from doanso.outreach.models import MetaStatus, Post
from doanso.outreach.tasks import read_metadata

pytestmark = pytest.mark.django_db

PAGE = (
    '<html><head><meta property="og:title" content="Thanh niên Thủ Đức hiến máu &amp; tình nguyện">'
    '<meta property="og:image" content="/anh.png"><title>khác</title></head><body>x</body></html>'
).encode()


def _png(w=40, h=30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (w, h), "red").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def allow_private(settings):
    settings.DOANSO_FETCH_ALLOW_PRIVATE = True
    settings.DOANSO_FETCH_TIMEOUT = 2


def test_the_task_fills_title_and_image_from_the_page(
    allow_private, local_site, unit, django_capture_on_commit_callbacks
):
    local_site.route("/bai", PAGE)
    local_site.route("/anh.png", _png(), headers={"Content-Type": "image/png"})
    with django_capture_on_commit_callbacks(execute=True):
        post = services.log_post(
            None,
            unit("HCM-P001"),
            url=local_site.url("/bai"),
            kind="tin_tot",
            published=__import__("datetime").date(2026, 3, 2),
        )
    post.refresh_from_db()
    assert (post.meta_status, post.title, post.image_url) == (
        MetaStatus.OK,
        "Thanh niên Thủ Đức hiến máu & tình nguyện",
        local_site.url("/anh.png"),
    )


def test_a_fake_or_huge_image_is_dropped_but_the_title_kept(allow_private, local_site, settings):
    local_site.route("/bai", PAGE)
    local_site.route("/anh.png", b"<html>not a png</html>", headers={"Content-Type": "image/png"})
    assert read_metadata(local_site.url("/bai")) == ("Thanh niên Thủ Đức hiến máu & tình nguyện", "")
    settings.DOANSO_MEDIA_MAX_PIXELS = 1000
    local_site.route("/anh.png", _png(100, 100), headers={"Content-Type": "image/png"})
    assert read_metadata(local_site.url("/bai"))[1] == ""
    settings.DOANSO_FETCH_MAX_BYTES = 2048
    local_site.route("/anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50_000, headers={"Content-Type": "image/png"})
    assert read_metadata(local_site.url("/bai"))[1] == ""


def test_a_page_over_the_size_cap_is_refused(allow_private, local_site, settings):
    settings.DOANSO_FETCH_MAX_BYTES = 4096
    local_site.route("/to", b"<html>" + b"a" * 10_000)
    with pytest.raises(safefetch.FetchRefused, match="giới hạn"):
        read_metadata(local_site.url("/to"))
    # …even when the server does not say how long it is
    local_site.route(
        "/to2", b"<html>" + b"a" * 10_000, headers={"Content-Type": "text/html", "Content-Length": ""}
    )
    with pytest.raises(safefetch.FetchRefused):
        read_metadata(local_site.url("/to2"))


def test_a_slow_server_times_out(allow_private, local_site, settings):
    import time

    settings.DOANSO_FETCH_TIMEOUT = 1

    def slow():
        time.sleep(2.5)
        return b"<html></html>"

    local_site.route("/cham", slow)
    with pytest.raises(safefetch.FetchRefused, match="kịp"):
        read_metadata(local_site.url("/cham"))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "http://localhost/x",
        "http://10.1.2.3/x",
        "http://192.168.1.1/x",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/x",
        "http://[::ffff:127.0.0.1]/x",
        "http://100.64.0.1/x",
    ],
)
def test_internal_addresses_are_refused_without_a_request(url, settings):
    settings.DOANSO_FETCH_ALLOW_PRIVATE = False
    with pytest.raises(safefetch.FetchRefused, match="nội bộ"):
        read_metadata(url)


def test_the_guard_is_on_by_default_for_the_local_server_too(
    local_site, settings, unit, django_capture_on_commit_callbacks
):
    settings.DOANSO_FETCH_ALLOW_PRIVATE = False
    local_site.route("/bai", PAGE)
    with django_capture_on_commit_callbacks(execute=True):
        post = services.log_post(
            None,
            unit("HCM-P001"),
            url=local_site.url("/bai"),
            kind="tin_tot",
            published=__import__("datetime").date(2026, 3, 2),
        )
    post.refresh_from_db()
    assert post.meta_status == MetaStatus.FAILED and "nội bộ" in post.meta_error and post.title == ""


def test_each_redirect_is_checked_again_and_capped(allow_private, local_site, monkeypatch):
    local_site.route("/vong", b"", status=302, headers={"Location": "/vong"})
    with pytest.raises(safefetch.FetchRefused, match="chuyển hướng"):
        read_metadata(local_site.url("/vong"))
    # a public-looking first hop that redirects inside: the second hop is refused
    local_site.route("/ra", b"", status=302, headers={"Location": "http://10.0.0.5/admin"})
    real = safefetch.resolve
    monkeypatch.setattr(
        safefetch,
        "resolve",
        lambda host, port, allow_private: real(host, port, allow_private=host == "127.0.0.1"),
    )
    with pytest.raises(safefetch.FetchRefused, match="nội bộ"):
        read_metadata(local_site.url("/ra"))


def test_a_story_from_exemplars_is_logged_once(unit, user):
    from datetime import date

    from doanso.outreach.api import log_story

    args = dict(
        unit=unit("HCM-P001"),
        title="Gương sáng",
        url=None,
        published=date(2026, 3, 6),
        source="exemplars",
        source_id=7,
        by_user=user("hcm.admin"),
    )
    first = log_story(**args)
    again = log_story(**args)
    assert (
        first.pk == again.pk and first.kind == "cau_chuyen_dep" and first.created_by.username == "hcm.admin"
    )
    assert Post.objects.filter(source="exemplars", source_id=7).count() == 1
