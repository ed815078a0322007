"""/api/v1/reports and /api/v1/units/{code}/reports/due.

The API edge of reports (was `reports/endpoints.py`): it calls `reports/api.py` only."""

from datetime import datetime

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from doanso.accounts.scoping import get_unit
from doanso.core.pagination import Page
from doanso.core.vn_schema import VnReportValue
from doanso.core.vn_schema import column_length as _len
from doanso.org.models import Unit
from doanso.plans.api import get_obligation
from doanso.reports import api as reports

router = Router(tags=["reports"])
units_router = Router(tags=["reports"])


class DueOut(Schema):
    plan_id: int
    plan: str
    obligation_id: int
    obligation: str
    period: str
    period_label: str
    due_at: datetime
    status: str
    overdue: bool


MAX_TEXT = 100_000  # a report's narrative or a reviewer's comment (TextField): pages of text, not megabytes


class OpenIn(Schema):
    obligation: int = Field(..., ge=1, le=2**63 - 1)
    unit: str = Field(..., max_length=_len(Unit, "code"))
    period: str = Field(..., max_length=10)


class ValuesIn(Schema):
    values: dict[str, VnReportValue] = Field({}, max_length=500)
    narrative: str | None = Field(None, max_length=MAX_TEXT)
    version: int | None = Field(None, ge=0, le=2**31 - 1)


class ReviewIn(Schema):
    comment: str = Field("", max_length=MAX_TEXT)
    version: int | None = Field(None, ge=0, le=2**31 - 1)


def report_out(r) -> dict:
    return {
        "id": r.pk,
        "obligation": r.obligation_id,
        "plan": r.obligation.plan_id,
        "unit": r.unit.code,
        "period": r.period,
        "status": r.status,
        "due_at": r.due_at,
        "submitted_at": r.submitted_at,
        "on_time": r.on_time,
        "version": r.version,
        "narrative": r.narrative,
        "comment": r.comment,
        "values": {
            v.indicator.code: [v.value, v.denominator] if v.denominator is not None else v.value
            for v in r.values.select_related("indicator")
        },
        "history": [
            {
                "action": e.action,
                "at": e.at,
                "actor": e.actor.username if e.actor else None,
                "comment": e.comment,
            }
            for e in r.events.select_related("actor")
        ],
    }


@units_router.get("/{code}/reports/due", response=list[DueOut])
@paginate(Page)
def reports_due(request, code: str):
    """What the unit owes: reports due up to a month ahead, and overdue ones, with due dates."""
    return reports.due_for_unit(get_unit(request.user, code))


@router.post("", response={200: dict, 201: dict})
def open_report(request, data: OpenIn):
    unit = get_unit(request.user, data.unit)
    ob = get_obligation(request.user, data.obligation)
    report = reports.open_report(request.user, ob, unit, data.period)
    return report_out(report)


@router.get("/{report_id}")
def get_report(request, report_id: int):
    return report_out(reports.get_report(request.user, report_id))


@router.put("/{report_id}", response={200: dict, 409: dict})
def save_report(request, report_id: int, data: ValuesIn):
    """Save a draft; pass the `version` you loaded — a stale one answers 409 and saves nothing."""
    r = reports.save_draft(
        request.user,
        reports.get_report(request.user, report_id),
        data.values,
        data.narrative,
        data.version,
    )
    return Status(200, report_out(r))  # a stale version answers 409 (api.urls)


@router.post("/{report_id}/submit", response={200: dict, 409: dict})
def submit_report(request, report_id: int, data: ValuesIn):
    r = reports.submit(
        request.user,
        reports.get_report(request.user, report_id),
        data.values or None,
        data.narrative,
        data.version,
    )
    return Status(200, report_out(r))  # a stale version answers 409 (api.urls)


@router.post("/{report_id}/approve", response={200: dict, 409: dict})
def approve_report(request, report_id: int, data: ReviewIn):
    r = reports.approve(request.user, reports.get_report(request.user, report_id), data.comment, data.version)
    return Status(200, report_out(r))  # a stale version answers 409 (api.urls)


@router.post("/{report_id}/return", response={200: dict, 409: dict})
def return_report(request, report_id: int, data: ReviewIn):
    r = reports.return_report(
        request.user, reports.get_report(request.user, report_id), data.comment, data.version
    )
    return Status(200, report_out(r))  # a stale version answers 409 (api.urls)


def register(api) -> None:
    api.add_router("/reports", router)
    api.add_router("/units", units_router)
