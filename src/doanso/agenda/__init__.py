"""iCalendar feeds per unit and per member with secret URLs (issue 14)."""
