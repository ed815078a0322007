"""Plan import, step 2: the reviewer corrects the draft — its metadata, its items (targets,
deadlines, recurring duties) and the indicator each maps to. Every write checks the draft's unit
is in the actor's scope and records an audit entry inside its transaction; nothing is written
when a Vietnamese `UserError` is raised."""

import re

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext

from doanso.core import audit, vn
from doanso.core.calendar import rules
from doanso.core.errors import UserError
from doanso.planimport import suggest
from doanso.planimport.confidence import HIGH
from doanso.planimport.draft import KIND_LABELS, ORIGINS, SECTION_LABEL, SECTION_PREFIX, SECTIONS, require
from doanso.planimport.models import DraftStatus, PlanDraft

#: a suggestion at least this good is preselected on a new draft (the reviewer can change it)
PRESELECT_SCORE = 60


def editable(actor, draft: PlanDraft) -> None:
    require(actor, draft.unit)
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
    d = vn.number_for(raw, label=label, field=field)
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
    return vn.date_for(raw, label=label, field=field).isoformat()


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
        item.pop("suggested", None)
    item["confirmed"] = True  # the reviewer wrote it
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
    editable(actor, draft)
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
    editable(actor, draft)
    index, item = _find(draft.reviewed, section, item_id)
    item["indicator"] = _indicator(code)
    item.pop("suggested", None)  # the reviewer chose it
    draft.save(update_fields=["reviewed", "updated_at"])
    audit.record(
        actor, "planimport.item.map", draft, unit=draft.unit, item=item_id, indicator=item["indicator"]
    )
    return item


@transaction.atomic
def delete_item(actor, draft: PlanDraft, section: str, item_id: str) -> dict:
    draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    editable(actor, draft)
    index, item = _find(draft.reviewed, section, item_id)
    del draft.reviewed[section][index]
    draft.save(update_fields=["reviewed", "updated_at"])
    audit.record(actor, "planimport.item.delete", draft, unit=draft.unit, section=section, item=item_id)
    return item


@transaction.atomic
def update_meta(actor, draft: PlanDraft, data: dict) -> dict:
    """Correct the document's metadata: title, kind, number, date, place, period, origin."""
    draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    editable(actor, draft)
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
    editable(actor, draft)
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


@transaction.atomic
def discard(actor, draft: PlanDraft) -> None:
    """Delete a draft that was not accepted."""
    editable(actor, draft)
    audit.record(actor, "planimport.discard", draft, unit=draft.unit, file=draft.file_name)
    draft.delete()


@transaction.atomic
def preselect_indicators(actor, draft: PlanDraft, min_score: int = PRESELECT_SCORE) -> int:
    """Map every unmapped target of a new draft to its best suggested indicator (issue 11: a
    20-target plan must not take 20 clicks). Each preselected item is marked `suggested` so the
    screen says so; an indicator is never given twice for the same period. Returns how many."""
    draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    editable(actor, draft)
    candidates = suggest.catalogue()
    used = {(t.get("indicator"), t.get("period") or "") for t in draft.reviewed.get("targets", [])}
    count = 0
    for item in draft.reviewed.get("targets", []):
        if item.get("indicator"):
            continue
        for option in suggest.suggest(item, candidates, cutoff=min_score):
            key = (option.code, item.get("period") or "")
            if key not in used:
                item["indicator"] = option.code
                item["suggested"] = True
                used.add(key)
                count += 1
                break
    if count:
        draft.save(update_fields=["reviewed", "updated_at"])
        audit.record(actor, "planimport.preselect", draft, unit=draft.unit, items=count)
    return count


def is_confident(item: dict) -> bool:
    """Items the reader is sure of (`confidence` ≥ HIGH); items typed by the reviewer count as sure."""
    return item.get("added") or float(item.get("confidence", 1.0)) >= HIGH


@transaction.atomic
def confirm_confident(actor, draft: PlanDraft) -> int:
    """Mark every high-confidence item as checked in one action (issue 13: review still wins, the
    secretary reads the uncertain ones). A target needs its indicator to be confirmed."""
    draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    editable(actor, draft)
    count = 0
    for section in SECTIONS:
        for item in draft.reviewed.get(section, []):
            if item.get("confirmed") or not is_confident(item):
                continue
            if section == "targets" and not item.get("indicator"):
                continue
            item["confirmed"] = True
            count += 1
    if count:
        draft.save(update_fields=["reviewed", "updated_at"])
    audit.record(actor, "planimport.confirm", draft, unit=draft.unit, items=count)
    return count


@transaction.atomic
def create_draft(actor, unit, uploaded) -> PlanDraft:
    """Read an uploaded document into a draft (upload's job) and preselect its indicators."""
    from doanso.planimport import upload

    draft = upload.create_draft(actor, unit, uploaded)
    preselect_indicators(actor, draft)
    draft.refresh_from_db()
    return draft
