"""What other apps (and the API edge, `api/planimport.py`) use of planimport (OEP-49): functions;
drafts cross as the objects these functions return and take back."""

from doanso.planimport.accept import accept, check_ready
from doanso.planimport.results import result_id
from doanso.planimport.review import create_draft, discard, replace_reviewed
from doanso.planimport.selectors import drafts_for, get_draft
from doanso.planimport.upload import extract_upload

__all__ = [
    "accept",
    "check_ready",
    "create_draft",
    "discard",
    "drafts_for",
    "extract_upload",
    "get_draft",
    "replace_reviewed",
    "result_id",
]
