"""What other apps may import from `privacy` (OEP-49 style boundary)."""

from doanso.privacy.services import export_data, hold_of

__all__ = ["export_data", "hold_of"]
