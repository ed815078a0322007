"""Report writes: draft → submitted → approved / returned, with history and the rollup kept current."""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext

from doanso.accounts.scoping import scope_for
from doanso.core import audit, computed, vn
from doanso.core.calendar import periods
from doanso.core.errors import ConflictError, OutOfRange, UserError
from doanso.org.models import Unit
from doanso.plans.api import plan_span
from doanso.plans.models import Aggregation, Assignment, Obligation, Source
from doanso.reports import rollup
from doanso.reports.models import Report, ReportEvent, ReportStatus, ReportValue


def _require(actor, unit: Unit) -> None:
    if actor is not None and not scope_for(actor).covers(unit.path):
        raise Http404


def _now(at: datetime | None) -> datetime:
    return at or timezone.now()


def _event(report: Report, action: str, actor, at: datetime, comment: str = "", **data) -> None:
    ReportEvent.objects.create(
        report=report,
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        at=at,
        comment=comment,
        data=data,
    )


def check_period(obligation: Obligation, period_id: str) -> tuple[periods.Period, datetime]:
    """The report's period must be one of the obligation's, inside the plan; returns it and its deadline."""
    p = periods.parse(period_id)
    rule = obligation.rule
    first, last = plan_span(obligation.plan)
    if not (first <= p.anchor <= last):  # a week counts in the year holding its Thursday
        raise UserError(
            gettext("Kỳ %(p)s nằm ngoài thời gian của kế hoạch (%(span)s).")
            % {"p": p.id, "span": obligation.plan.period},
            field="period",
        )
    if p.grain != rule.grain:
        raise UserError(
            gettext("Báo cáo “%(title)s” là báo cáo theo %(grain)s; kỳ %(p)s không phải một %(grain)s.")
            % {"title": obligation.title, "grain": periods.GRAIN_NAMES[rule.grain], "p": p.id},
            field="period",
        )
    deadline = rule.deadline_for(p)
    if deadline is None:
        raise UserError(
            gettext("Kỳ %(p)s không có hạn nộp theo quy định “%(rule)s”.")
            % {"p": p.id, "rule": rule.describe()},
            field="period",
        )
    return p, deadline


@transaction.atomic
def open_report(actor, obligation: Obligation, unit: Unit, period_id: str) -> Report:
    """The unit's report for the period (created as a draft the first time)."""
    _require(actor, unit)
    p, deadline = check_period(obligation, period_id)
    if not Assignment.objects.filter(obligation=obligation, unit=unit).exists():
        raise UserError(
            gettext("%(unit)s không thuộc diện phải nộp báo cáo “%(title)s”.")
            % {"unit": unit.name, "title": obligation.title},
            field="unit",
        )
    report, created = Report.objects.get_or_create(
        obligation=obligation, unit=unit, period=p.id, defaults={"due_at": deadline}
    )
    if created:
        _event(report, "create", actor, timezone.now())
    return report


def _parse_values(obligation: Obligation, values: dict, checked: frozenset = frozenset()) -> list[tuple]:
    """{indicator code: value or [numerator, denominator]} → rows; refuse anything unfit, naming the field.
    Codes in `checked` carry ints `form_values` already checked (a mixed part may be negative)."""
    inds = {i.code: i for i in obligation.indicators.all()}
    unknown = [c for c in values if c not in inds]
    if unknown:
        raise UserError(
            gettext("Chỉ số “%(code)s” không thuộc báo cáo “%(title)s”.")
            % {"code": unknown[0], "title": obligation.title},
            field=unknown[0],
        )
    rows = []
    for code, raw in values.items():
        ind = inds[code]
        if raw is None or raw == "":
            continue
        if code in checked:
            rows.append((ind, int(raw), None))
        elif ind.aggregation == Aggregation.RATIO:
            if not isinstance(raw, list | tuple) or len(raw) != 2:
                raise UserError(gettext("“%(name)s”: cần tử số và mẫu số.") % {"name": ind.name}, field=code)
            num, den = (_int(x, code, ind.name, bounds(ind)[1]) for x in raw)
            if den == 0 and num:
                raise UserError(
                    gettext("“%(name)s”: mẫu số phải lớn hơn 0.") % {"name": ind.name}, field=code
                )
            if num > den:
                raise UserError(
                    gettext("“%(name)s”: tỷ lệ vượt quá 100%% (tử số %(num)s > mẫu số %(den)s).")
                    % {"name": ind.name, "num": num, "den": den},
                    field=code,
                )
            rows.append((ind, num, den))
        else:
            rows.append((ind, _int(raw, code, ind.name, bounds(ind)[1]), None))
    return rows


# The largest value one report may give any indicator: no Union count or sum of money comes near
# 10^12, and 10^5 units × 53 weeks × 10^12 still fits the 64-bit counters that add them up the tree.
MAX_VALUE = 10**12
_PERCENT_UNITS = {"%", "phần trăm", "phan tram", "percent"}


def bounds(indicator) -> tuple[int, int]:
    """(min, max) a report may give the indicator: 0–100 for a percentage typed as such (not a
    ratio's numerator/denominator), 0–MAX_VALUE for counts and money; never negative."""
    uom = (indicator.unit_of_measure or "").strip().lower()
    if uom in _PERCENT_UNITS and not indicator.is_ratio:
        return 0, 100
    return 0, MAX_VALUE


def _int(raw, code: str, name: str, maximum: int = MAX_VALUE) -> int:
    """A count as typed (`85.000`, `1.234`) or sent (85000); core.vn reads it like every other form."""
    if isinstance(raw, int | Decimal) and not isinstance(raw, bool) and raw > maximum:
        raise _too_large(name, code, Decimal(raw), maximum)  # core.vn would only say "quá lớn"
    d = vn.number_for(raw, label=f"“{name}”", field=code)
    if d != d.to_integral_value():
        raise UserError(
            gettext("“%(name)s”: “%(raw)s” không phải là số nguyên.")
            % {"name": name, "raw": vn.format_number(d)},
            field=code,
        )
    if d < 0:
        raise UserError(
            gettext("“%(name)s”: giá trị không được âm (%(raw)s).")
            % {"name": name, "raw": vn.format_number(d)},
            field=code,
        )
    if d > maximum:
        raise _too_large(name, code, d, maximum)
    return int(d)


def _too_large(name: str, code: str, d: Decimal, maximum: int) -> OutOfRange:
    return OutOfRange(
        gettext("“%(name)s”: %(raw)s vượt quá giá trị tối đa cho phép của chỉ số này (%(max)s).")
        % {
            "name": name,
            "raw": vn.format_number(d) if d <= vn.MAX_ABS else gettext("giá trị đã nhập"),
            "max": vn.format_number(maximum),
        },
        field=code,
    )


def _bump(report: Report, version: int | None, **fields) -> None:
    """Write the report only if nobody else did since `version` was read."""
    expected = report.version if version is None else version
    n = Report.objects.filter(pk=report.pk, version=expected).update(version=F("version") + 1, **fields)
    if n == 0:
        raise ConflictError(
            gettext(
                "Báo cáo vừa được người khác cập nhật; hãy tải lại trang để xem bản mới rồi sửa tiếp "
                "(thay đổi của bạn chưa được lưu)."
            ),
            field="version",
        )
    report.refresh_from_db()


@transaction.atomic
def save_draft(
    actor,
    report: Report,
    values: dict,
    narrative: str | None = None,
    version: int | None = None,
    at: datetime | None = None,
    records: dict | None = None,
) -> Report:
    """`records` ({code: (from records, reason)}, from `form_values`) marks values pre-filled from the
    system's records; their `values` are then already checked ints."""
    _require(actor, report.unit)
    records = records or {}
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise UserError(
            gettext("Báo cáo đang ở trạng thái “%(status)s”, không sửa được.")
            % {"status": report.get_status_display()},
            field="status",
        )
    rows = _parse_values(report.obligation, values, frozenset(records))
    fields = {"narrative": narrative} if narrative is not None else {}
    _bump(report, version, **fields)
    for ind, v, d in rows:
        rec, reason = records.get(ind.code, (None, ""))
        ReportValue.objects.update_or_create(
            report=report,
            indicator=ind,
            defaults={"value": v, "denominator": d, "from_records": rec, "reason": reason},
        )
    extra = {}
    if records:
        extra["from_records"] = {c: r for c, (r, _) in records.items()}
        extra["corrections"] = {
            i.code: {"name": i.name, "records": rec, "value": _total(i, v, rec), "reason": why}
            for i, v, _d in rows
            if i.code in records
            for rec, why in [records[i.code]]
            if why
        }
    _event(
        report,
        "save",
        actor,
        _now(at),
        values={i.code: [v, d] if d is not None else v for i, v, d in rows},
        **extra,
    )
    return report


def _rollup_rows(report: Report) -> list[tuple]:
    return [
        (iid, agg, v, d)
        for iid, agg, v, d in report.values.values_list(
            "indicator_id", "indicator__aggregation", "value", "denominator"
        )
    ]


def _count(report: Report, sign: int) -> None:
    rollup.apply(
        rollup.deltas(
            report.obligation.plan_id,
            report.unit.path,
            report.period,
            bool(report.on_time),
            _rollup_rows(report),
            sign,
        )
    )


@transaction.atomic
def submit(
    actor,
    report: Report,
    values: dict | None = None,
    narrative: str | None = None,
    version: int | None = None,
    at: datetime | None = None,
    records: dict | None = None,
) -> Report:
    """Submit (optionally saving values first); on time when at or before the deadline."""
    _require(actor, report.unit)
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED):
        raise UserError(
            gettext("Báo cáo đã %(status)s, không nộp lại được.")
            % {"status": report.get_status_display().lower()},
            field="status",
        )
    if values is not None or narrative is not None:
        save_draft(actor, report, values or {}, narrative, version, at, records)
        version = report.version
    now = _now(at)
    missing = [
        i.name for i in report.obligation.indicators.all() if not report.values.filter(indicator=i).exists()
    ]
    if missing:
        raise UserError(gettext("Chưa nhập số liệu “%(name)s”.") % {"name": missing[0]}, field="values")
    on_time = now <= report.due_at
    _bump(report, version, status=ReportStatus.SUBMITTED, submitted_at=now, on_time=on_time, counted=True)
    _count(report, +1)
    _event(report, "submit", actor, now, on_time=on_time)
    audit.record(actor, "report.submit", report, unit=report.unit, period=report.period, on_time=on_time)
    return report


def _require_reviewer(actor, report: Report) -> None:
    if actor is not None and not scope_for(actor).covers(report.obligation.plan.issuer.path):
        raise Http404


@transaction.atomic
def approve(
    actor, report: Report, comment: str = "", version: int | None = None, at: datetime | None = None
) -> Report:
    _require_reviewer(actor, report)
    if report.status != ReportStatus.SUBMITTED:
        raise UserError(
            gettext("Chỉ duyệt được báo cáo đã nộp (báo cáo đang “%(status)s”).")
            % {"status": report.get_status_display()},
            field="status",
        )
    _bump(report, version, status=ReportStatus.APPROVED, comment=comment)
    _event(report, "approve", actor, _now(at), comment)
    audit.record(actor, "report.approve", report, unit=report.unit)
    return report


@transaction.atomic
def return_report(
    actor, report: Report, comment: str, version: int | None = None, at: datetime | None = None
) -> Report:
    _require_reviewer(actor, report)
    if report.status != ReportStatus.SUBMITTED:
        raise UserError(
            gettext("Chỉ trả lại được báo cáo đã nộp (báo cáo đang “%(status)s”).")
            % {"status": report.get_status_display()},
            field="status",
        )
    if not (comment or "").strip():
        raise UserError(gettext("Cần ghi rõ lý do trả lại báo cáo."), field="comment")
    _count(report, -1)
    _bump(report, version, status=ReportStatus.RETURNED, comment=comment, counted=False)
    _event(report, "return", actor, _now(at), comment)
    audit.record(actor, "report.return", report, unit=report.unit, comment=comment)
    return report


def get_report(user, report_id: int) -> Report:
    """A report the user may see: filed by a unit in scope, or answering a plan the user's unit issued."""
    report = Report.objects.select_related("obligation__plan__issuer", "unit").filter(pk=report_id).first()
    if report is None:
        raise Http404
    scope = scope_for(user)
    if not (scope.covers(report.unit.path) or scope.covers(report.obligation.plan.issuer.path)):
        raise Http404
    return report


# ---- the web form --------------------------------------------------------------------


def _total(ind, value: int, from_records: int | None) -> int:
    """The figure a records-backed value stands for: a mixed indicator's stored part on top of the
    records, or the value itself."""
    if from_records is not None and ind.source == Source.MIXED:
        return from_records + value
    return value


def records_for(report: Report, live: bool = True) -> dict[str, dict]:
    """{code: {"value", "url"}} for the report's indicators the system counts (computed or mixed, not
    ratios): what the records say for the unit's subtree and the period, through the core registry
    (`core.computed`), and the page listing the records behind it. `live` False (a report no longer
    editable): the figure saved with the report instead of today's."""
    p = periods.parse(report.period)
    saved = dict(report.values.filter(from_records__isnull=False).values_list("indicator_id", "from_records"))
    out = {}
    for ind in report.obligation.indicators.all().order_by("code"):
        if not ind.counted or ind.is_ratio:
            continue
        if live:
            v = computed.compute(ind.code, report.unit, p)
            if v is None:
                continue
            n = int(v.result(False) or 0)
        elif ind.pk in saved:
            n = saved[ind.pk]
        else:
            continue
        b = computed.explain(ind.code, report.unit, p)
        out[ind.code] = {"value": n, "url": b.url if b else ""}
    return out


def form_values(report: Report, data, records: dict[str, dict]) -> tuple[dict, dict]:
    """The posted form as `save_draft` takes it: (values, {code: (from records, reason)}).

    A records-backed field holds the figure the secretary confirms; a correction of the records
    needs a reason (the report's history keeps it). A mixed indicator stores what comes on top of
    the records (the dashboard adds the records themselves); where its records count nothing, the
    figure is simply reported."""
    values = values_from_form(report, data)
    marks: dict[str, tuple[int, str]] = {}
    inds = {i.code: i for i in report.obligation.indicators.all()}
    for code, rec in records.items():
        raw = values.get(code)
        if raw is None:
            continue
        ind = inds[code]
        total = _int(raw, code, ind.name, bounds(ind)[1])
        reason = (data.get(f"r_{code}") or "").strip()[:1000]
        # where the records of a mixed indicator count nothing, the figure is all reported (as the
        # dashboard shows it); otherwise a figure other than the records is a correction: say why
        corrected = total != rec["value"] and (rec["value"] != 0 or ind.source != Source.MIXED)
        if corrected and not reason:
            raise UserError(
                gettext(
                    "“%(name)s”: %(total)s khác số liệu theo dữ liệu hệ thống (%(rec)s); "
                    "hãy ghi lý do sửa hoặc giữ số của hệ thống."
                )
                % {"name": ind.name, "total": vn.format_number(total), "rec": vn.format_number(rec["value"])},
                field=code,
            )
        values[code] = total - rec["value"] if ind.source == Source.MIXED else total
        marks[code] = (rec["value"], reason if total != rec["value"] else "")  # the history keeps any
    return values, marks


def form_fields(report: Report, posted: dict | None = None, records: dict | None = None) -> list[dict]:
    """One field per indicator of the obligation, with its saved (or just posted) value; a field the
    records back is pre-filled with their figure until saved, and carries it and its link."""
    saved = {v.indicator_id: (v.value, v.denominator, v.reason) for v in report.values.all()}
    records = records or {}
    out = []
    for ind in report.obligation.indicators.all().order_by("code"):
        num, den, reason = saved.get(ind.pk, (None, None, ""))
        rec = records.get(ind.code)
        if rec is not None:
            if num is None:
                num = rec["value"]
            elif ind.source == Source.MIXED:
                num = rec["value"] + num
        if posted is not None:
            num = posted.get(f"v_{ind.code}", num)
            den = posted.get(f"d_{ind.code}", den)
            reason = posted.get(f"r_{ind.code}", reason)
        out.append(
            {
                "code": ind.code,
                "name": ind.name,
                "uom": ind.unit_of_measure,
                "ratio": ind.is_ratio,
                "num_label": ind.numerator_label or "Tử số",
                "den_label": ind.denominator_label or "Mẫu số",
                "value": "" if num is None else num,
                "den": "" if den is None else den,
                "records": rec["value"] if rec else None,
                "records_url": rec["url"] if rec else "",
                "reason": reason,
            }
        )
    return out


def values_from_form(report: Report, data) -> dict:
    """The posted form (v_CODE, and d_CODE for ratios) as the values `save_draft` takes."""
    out: dict = {}
    for ind in report.obligation.indicators.all():
        num = (data.get(f"v_{ind.code}") or "").strip()
        if ind.is_ratio:
            den = (data.get(f"d_{ind.code}") or "").strip()
            if num or den:
                out[ind.code] = [num, den]
        elif num:
            out[ind.code] = num
    return out


def can_review(user, report: Report) -> bool:
    """The issuer of the report's plan (or a unit above it) approves and returns reports."""
    return scope_for(user).covers(report.obligation.plan.issuer.path)


@translation.override("vi")  # an official Vietnamese document, whatever the UI language
def report_document(report: Report):
    """The report as an official document (Báo cáo) in the Union's format, like the plan export."""
    from doanso.plans import export
    from doanso.plans.api import target_for_unit
    from doanso.plans.numbering import body_for_kind

    unit, ob, plan = report.unit, report.obligation, report.obligation.plan
    at = (report.submitted_at or timezone.now()).astimezone(periods.TZ)
    p = periods.parse(report.period)
    parent = unit.parent
    superior = (
        "BCH ĐOÀN TNCS HỒ CHÍ MINH"
        if parent is None or parent.kind == "trung_uong"
        else f"BCH {parent.name.upper()}"
    )
    targets = {t.indicator_id: t for t in plan.targets.select_related("indicator", "plan__issuer")}
    lines = []
    for v in report.values.select_related("indicator").order_by("indicator__code"):
        ind = v.indicator
        uom = f" {ind.unit_of_measure}" if ind.unit_of_measure and ind.unit_of_measure != "%" else ""
        if ind.is_ratio:
            share = vn.format_percent(Decimal(100) * v.value / v.denominator) if v.denominator else "—%"
            text = f"- {ind.name}: {share} ({_vn(v.value)}/{_vn(v.denominator or 0)})"
        else:
            text = f"- {ind.name}: {_vn(_total(ind, v.value, v.from_records))}{uom}"
            if v.from_records is not None:
                text += f" (theo dữ liệu hệ thống: {_vn(v.from_records)}{uom}"
                text += f"; đã sửa, lý do: {v.reason})" if v.reason else ")"
        t = targets.get(ind.pk)
        goal = target_for_unit(t, unit) if t else None
        if goal is not None:
            text += f" (chỉ tiêu {vn.format_period(t.period)}: {_vn(goal)}{'%' if ind.is_ratio else uom})"
        lines.append(text + ".")
    sections = [("I. KẾT QUẢ CÁC CHỈ TIÊU", lines)]
    if report.narrative.strip():
        sections.append(("II. TÌNH HÌNH THỰC HIỆN", [x for x in report.narrative.split("\n") if x.strip()]))
    behind = _behind_lines(report, p)
    if behind:
        number = "III" if len(sections) == 2 else "II"
        sections.append((f"{number}. CÁC HOẠT ĐỘNG LÀM NÊN SỐ LIỆU", behind))
    body = body_for_kind(unit.kind)
    return export.Document_(
        superior=superior,
        issuing_line=f"BCH {unit.name.upper()}",
        symbol=f"   -BC/{body}",
        date_line=f"{unit.name}, ngày {at.day:02d} tháng {at.month:02d} năm {at.year}",
        kind_title="BÁO CÁO",
        title=f"{ob.title} {p.label}",
        preamble=[
            f"Thực hiện {export.KIND_TITLES.get(plan.kind, plan.kind).lower()} số {plan.symbol} ngày "
            f"{vn.format_date(plan.issued_on)} của {plan.issuer.name} về {plan.title}, {unit.name} báo cáo "
            f"kết quả {p.label} như sau:"
        ],
        sections=sections,
        recipients=[f"Ban Thường vụ {plan.issuer.name} (để báo cáo);", "Lưu VP."],
        signature="TM. BAN CHẤP HÀNH" if unit.kind == "chi_doan" else "TM. BAN THƯỜNG VỤ",
        signer_title="BÍ THƯ",
    )


def _behind_lines(report: Report, p: periods.Period) -> list[str]:
    """For each records-backed value of the report, the records behind it (the activities) as the
    app that counts them lists them through `core.computed.explain`."""
    out = []
    for v in report.values.select_related("indicator").order_by("indicator__code"):
        if not v.indicator.counted or v.indicator.is_ratio:
            continue
        b = computed.explain(v.indicator.code, report.unit, p)
        if b is None or not b.records:
            continue
        out.append(f"{v.indicator.name}:")
        out += [f"- {r.text};" for r in b.records]
        if b.more:
            out.append(f"- và {_vn(b.more)} hoạt động khác.")
    return out


def _vn(x) -> str:
    """85000 → "85.000", 12.5 → "12,5" (two decimals at most)."""
    d = Decimal(str(x))
    return vn.format_number(d if d == d.to_integral_value() else d.quantize(Decimal("0.01")).normalize())


def export_report(report: Report, fmt: str, output) -> object:
    from doanso.plans import export

    return export.export_document(report_document(report), fmt, output)
