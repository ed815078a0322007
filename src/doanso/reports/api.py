"""What other apps may use of reports (OEP-49): functions and plain data.

The dashboard reads completeness, the late units and the roll-up counters through here (was a
direct import of `reports.queries` and `reports.rollup`, an ignored import in ADR 0007)."""

from doanso.reports.queries import completeness, late_units
from doanso.reports.rollup import actual, read, report_dim, value_dim

__all__ = ["actual", "completeness", "late_units", "read", "report_dim", "value_dim"]
