"""Moved to `doanso.core.calendar.periods`. This re-export stays only while files being rewritten
elsewhere still import it here (plans/services.py, reports/queries.py, reports/services.py,
dashboard/services.py, dashboard/endpoints.py, tests/scoping_providers.py, bench/dashboard_bench.py);
point them at the calendar and delete it."""

from doanso.core.calendar.periods import *  # noqa: F403
