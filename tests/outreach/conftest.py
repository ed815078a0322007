"""Fixtures of the outreach tests: uploads in a temporary folder, a local HTTP server for link previews."""

import http.server
import threading

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "media_bank": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    from django.core.files.storage import storages

    storages._storages.pop("media_bank", None)
    yield
    storages._storages.pop("media_bank", None)


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 - the stdlib's name
        spec = self.routes.get(self.path)
        if spec is None:
            self.send_response(404)
            self.end_headers()
            return
        status, headers, body = spec
        if callable(body):
            body = body()
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_site():
    """A web server on 127.0.0.1 started by the test: `site.route(path, body, status, headers)`;
    `site.url(path)` is its address. Nothing leaves the machine."""
    routes: dict = {}
    handler = type("H", (_Handler,), {"routes": routes})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    class Site:
        def route(self, path, body=b"", status=200, headers=None):
            routes[path] = (status, headers or {"Content-Type": "text/html; charset=utf-8"}, body)

        def url(self, path):
            return f"http://127.0.0.1:{server.server_address[1]}{path}"

    yield Site()
    server.shutdown()
    server.server_close()
