"""Results read from a document (numbers already achieved) become report values, when asked.

A unit's report of what it did ("đã kết nạp 32 đoàn viên") holds numbers its parent's plan asks
it to report. When the reviewer ticks a result on the review screen (or lists it in the API's
accept call) and names its indicator, the value is written into the earliest report the unit
still owes that carries that indicator, through the reports app's own services. The report stays
a draft: the secretary reads it and submits it. Nothing is ticked by default, and everything
happens inside the acceptance's transaction, so a refused result leaves no plan and no value.
"""

from django.utils.translation import gettext

from doanso.core import vn
from doanso.core.errors import UserError
from doanso.org.models import Unit
from doanso.reports import api as reports

__all__ = ["result_id", "record_results"]


def result_id(index: int) -> str:
    """The stable id of the index-th result of a draft (results are read, never edited, in review)."""
    return f"x{index + 1}"


def _where(item: dict) -> str:
    return gettext("Kết quả ở dòng %(n)s") % {"n": item.get("line") or "?"}


def _chosen(reviewed: dict, picks: dict[str, str | None]) -> list[tuple[dict, str]]:
    """(result, indicator code) for each ticked result; refuses unknown ids, missing indicators,
    percentages (a report needs numerator and denominator) and two results on one indicator."""
    by_id = {result_id(i): x for i, x in enumerate(reviewed.get("results") or [])}
    out, seen = [], {}
    for rid, code in picks.items():
        item = by_id.get(rid)
        if item is None:
            message = gettext("Không có kết quả “%(id)s” trong bản nháp.") % {"id": rid}
            raise UserError(message, field="results")
        code = (code or "").strip()
        if not code:
            raise UserError(
                gettext("%(where)s: hãy chọn chỉ số để ghi vào báo cáo.") % {"where": _where(item)},
                field="results",
            )
        if item.get("percent"):
            raise UserError(
                gettext(
                    "%(where)s là một tỷ lệ (%(value)s%%): báo cáo cần tử số và mẫu số, hãy nhập trực "
                    "tiếp trong báo cáo."
                )
                % {"where": _where(item), "value": vn.format_number(item.get("value"))},
                field="results",
            )
        if code in seen:
            raise UserError(
                gettext("%(where)s và %(where2)s cùng ghi vào chỉ số “%(code)s”: mỗi chỉ số chỉ một giá trị.")
                % {"where": _where(seen[code]), "where2": _where(item), "code": code},
                field="results",
            )
        seen[code] = item
        out.append((item, code))
    return out


def _owed_by_indicator(unit: Unit) -> dict[str, tuple]:
    """indicator code → (obligation, period id) of the earliest report the unit still owes with it."""
    from doanso.plans.models import Obligation

    due = reports.due_for_unit(unit)  # earliest deadline first
    obligations = Obligation.objects.filter(pk__in={d["obligation_id"] for d in due}).prefetch_related(
        "indicators"
    )
    by_pk = {ob.pk: ob for ob in obligations}
    out: dict[str, tuple] = {}
    for d in due:
        ob = by_pk[d["obligation_id"]]
        for ind in ob.indicators.all():
            out.setdefault(ind.code, (ob, d["period"]))
    return out


def record_results(actor, unit: Unit, reviewed: dict, picks: dict[str, str | None]) -> list:
    """Write the ticked results (`picks`: result id → indicator code) into the unit's reports.

    Returns the reports written (drafts). Raises UserError naming the result's line when a result
    cannot be written; the caller's transaction then undoes everything."""
    chosen = _chosen(reviewed, picks)
    if not chosen:
        return []
    owed = _owed_by_indicator(unit)
    grouped: dict[tuple, dict] = {}
    for item, code in chosen:
        if code not in owed:
            raise UserError(
                gettext("%(where)s: %(unit)s không có báo cáo nào đang phải nộp có chỉ số “%(code)s”.")
                % {"where": _where(item), "unit": unit.name, "code": code},
                field="results",
            )
        ob, period = owed[code]
        grouped.setdefault((ob.pk, period), {"ob": ob, "values": {}, "items": []})
        grouped[(ob.pk, period)]["values"][code] = item["value"]
        grouped[(ob.pk, period)]["items"].append(item)
    written = []
    for (_pk, period), g in grouped.items():
        report = reports.open_report(actor, g["ob"], unit, period)
        try:
            reports.save_draft(actor, report, g["values"])
        except UserError as exc:
            raise UserError(
                gettext("%(where)s: %(message)s") % {"where": _where(g["items"][0]), "message": exc.message},
                field="results",
            ) from None
        written.append(report)
    return written
