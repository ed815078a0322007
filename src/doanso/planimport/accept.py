"""Plan import, step 3: turn a reviewed draft into a plan with its targets and obligations (through
plans' own writes), all or nothing."""

import re
from datetime import date, time

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from doanso.core import audit, vn
from doanso.core.calendar import rules
from doanso.core.errors import UserError
from doanso.planimport import results
from doanso.planimport.draft import KIND_LABELS, KIND_TO_PLAN, SECTION_LABEL
from doanso.planimport.models import DraftStatus, PlanDraft
from doanso.planimport.review import editable
from doanso.plans import api as plans

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


def _indicator_names(codes: set[str]) -> dict[str, str]:
    from doanso.plans.models import Indicator

    return dict(Indicator.objects.filter(code__in=codes).values_list("code", "name"))


def check_ready(draft: PlanDraft, without_targets: bool = False) -> list[str]:
    """What keeps the draft from being accepted, in Vietnamese (empty when ready).

    A document with nothing to carry out (an invitation to a class reunion) is never a plan; one
    with deadlines or duties but no target becomes a plan only when the reviewer says so
    (`without_targets`, issue 11)."""
    r = draft.reviewed
    problems = []
    if not (r.get("title") or "").strip():
        problems.append(gettext("Trích yếu (tên kế hoạch) không được để trống."))
    if not (r.get("targets") or r.get("deadlines") or r.get("recurring")):
        problems.append(
            gettext(
                "Văn bản không có chỉ tiêu, mốc thời gian hay nhiệm vụ định kỳ nào (ví dụ một thư mời, "
                "giấy mời họp lớp) nên không thể nhận thành kế hoạch. Hãy thêm các mục cần thực hiện, "
                "hoặc xoá bản nháp."
            )
        )
    elif not r.get("targets") and not without_targets:
        problems.append(
            gettext(
                "Văn bản chưa có chỉ tiêu nào. Nếu đây đúng là kế hoạch không có chỉ tiêu (chỉ có mốc thời "
                "gian, nhiệm vụ), hãy chọn “Nhận thành kế hoạch không có chỉ tiêu”."
            )
        )
    unmapped = [t for t in r.get("targets", []) if not t.get("indicator")]
    if unmapped:
        where = ", ".join(_where(t) for t in unmapped[:8]) + ("…" if len(unmapped) > 8 else "")
        problems.append(
            gettext("Còn %(len)s chỉ tiêu chưa gắn chỉ số (%(where)s): hãy chọn chỉ số hoặc xoá chỉ tiêu đó.")
            % {"len": len(unmapped), "where": where}
        )
    seen = {}
    names = _indicator_names({t["indicator"] for t in r.get("targets", []) if t.get("indicator")})
    for t in r.get("targets", []):
        if t.get("indicator"):
            key = (t["indicator"], t.get("period") or "")
            if key in seen:
                problems.append(
                    gettext(
                        "Chỉ số “%(indicator)s” được gắn cho hai chỉ tiêu cùng kỳ (%(where)s và %(where2)s): "
                        "mỗi chỉ số chỉ có một chỉ tiêu mỗi kỳ."
                    )
                    % {
                        "indicator": names.get(t["indicator"], t["indicator"]),
                        "where": _where(seen[key]),
                        "where2": _where(t),
                    }
                )
            seen[key] = t
    for x in r.get("recurring", []):
        if x.get("indicator") and not x.get("due_rule"):
            problems.append(
                gettext(
                    "Nhiệm vụ định kỳ ở %(where)s cần hạn nộp "
                    "(ví dụ “FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0”)."
                )
                % {"where": _where(x)}
            )
    return problems


@transaction.atomic
def accept(
    actor,
    draft: PlanDraft,
    without_targets: bool = False,
    report_results: dict[str, str | None] | None = None,
):
    """Turn the reviewed draft into a Plan with its targets and obligations, all or nothing.

    Targets need an indicator each; deadlines and recurring duties mapped to an indicator
    become report obligations of the sub-units (the tree as it stands today); the others
    are kept in a section of the plan so nothing read from the document is lost.
    `report_results` (result id → indicator code, none by default) writes those results into the
    reports the draft's unit owes (`results.record_results`), in the same transaction.
    """
    draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    editable(actor, draft)
    problems = check_ready(draft, without_targets)
    if problems:
        raise UserError(" ".join(problems))
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
    _add_targets(actor, plan, r.get("targets", []))
    _add_obligations(actor, plan, r)
    written = results.record_results(actor, draft.unit, r, report_results or {})
    draft.status = DraftStatus.ACCEPTED
    draft.plan = plan
    draft.save(update_fields=["status", "plan", "updated_at"])
    audit.record(
        actor,
        "planimport.accept",
        draft,
        unit=draft.unit,
        plan=plan.pk,
        targets=len(r.get("targets", [])),
        reports=[rep.pk for rep in written],
    )
    return plan


def _add_targets(actor, plan, targets: list[dict]) -> None:
    """The reviewed targets, each on its indicator; an error names the line it was read from."""
    for order, t in enumerate(targets, start=1):
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


def _add_obligations(actor, plan, r: dict) -> None:
    """Deadlines and recurring duties mapped to an indicator, as report obligations of the sub-units."""
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
