"""The shape of a plan draft under review, shared by upload, review and accept: its item sections
(with their id prefixes and labels), the document kinds and origins, and the scope check every
write on a draft makes."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from doanso.accounts.scoping import scope_for
from doanso.org.models import Unit

SECTIONS = ("targets", "deadlines", "recurring")
SECTION_PREFIX = {"targets": "t", "deadlines": "d", "recurring": "r"}
SECTION_LABEL = {
    "targets": _("Chỉ tiêu"),
    "deadlines": _("Mốc thời gian"),
    "recurring": _("Nhiệm vụ định kỳ"),
}

KIND_TO_PLAN = {
    "ke_hoach": "KH",
    "chuong_trinh": "CTr",
    "ket_luan": "KL",
    "bao_cao": "BC",
    "huong_dan": "HD",
    "thong_bao": "TB",
    "cong_van": "CV",
    "quy_che": "QC",
    "quyet_dinh": "KH",
    "nghi_quyet": "KH",
    "other": "KH",
}
KIND_LABELS = {
    "ke_hoach": _("Kế hoạch"),
    "chuong_trinh": _("Chương trình"),
    "ket_luan": _("Kết luận"),
    "bao_cao": _("Báo cáo"),
    "huong_dan": _("Hướng dẫn"),
    "thong_bao": _("Thông báo"),
    "cong_van": _("Công văn"),
    "quy_che": _("Quy chế"),
    "quyet_dinh": _("Quyết định"),
    "nghi_quyet": _("Nghị quyết"),
    "other": _("Văn bản khác"),
}
ORIGINS = {"parent": _("Văn bản của cấp trên (đơn vị thực hiện)"), "own": _("Văn bản do đơn vị ban hành")}


def require(actor, unit: Unit) -> None:
    """Writes need the actor to act for the draft's unit (actor None = the system)."""
    if actor is not None and not scope_for(actor).covers(unit.path):
        raise Http404
