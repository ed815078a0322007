"""Errors a user sees: Vietnamese text, naming the row and field where there is one."""

from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext


class UserError(Exception):
    """A refused operation with a message fit to show the user as is (HTTP `status` at the API)."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class ConflictError(UserError):
    """Someone else saved the record since it was loaded (optimistic locking): HTTP 409."""

    status = 409


class Refused(UserError):
    """The user may not do this here (outside the activity's audience, not the unit's
    administrator, not the organiser's superior): HTTP 403."""

    status = 403


class OutOfRange(UserError):
    """A well-formed value beyond what the field can hold (a report value above its indicator's
    maximum, a counter that would overflow): HTTP 422, so one typo or attack cannot reach the totals."""

    status = 422


@dataclass
class RowError:
    row: int  # 1-based row number as the user sees it in the file (header = row 1)
    field: str
    message: str

    def __str__(self) -> str:
        return gettext("Dòng %(row)s, cột “%(field)s”: %(message)s") % {
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }


@dataclass
class ImportFailed(Exception):
    """Raised when a file has errors and nothing was written."""

    errors: list[RowError] = field(default_factory=list)

    def __str__(self) -> str:
        n = len(self.errors)
        head = ngettext(
            "Tệp có %(n)s lỗi, không có dữ liệu nào được ghi.",
            "Tệp có %(n)s lỗi, không có dữ liệu nào được ghi.",
            n,
        ) % {"n": n}
        return "\n".join([head, *map(str, self.errors[:200])])
