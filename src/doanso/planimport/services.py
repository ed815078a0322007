"""Plan import, the database side: upload → extract → draft; review the items; accept as a Plan.

Views and API handlers stay thin and call these functions. Every read goes through
`drafts_for(user)` (the user's scope); every write checks the draft's unit is in the
actor's scope and records an audit entry. Errors are Vietnamese `UserError`s; nothing
is written when one is raised.
"""

from __future__ import annotations

import copy
import re
import tempfile
import unicodedata
from datetime import date, time
from pathlib import Path

from django.db import transaction
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doanso.accounts.scoping import scope_for
from doanso.core import audit, vn
from doanso.core.calendar import rules
from doanso.core.errors import UserError
from doanso.org.models import Unit
from doanso.planimport.extractor import extract
from doanso.planimport.models import DraftStatus, PlanDraft
from doanso.planimport.text import SUPPORTED_SUFFIXES, ReadError, read_document, to_paragraphs

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # a 300-page plan as .docx is about 2 MB
MAX_SOURCE_CHARS = 1_000_000
SECTIONS = ("targets", "deadlines", "recurring")
SECTION_PREFIX = {"targets": "t", "deadlines": "d", "recurring": "r"}
SECTION_LABEL = {
    "targets": _("Chỉ tiêu"),
    "deadlines": _("Mốc thời gian"),
    "recurring": _("Nhiệm vụ định kỳ"),
}

KIND_TO_PLAN = {
    "ke_hoach": "KH",
    "chuong_trinh": "CTr",
    "ket_luan": "KL",
    "bao_cao": "BC",
    "huong_dan": "HD",
    "thong_bao": "TB",
    "cong_van": "CV",
    "quy_che": "QC",
    "other": "KH",
}
KIND_LABELS = {
    "ke_hoach": _("Kế hoạch"),
    "chuong_trinh": _("Chương trình"),
    "ket_luan": _("Kết luận"),
    "bao_cao": _("Báo cáo"),
    "huong_dan": _("Hướng dẫn"),
    "thong_bao": _("Thông báo"),
    "cong_van": _("Công văn"),
    "quy_che": _("Quy chế"),
    "other": _("Văn bản khác"),
}
ORIGINS = {"parent": _("Văn bản của cấp trên (đơn vị thực hiện)"), "own": _("Văn bản do đơn vị ban hành")}


# ---- reading an upload ---------------------------------------------------------------


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
            text = read_document(path)
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


# ---- drafts: reading -----------------------------------------------------------------


def drafts_for(user):
    """Drafts of the units in the user's scope (their subtrees)."""
    return PlanDraft.objects.filter(scope_for(user).q("unit__path")).select_related("unit")


def get_draft(user, draft_id) -> PlanDraft:
    """A draft in the user's scope; 404 for anything else (no existence leak)."""
    try:
        pk = int(draft_id)
    except (TypeError, ValueError):
        raise Http404 from None
    draft = drafts_for(user).filter(pk=pk).first()
    if draft is None:
        raise Http404
    return draft


def _require(actor, unit: Unit) -> None:
    if actor is not None and not scope_for(actor).covers(unit.path):
        raise Http404


# ---- drafts: creating ----------------------------------------------------------------


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
    _require(actor, unit)
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


# ---- drafts: reviewing ---------------------------------------------------------------


def _editable(actor, draft: PlanDraft) -> None:
    _require(actor, draft.unit)
    if draft.status == DraftStatus.ACCEPTED:
        raise UserError(gettext("Bản nháp đã được nhận thành kế hoạch, không sửa được nữa."))


def _text(data: dict, key: str, limit: int = 500) -> str:
    value = data.get(key)
    return " ".join(str(value).split())[:limit] if value is not None else ""


def _line(data: dict, draft: PlanDraft, label: str) -> int | None:
    raw = _text(data, "line")
    if not raw:
        return None
    if not raw.isdigit():
        raise UserError(
            gettext("%(label)s: số dòng “%(raw)s” không hợp lệ.") % {"label": label, "raw": raw}, field="line"
        )
    n = int(raw)
    total = draft.source_text.count("\n") + 1
    if not 1 <= n <= total:
        raise UserError(
            gettext("%(label)s: dòng %(n)s nằm ngoài văn bản (1–%(total)s).")
            % {"label": label, "n": n, "total": total},
            field="line",
        )
    return n


def _number(raw, label: str, field: str = "value") -> int | float:
    """A value the reviewer typed (`85.000`, `12,5`) or the reader found, read by core.vn like every form."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise UserError(gettext("%(label)s không được để trống.") % {"label": label}, field=field)
    try:
        d = vn.parse_number(raw)
    except vn.VnParseError as exc:
        raise UserError(
            gettext("%(label)s: %(message)s") % {"label": label, "message": exc.message}, field=field
        ) from None
    if d < 0:
        raise UserError(gettext("%(label)s không được âm.") % {"label": label}, field=field)
    return int(d) if d == d.to_integral_value() else float(d)


def _bool(raw) -> bool:
    return raw is True or str(raw).lower() in ("1", "true", "on", "yes")


def _period(raw: str, label: str) -> str | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"\d{4}(?:Q[1-4]|S[12]|-\d{2}|W\d{1,2})?", raw):
        raise UserError(
            gettext("%(label)s: kỳ “%(raw)s” không hợp lệ (ví dụ 2025, 2025Q4, 2025-03).")
            % {"label": label, "raw": raw},
            field="period",
        )
    return raw


def _date(raw, label: str, field: str = "date", required: bool = True) -> str | None:
    raw = str(raw or "").strip()
    if not raw:
        if required:
            raise UserError(gettext("%(label)s: chưa nhập ngày.") % {"label": label}, field=field)
        return None
    try:
        d = vn.parse_date(raw)
    except vn.VnParseError as exc:
        raise UserError(
            gettext("%(label)s: %(message)s") % {"label": label, "message": exc.message}, field=field
        ) from None
    return d.isoformat()


def _indicator(raw) -> str | None:
    from doanso.plans.models import Indicator

    code = (raw or "").strip() if isinstance(raw, str) else ""
    if not code:
        return None
    if not Indicator.objects.filter(code=code).exists():
        raise UserError(
            gettext("Chỉ số “%(code)s” không có trong danh mục chỉ số.") % {"code": code}, field="indicator"
        )
    return code


def _clean_item(section: str, data: dict, draft: PlanDraft, old: dict | None) -> dict:
    """Validate one item as the reviewer wrote it (form fields or API JSON)."""
    item = dict(old or {})
    label = SECTION_LABEL[section]
    line = _line(data, draft, label)
    item["line"] = line if line is not None else item.get("line")
    if "indicator" in data:
        item["indicator"] = _indicator(data.get("indicator"))
    item.setdefault("indicator", None)
    if section == "targets":
        item["value"] = _number(data.get("value"), gettext("Giá trị chỉ tiêu"))
        item["percent"] = _bool(data.get("percent"))
        if item["percent"] and item["value"] > 100:
            raise UserError(gettext("Chỉ tiêu tỷ lệ không được vượt quá 100%."), field="value")
        item["unit"] = _text(data, "unit", 40) or None
        item["subject"] = _text(data, "subject")
        if not item["subject"]:
            raise UserError(gettext("Chỉ tiêu: chưa nhập nội dung (chỉ tiêu về việc gì)."), field="subject")
        item["period"] = _period(_text(data, "period", 10), label)
        item.setdefault("comparator", "=")
    elif section == "deadlines":
        item["date"] = _date(data.get("date"), label)
        item["end"] = _date(data.get("end"), label, "end", required=False)
        if item["end"] and item["end"] < item["date"]:
            raise UserError(gettext("Mốc thời gian: ngày kết thúc phải sau ngày bắt đầu."), field="end")
        t = _text(data, "time", 5)
        if t and not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", t):
            raise UserError(
                gettext("Mốc thời gian: giờ “%(t)s” không hợp lệ (HH:MM).") % {"t": t}, field="time"
            )
        item["time"] = t or None
        item["what"] = _text(data, "what")
        if not item["what"]:
            raise UserError(gettext("Mốc thời gian: chưa nhập công việc."), field="what")
    else:
        rule = _text(data, "due_rule", 200)
        if rule:
            rule = rules.parse(rule).rrule  # a Vietnamese UserError when malformed
        item["due_rule"] = rule
        item["what"] = _text(data, "what")
        if not item["what"]:
            raise UserError(gettext("Nhiệm vụ định kỳ: chưa nhập nội dung."), field="what")
    item.setdefault("text", "")
    item.setdefault("quote", "")
    return item


def _find(reviewed: dict, section: str, item_id: str) -> tuple[int, dict]:
    if section not in SECTIONS:
        raise Http404
    for i, item in enumerate(reviewed.get(section, [])):
        if item.get("id") == item_id:
            return i, item
    raise Http404


def find_item(draft: PlanDraft, section: str, item_id: str) -> dict:
    return _find(draft.reviewed, section, item_id)[1]


@transaction.atomic
def save_item(actor, draft: PlanDraft, section: str, item_id: str | None, data: dict) -> dict:
    """Correct an item (item_id given) or add one (item_id None); returns the stored item."""
    draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    _editable(actor, draft)
    reviewed = draft.reviewed
    if section not in SECTIONS:
        raise Http404
    if item_id:
        index, old = _find(reviewed, section, item_id)
        item = _clean_item(section, data, draft, old)
        reviewed[section][index] = item
        action = "planimport.item.update"
    else:
        item = _clean_item(section, data, draft, None)
        n = int(reviewed.get("next_id", 1))
        item["id"] = f"{SECTION_PREFIX[section]}{n}"
        item["added"] = True
        reviewed["next_id"] = n + 1
        reviewed.setdefault(section, []).append(item)
        action = "planimport.item.add"
    draft.reviewed = reviewed
    draft.save(update_fields=["reviewed", "updated_at"])
    audit.record(actor, action, draft, unit=draft.unit, section=section, item=item["id"])
    return item


@transaction.atomic
def map_indicator(actor, draft: PlanDraft, section: str, item_id: str, code: str | None) -> dict:
    """Set (or clear) the indicator of one item."""
    draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    _editable(actor, draft)
    index, item = _find(draft.reviewed, section, item_id)
    item["indicator"] = _indicator(code)
    draft.save(update_fields=["reviewed", "updated_at"])
    audit.record(
        actor, "planimport.item.map", draft, unit=draft.unit, item=item_id, indicator=item["indicator"]
    )
    return item


@transaction.atomic
def delete_item(actor, draft: PlanDraft, section: str, item_id: str) -> dict:
    draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    _editable(actor, draft)
    index, item = _find(draft.reviewed, section, item_id)
    del draft.reviewed[section][index]
    draft.save(update_fields=["reviewed", "updated_at"])
    audit.record(actor, "planimport.item.delete", draft, unit=draft.unit, section=section, item=item_id)
    return item


@transaction.atomic
def update_meta(actor, draft: PlanDraft, data: dict) -> dict:
    """Correct the document's metadata: title, kind, number, date, place, period, origin."""
    draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    _editable(actor, draft)
    r = draft.reviewed
    title = _text(data, "title")
    if not title:
        raise UserError(gettext("Trích yếu (tên kế hoạch) không được để trống."), field="title")
    kind = _text(data, "kind", 20) or r.get("kind") or "ke_hoach"
    if kind not in KIND_LABELS:
        raise UserError(gettext("Loại văn bản “%(kind)s” không hợp lệ.") % {"kind": kind}, field="kind")
    origin = _text(data, "origin", 10) or r.get("origin") or "parent"
    if origin not in ORIGINS:
        raise UserError(
            gettext("Nguồn văn bản “%(origin)s” không hợp lệ.") % {"origin": origin}, field="origin"
        )
    start = _text(data, "period_start", 4)
    end = _text(data, "period_end", 4) or start
    if start or end:
        if not (re.fullmatch(r"\d{4}", start or "") and re.fullmatch(r"\d{4}", end)):
            raise UserError(
                gettext("Thời kỳ của kế hoạch phải là năm, ví dụ 2024 – 2027."), field="period_start"
            )
        if end < start:
            raise UserError(gettext("Năm kết thúc phải sau năm bắt đầu."), field="period_end")
        period = {"start": start, "end": end}
    else:
        period = None
    r.update(
        title=title,
        kind=kind,
        origin=origin,
        number=_text(data, "number", 60) or None,
        date=_date(data.get("date"), gettext("Ngày ban hành"), "date", required=False),
        place=_text(data, "place", 80) or None,
        issuer=_text(data, "issuer", 200) or None,
        period=period,
    )
    draft.save(update_fields=["reviewed", "updated_at"])
    audit.record(actor, "planimport.meta", draft, unit=draft.unit, title=title)
    return r


@transaction.atomic
def replace_reviewed(actor, draft: PlanDraft, data: dict) -> PlanDraft:
    """API: replace the reviewed draft as a whole (metadata and item lists), validating every item."""
    draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    _editable(actor, draft)
    meta = {k: data.get(k) for k in ("title", "kind", "origin", "number", "date", "place", "issuer")}
    period = data.get("period") or {}
    meta["period_start"] = period.get("start", "") if isinstance(period, dict) else ""
    meta["period_end"] = period.get("end", "") if isinstance(period, dict) else ""
    update_meta(None, draft, {k: ("" if v is None else v) for k, v in meta.items()})
    draft.refresh_from_db()
    reviewed = draft.reviewed
    n = int(reviewed.get("next_id", 1))
    for section in SECTIONS:
        items = data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            raise UserError(
                gettext("%(section)s: cần một danh sách.") % {"section": SECTION_LABEL[section]},
                field=section,
            )
        old = {i.get("id"): i for i in reviewed.get(section, [])}
        out = []
        for pos, raw in enumerate(items, start=1):
            if not isinstance(raw, dict):
                raise UserError(
                    gettext("%(section)s thứ %(pos)s: cần một đối tượng.")
                    % {"section": SECTION_LABEL[section], "pos": pos},
                    field=section,
                )
            raw = {**raw, "line": "" if raw.get("line") is None else str(raw.get("line"))}
            try:
                item = _clean_item(section, raw, draft, old.get(raw.get("id")))
            except UserError as exc:
                message = gettext("%(section)s thứ %(pos)s: %(message)s") % {
                    "section": SECTION_LABEL[section],
                    "pos": pos,
                    "message": exc.message,
                }
                raise UserError(message, field=exc.field) from None
            if not item.get("id"):
                item["id"] = f"{SECTION_PREFIX[section]}{n}"
                n += 1
            out.append(item)
        reviewed[section] = out
    reviewed["next_id"] = n
    draft.reviewed = reviewed
    draft.save(update_fields=["reviewed", "updated_at"])
    audit.record(actor, "planimport.review", draft, unit=draft.unit)
    return draft


# ---- accepting -----------------------------------------------------------------------

_DIRECTION = {
    ">=": "at_least",
    ">": "at_least",
    "=": "at_least",
    "~": "at_least",
    "<=": "at_most",
    "<": "at_most",
}


def _due_rule_for_deadline(item: dict) -> str:
    day = item.get("end") if item.get("relation") == "during" and item.get("end") else item.get("date")
    at = time.fromisoformat(item["time"].zfill(5)) if item.get("time") else None
    return rules.DueRule.once_on(date.fromisoformat(day), at).rrule


def _where(item: dict) -> str:
    return gettext("dòng %(n)s") % {"n": item["line"]} if item.get("line") else gettext("mục thêm tay")


@translation.override("vi")  # the plan's text (references to the parent document) is Vietnamese
def _plan_fields(draft: PlanDraft) -> dict:
    r = draft.reviewed
    title = (r.get("title") or "").strip()
    if not title:
        raise UserError(gettext("Trích yếu (tên kế hoạch) không được để trống."), field="title")
    period = r.get("period") or {}
    today = date.today()
    if r.get("date"):
        issued = date.fromisoformat(r["date"])
    elif period.get("end") and int(period["end"]) < today.year:
        issued = date(int(period.get("start") or period["end"]), 1, 1)  # an undated plan of a past period
    else:
        issued = today
    start = period.get("start") or str(issued.year)
    end = period.get("end") or start
    refs = []
    number = r.get("number") or r.get("symbol")
    if r.get("origin", "parent") == "parent":
        head = str(KIND_LABELS.get(r.get("kind") or "other", "Văn bản"))
        ref = f"{head} {number}" if number else head
        if r.get("date"):
            ref += f" ngày {vn.format_date(issued)}"
        if r.get("issuer"):
            ref += f" của {r['issuer']}"
        refs.append(ref + f" về {title}")
    sections = []
    for node in r.get("sections") or []:
        sections.append(_section(node))
    return {
        "title": title,
        "issued_on": issued,
        "period_start": start,
        "period_end": end,
        "kind": KIND_TO_PLAN.get(r.get("kind") or "other", "KH"),
        "place": (r.get("place") or "")[:80],
        "sections": sections,
        "implements_refs": refs,
    }


def _section(node: dict) -> dict:
    head = node.get("title")
    if node.get("number"):
        head = f"{node.get('number')}. {node.get('title') or ''}".strip(" .")
    lines = []

    def walk(children, depth):
        for c in children or []:
            lines.append("  " * depth + f"{c.get('number') or ''} {c.get('title') or ''}".strip())
            walk(c.get("children"), depth + 1)

    walk(node.get("children"), 0)
    return {"heading": head or "", "body": "\n".join(lines)}


def _pending(r: dict) -> dict:
    """Deadlines and recurring duties not mapped to an indicator: kept as a section of the plan."""
    lines = []
    for d in r.get("deadlines", []):
        if not d.get("indicator"):
            when = vn.format_date(date.fromisoformat(d["date"]))
            if d.get("end") and d["end"] != d["date"]:
                when += " – " + vn.format_date(date.fromisoformat(d["end"]))
            lines.append(f"- {when}{' ' + d['time'] if d.get('time') else ''}: {d.get('what', '')}")
    for x in r.get("recurring", []):
        if not x.get("indicator"):
            lines.append(f"- {x.get('what', '')} ({x.get('due_rule') or x.get('rule', '')})")
    return {"heading": "Mốc thời gian và nhiệm vụ định kỳ (đọc từ văn bản)", "body": "\n".join(lines)}


def check_ready(draft: PlanDraft) -> list[str]:
    """What keeps the draft from being accepted, in Vietnamese (empty when ready)."""
    r = draft.reviewed
    problems = []
    if not (r.get("title") or "").strip():
        problems.append(gettext("Trích yếu (tên kế hoạch) không được để trống."))
    unmapped = [t for t in r.get("targets", []) if not t.get("indicator")]
    if unmapped:
        where = ", ".join(_where(t) for t in unmapped[:8]) + ("…" if len(unmapped) > 8 else "")
        problems.append(
            gettext("Còn %(len)s chỉ tiêu chưa gắn chỉ số (%(where)s): hãy chọn chỉ số hoặc xoá chỉ tiêu đó.")
            % {"len": len(unmapped), "where": where}
        )
    seen = {}
    for t in r.get("targets", []):
        if t.get("indicator"):
            key = (t["indicator"], t.get("period") or "")
            if key in seen:
                problems.append(
                    gettext(
                        "Chỉ số %(indicator)s được gắn cho hai chỉ tiêu cùng kỳ (%(where)s và %(where2)s): "
                        "mỗi chỉ số chỉ có một chỉ tiêu mỗi kỳ."
                    )
                    % {"indicator": t["indicator"], "where": _where(seen[key]), "where2": _where(t)}
                )
            seen[key] = t
    for x in r.get("recurring", []):
        if x.get("indicator") and not x.get("due_rule"):
            problems.append(
                gettext("Nhiệm vụ định kỳ ở %(where)s cần hạn nộp (ví dụ “weekly FR 12:00”).")
                % {"where": _where(x)}
            )
    return problems


@transaction.atomic
def accept(actor, draft: PlanDraft):
    """Turn the reviewed draft into a Plan with its targets and obligations, all or nothing.

    Targets need an indicator each; deadlines and recurring duties mapped to an indicator
    become report obligations of the sub-units (the tree as it stands today); the others
    are kept in a section of the plan so nothing read from the document is lost.
    """
    draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    _editable(actor, draft)
    problems = check_ready(draft)
    if problems:
        raise UserError(" ".join(problems))
    from doanso.plans import api as plans

    r = draft.reviewed
    fields = _plan_fields(draft)
    pending = _pending(r)
    if pending["body"]:
        fields["sections"].append(pending)
    number = None
    department = ""
    if r.get("origin") == "own" and r.get("number"):
        m = re.match(r"\s*(\d+)\s*-\s*[^/]+/\s*[^-\s]+(?:\s*-\s*(\S+))?", r["number"])
        if m:
            number = int(m[1])
            department = (m[2] or "")[:20]
    plan = plans.create_plan(actor, draft.unit, department=department, number=number, **fields)
    for order, t in enumerate(r.get("targets", []), start=1):
        try:
            plans.add_target(
                actor,
                plan,
                indicator=t["indicator"],
                value=t["value"],
                period=t.get("period") or "",
                direction=_DIRECTION.get(t.get("comparator") or "=", "at_least"),
                text=(t.get("text") or t.get("subject") or "")[:500],
                order=order,
            )
        except UserError as exc:
            raise UserError(
                gettext("Chỉ tiêu ở %(where)s: %(message)s") % {"where": _where(t), "message": exc.message},
                field=exc.field,
            ) from None
    today = date.today()
    duties = [
        ("deadlines", d, _due_rule_for_deadline(d)) for d in r.get("deadlines", []) if d.get("indicator")
    ]
    duties += [("recurring", x, x.get("due_rule")) for x in r.get("recurring", []) if x.get("indicator")]
    for section, item, rule in duties:
        try:
            plans.add_obligation(
                actor,
                plan,
                title=(item.get("what") or "Báo cáo")[:300],
                due_rule=rule,
                indicators=[item["indicator"]],
                on=max(today, plan.issued_on),
            )
        except UserError as exc:
            raise UserError(
                gettext("%(section)s ở %(where)s: %(message)s")
                % {"section": SECTION_LABEL[section], "where": _where(item), "message": exc.message},
                field=exc.field,
            ) from None
    draft.status = DraftStatus.ACCEPTED
    draft.plan = plan
    draft.save(update_fields=["status", "plan", "updated_at"])
    audit.record(
        actor, "planimport.accept", draft, unit=draft.unit, plan=plan.pk, targets=len(r.get("targets", []))
    )
    return plan


@transaction.atomic
def discard(actor, draft: PlanDraft) -> None:
    """Delete a draft that was not accepted."""
    _editable(actor, draft)
    audit.record(actor, "planimport.discard", draft, unit=draft.unit, file=draft.file_name)
    draft.delete()
