"""Plan import, step 1: read an uploaded document (.docx, .pdf, .txt, .md), run the plan reader on
it and store what it found as a draft to review. Errors are Vietnamese `UserError`s; nothing is
written when one is raised."""

import copy
import tempfile
import unicodedata
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext

from doanso.core import audit, vn
from doanso.core.calendar import rules
from doanso.core.errors import UserError
from doanso.org.models import Unit
from doanso.planimport.draft import SECTION_PREFIX, SECTIONS, require
from doanso.planimport.extractor import extract
from doanso.planimport.models import PlanDraft
from doanso.planimport.text import SUPPORTED_SUFFIXES, ReadError, read_document, to_paragraphs

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # a 300-page plan as .docx is about 2 MB
MAX_SOURCE_CHARS = 1_000_000


def read_upload(uploaded) -> tuple[str, str]:
    """(file name, plain text) of an uploaded file; a Vietnamese UserError when it cannot be read."""
    if uploaded is None:
        raise UserError(gettext("Chưa chọn tệp văn bản để tải lên."), field="file")
    name = Path(getattr(uploaded, "name", "") or "van-ban.txt").name[:200]
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UserError(
            gettext("Định dạng “%(fmt)s” chưa được hỗ trợ; hãy dùng .docx, .pdf, .txt hoặc .md.")
            % {"fmt": suffix or name},
            field="file",
        )
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise UserError(
            gettext("Tệp %(name)s quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
            % {
                "name": name,
                "size": vn.format_number(size / 1048576, 1),
                "limit": MAX_UPLOAD_BYTES // 1048576,
            },
            field="file",
        )
    if not size:
        raise UserError(
            gettext("Tệp %(name)s rỗng, không có nội dung để đọc.") % {"name": name}, field="file"
        )
    with tempfile.TemporaryDirectory(prefix="doanso-import-") as tmp:
        path = Path(tmp) / ("upload" + suffix)
        with path.open("wb") as out:
            written = 0
            for chunk in uploaded.chunks():
                written += len(chunk)
                if written > MAX_UPLOAD_BYTES:
                    raise UserError(
                        gettext("Tệp %(name)s quá lớn; giới hạn là %(limit)s MB.")
                        % {"name": name, "limit": MAX_UPLOAD_BYTES // 1048576},
                        field="file",
                    )
                out.write(chunk)
        try:
            text = read_document(path, max_chars=MAX_SOURCE_CHARS)
        except ReadError as exc:
            raise UserError(str(exc).replace(path.name, name), field="file") from None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) > MAX_SOURCE_CHARS:
        raise UserError(
            f"Văn bản {name} quá dài ({vn.format_number(len(text))} ký tự); "
            f"giới hạn là {vn.format_number(MAX_SOURCE_CHARS)} ký tự.",
            field="file",
        )
    return name, text


def _check_content(result: dict, name: str) -> None:
    if not (result["title"] or result["sections"] or result["targets"] or result["deadlines"]):
        raise UserError(
            gettext(
                "Không tìm thấy nội dung kế hoạch nào trong tệp %(name)s "
                "(văn bản trống hoặc không đọc được chữ)."
            )
            % {"name": name},
            field="file",
        )


def extract_upload(uploaded) -> dict:
    """The extractor's JSON for an uploaded file (what `doanso plans extract --json` prints)."""
    name, text = read_upload(uploaded)
    result = extract(text)
    _check_content(result, name)
    result["source"] = name
    return result


def _quotes(text: str, extracted: dict) -> dict[tuple[str, int], str]:
    """The literal words each item was read from (for highlighting them in the source)."""
    by_line = {}
    for p in to_paragraphs(text):
        for ln in p.lines:
            by_line.setdefault(ln, p)
    out = {}
    for section in SECTIONS:
        for i, item in enumerate(extracted.get(section, [])):
            p = by_line.get(item.get("line"))
            span = item.get("span")
            if p is not None and span:
                out[(section, i)] = p.text[span[0] : span[1]].strip()
    return out


def _review_copy(extracted: dict, text: str) -> dict:
    """The reviewer's copy: every item gets a stable id and an empty indicator mapping."""
    quotes = _quotes(text, extracted)
    reviewed = {k: copy.deepcopy(v) for k, v in extracted.items() if k not in SECTIONS}
    reviewed["origin"] = "parent"
    n = 0
    for section in SECTIONS:
        items = []
        for i, raw in enumerate(extracted.get(section, [])):
            n += 1
            item = {k: copy.deepcopy(v) for k, v in raw.items() if k != "span"}
            item["id"] = f"{SECTION_PREFIX[section]}{n}"
            item["quote"] = quotes.get((section, i), "")
            item["indicator"] = None
            if section == "recurring":
                item["due_rule"] = rules.from_reader(item.get("rule", ""))
            items.append(item)
        reviewed[section] = items
    reviewed["next_id"] = n + 1
    return reviewed


@transaction.atomic
def create_draft(actor, unit: Unit, uploaded) -> PlanDraft:
    """Read an uploaded plan for one of the actor's units and store it as a draft to review."""
    require(actor, unit)
    name, text = read_upload(uploaded)
    extracted = extract(text)
    _check_content(extracted, name)
    extracted["source"] = name
    draft = PlanDraft.objects.create(
        unit=unit,
        created_by=actor if getattr(actor, "pk", None) else None,
        file_name=name,
        source_text=text,
        extracted=extracted,
        reviewed=_review_copy(extracted, text),
    )
    audit.record(
        actor,
        "planimport.upload",
        draft,
        unit=unit,
        file=name,
        targets=len(extracted["targets"]),
        deadlines=len(extracted["deadlines"]),
        recurring=len(extracted["recurring"]),
    )
    return draft
