"""Chat channels over HTTP (standard library client; no SDK): Zalo Official Account and Telegram.

Zalo OA: POST {DOANSO_ZALO_OA_URL}/v3.0/oa/message/cs with header `access_token` and
{"recipient": {"user_id"}, "message": {"text"}}; it answers {"error": 0, ...} when sent.
Telegram Bot API: POST {DOANSO_TELEGRAM_URL}/bot{token}/sendMessage with {"chat_id", "text"};
it answers {"ok": true, ...}."""

import json
import urllib.error
import urllib.request

from django.conf import settings

from doanso.todo.channels.base import Channel, log, register

TIMEOUT = 10  # seconds; a slow chat service must not hold the reminder run


def _post(url: str, payload: dict, headers: dict | None = None) -> dict | None:
    req = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8", **(headers or {})},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:  # noqa: S310 (URL from settings)
            return json.loads(resp.read().decode() or "{}")
    except (urllib.error.URLError, TimeoutError, ValueError) as exc:
        log.warning("chat channel %s failed: %s", url.split("/bot")[0], exc)
        return None


class Zalo(Channel):
    name = "zalo"

    def enabled(self) -> bool:
        return bool(getattr(settings, "DOANSO_ZALO_OA_TOKEN", ""))

    def address(self, user, pref) -> str:
        return pref.zalo_user_id if pref else ""

    def send(self, user, pref, subject: str, body: str) -> bool:
        to = self.address(user, pref)
        if not (to and self.enabled()):
            return False
        base = settings.DOANSO_ZALO_OA_URL.rstrip("/")
        answer = _post(
            f"{base}/v3.0/oa/message/cs",
            {"recipient": {"user_id": to}, "message": {"text": f"{subject}\n\n{body}"[:2000]}},
            {"access_token": settings.DOANSO_ZALO_OA_TOKEN},
        )
        return bool(answer) and answer.get("error") == 0


class Telegram(Channel):
    name = "telegram"

    def enabled(self) -> bool:
        return bool(getattr(settings, "DOANSO_TELEGRAM_BOT_TOKEN", ""))

    def address(self, user, pref) -> str:
        return pref.telegram_chat_id if pref else ""

    def send(self, user, pref, subject: str, body: str) -> bool:
        to = self.address(user, pref)
        if not (to and self.enabled()):
            return False
        base = settings.DOANSO_TELEGRAM_URL.rstrip("/")
        answer = _post(
            f"{base}/bot{settings.DOANSO_TELEGRAM_BOT_TOKEN}/sendMessage",
            {"chat_id": to, "text": f"{subject}\n\n{body}"[:4000]},
        )
        return bool(answer) and answer.get("ok") is True


register(Zalo())
register(Telegram())
