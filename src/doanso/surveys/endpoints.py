"""The surveys app's routes of /api/v1/ (api/urls.py calls `register`)."""


def register(api) -> None:
    """Add this app's routers to the API (none yet)."""
