"""Moved to `doanso.core.calendar.rules`. This re-export stays only while files being rewritten
elsewhere still import it here (plans/services.py, plans/forms.py); point them at the calendar
and delete it."""

from doanso.core.calendar.rules import *  # noqa: F403
from doanso.core.calendar.rules import __all__  # noqa: F401
