"""A local fake of the Zalo OA and Telegram Bot HTTP APIs, started by a test (never the internet)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeChat:
    def __init__(self):
        self.requests: list[dict] = []
        self.fail = False
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])).decode())
                fake.requests.append(
                    {
                        "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "json": body,
                    }
                )
                if fake.fail:
                    answer, code = {"error": -124, "ok": False, "message": "down"}, 500
                elif self.path.startswith("/bot"):
                    answer, code = {"ok": True, "result": {"message_id": len(fake.requests)}}, 200
                else:
                    answer, code = {"error": 0, "message": "Success", "data": {"message_id": "x"}}, 200
                data = json.dumps(answer).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def serve(settings):
    """Both chat channels pointed at one local fake server, with tokens set (a fixture's body)."""
    fake = FakeChat()
    settings.DOANSO_ZALO_OA_URL = fake.url
    settings.DOANSO_ZALO_OA_TOKEN = "zalo-test-token"
    settings.DOANSO_TELEGRAM_URL = fake.url
    settings.DOANSO_TELEGRAM_BOT_TOKEN = "123:tele-test"
    yield fake
    fake.close()
