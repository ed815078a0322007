"""Logs without personal data: JSON lines for production, CCCD and phone numbers masked.

Access logs were where CCCD leaked (a search by CCCD in the query string). Whatever reaches a
handler passes `RedactFilter`: runs of 9 to 12 digits (CCCD has 12, old CMND 9, phone numbers
10–11) become `[digits]`, and values of query parameters that are not on a short allow-list
become `[redacted]`.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode

DIGIT_RUN = re.compile(r"(?<!\d)\d{9,12}(?!\d)")
MASK = "[digits]"
# Query parameters whose values are never personal: kept as they are (but digit runs still masked).
SAFE_PARAMS = frozenset(
    {"page", "offset", "limit", "period", "year", "month", "status", "sort", "order", "days"}
)
# Parameters that always carry personal data or secrets, wherever they appear in a message.
SENSITIVE_PARAM = re.compile(
    r"(?i)\b(cccd|cmnd|id_number|identity|q|search|phone|email|password|token|name|full_name)=([^&\s\"']*)"
)
_RESERVED = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


def redact_text(text: str) -> str:
    """Masks digit runs and the values of sensitive `key=value` pairs in free text."""
    text = SENSITIVE_PARAM.sub(lambda m: f"{m.group(1)}=[redacted]", text)
    return DIGIT_RUN.sub(MASK, text)


def redact_query(query: str) -> str:
    """A query string fit for a log: allow-listed keys keep their value, the others lose it."""
    if not query:
        return ""
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(k, v if k.lower() in SAFE_PARAMS else "[redacted]") for k, v in pairs]
    return DIGIT_RUN.sub(MASK, urlencode(kept, safe="[]"))


class RedactFilter(logging.Filter):
    """Rewrites every record's message (and string extras) before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = redact_text(message)
        record.args = None
        for key, value in list(record.__dict__.items()):
            if key not in _RESERVED and isinstance(value, str):
                setattr(record, key, redact_text(value))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and the record's extras."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _RESERVED and not key.startswith("_"):
                data[key] = value
        if record.exc_info:
            data["exc"] = redact_text(self.formatException(record.exc_info))
        return json.dumps(data, ensure_ascii=False, default=str)
