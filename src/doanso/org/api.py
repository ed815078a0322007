"""What other apps may import from `org` (OEP-49 style boundary)."""

from doanso.org import counters
from doanso.org.models import SubtreeCounter, Unit, UnitKind
from doanso.org.tree import ancestor_ids, subtree_range

__all__ = ["SubtreeCounter", "Unit", "UnitKind", "ancestor_ids", "counters", "subtree_range"]
