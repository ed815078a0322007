"""Computed indicators, as plans and its users see them: the registry is `core.computed` (so that
apps below plans, like members, can register too); plans imports no domain app.

Each app registers its own codes from its own module (`members/indicators.py`,
`activities/indicators.py`…), imported in its `AppConfig.ready()`.
"""

from doanso.core.computed import REGISTRY, REPORTABLE, Computer, Value, compute, computed, reportable

__all__ = ["REGISTRY", "REPORTABLE", "Computer", "Value", "compute", "computed", "reportable"]
