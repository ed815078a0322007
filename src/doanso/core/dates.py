"""Dates as Vietnamese users write them (dd/mm/yyyy)."""

from datetime import date, datetime


def parse_vn_date(text: str) -> date:
    """Parse dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, or ISO yyyy-mm-dd); ValueError otherwise."""
    s = (text or "").strip()
    if not s:
        raise ValueError("trống")
    if len(s) == 10 and s[4] == "-" and s[7] == "-":
        return date.fromisoformat(s)
    if " " in s:  # "15/03/2020 00:00:00" from spreadsheets
        s = s.split(" ", 1)[0]
    for sep in ("/", "-", "."):
        parts = s.split(sep)
        if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
            d, m, y = (int(p) for p in parts)
            return date(y, m, d)
    return datetime.strptime(s, "%d/%m/%Y").date()


def format_vn_date(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""
