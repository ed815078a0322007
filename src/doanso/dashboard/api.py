"""What other apps may use of the dashboard (OEP-49): functions and plain data."""

from doanso.dashboard.services import dashboard

__all__ = ["dashboard"]
