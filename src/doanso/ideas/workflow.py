"""The review workflow of an idea as plain data: which moves are allowed (no database).

tiếp nhận → đánh giá → hỗ trợ → triển khai → hoàn thành, and any step that is not final →
từ chối, which needs a reason. Anything else is refused with a Vietnamese message (HTTP 409).
"""

from django.utils.translation import gettext as _

from doanso.core.errors import ConflictError, UserError

ORDER = ("tiep_nhan", "danh_gia", "ho_tro", "trien_khai", "hoan_thanh")
REJECTED = "tu_choi"
FINAL = ("hoan_thanh", REJECTED)
STATUSES = (*ORDER, REJECTED)
NEXT = {a: b for a, b in zip(ORDER, ORDER[1:], strict=False)}
SUPPORTED_OR_LATER = ("ho_tro", "trien_khai", "hoan_thanh")


def label(status: str) -> str:
    from doanso.ideas.models import Status

    return str(Status(status).label) if status in STATUSES else status


def allowed(current: str) -> list[str]:
    """The statuses an idea in `current` may move to, in the order a reviewer would offer them."""
    if current in FINAL:
        return []
    return [NEXT[current], REJECTED]


def check(current: str, to: str, note: str) -> None:
    """Raise unless `current` → `to` is a move of the workflow (with a reason for từ chối)."""
    if to not in STATUSES:
        raise UserError(
            _("Trạng thái “%(to)s” không có trong quy trình xét ý tưởng.") % {"to": to}, field="to"
        )
    if to not in allowed(current):
        if current in FINAL:
            msg = _("Ý tưởng đã ở trạng thái “%(cur)s”, không thể chuyển tiếp.") % {"cur": label(current)}
        else:
            msg = _(
                "Không thể chuyển ý tưởng từ “%(cur)s” sang “%(to)s”: bước tiếp theo là “%(next)s” "
                "(hoặc “Từ chối”)."
            ) % {"cur": label(current), "to": label(to), "next": label(NEXT[current])}
        raise ConflictError(msg, field="to")
    if to == REJECTED and not note.strip():
        raise UserError(_("Từ chối ý tưởng cần ghi rõ lý do (trường “note”)."), field="note")
