"""What other apps may use of reports (OEP-49): functions and plain data.

The dashboard reads completeness, the late units and the roll-up counters through here (it
imported `reports.queries` and `reports.rollup` directly before); the API edge
(`api/reports.py`) the due list and the report workflow."""

from doanso.reports.queries import completeness, due_for_unit, due_for_units, late_units
from doanso.reports.rollup import actual, read, report_dim, value_dim
from doanso.reports.services import approve, get_report, open_report, return_report, save_draft, submit
from doanso.reports.tasks import set_delivery

__all__ = [
    "actual",
    "approve",
    "completeness",
    "due_for_unit",
    "due_for_units",
    "get_report",
    "late_units",
    "open_report",
    "read",
    "report_dim",
    "return_report",
    "save_draft",
    "set_delivery",
    "submit",
    "value_dim",
]
