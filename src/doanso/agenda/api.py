"""What other apps may import from `agenda` (OEP-49): the calendar source registry and its data."""

from doanso.agenda.sources import Event, Subject, events, names, register, unregister

__all__ = ["Event", "Subject", "events", "names", "register", "unregister"]
