"""The one `Page` shape of every API list (and the keyset variant for lists of millions).

In core, not the API package: the members app still mounts its own endpoints module, and the
layers let every app import core; the shape is plain data with no business logic."""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PaginationBase

# No list is ever paged this deep; beyond it an offset only overflows the database's integer (500).
MAX_OFFSET = 10**9


class Page(PaginationBase):
    """`{"items": [...], "count": n}` with ?limit= (max 500) and ?offset=."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    class Output(Schema):
        items: list[Any]
        count: int

    items_attribute = "items"

    def paginate_queryset(self, queryset, pagination: Input, **params):
        offset, limit = pagination.offset, pagination.limit
        count = (
            queryset.count()
            if hasattr(queryset, "count") and not isinstance(queryset, list)
            else len(queryset)
        )
        return {"items": list(queryset[offset : offset + limit]), "count": count}


class mapped:  # noqa: N801 - used like a function: `return mapped(queryset, to_dict)`
    """A queryset `Page` slices and counts in the database, each row of the page turned into the
    response's dict by `fn` (no list of every row built first)."""

    def __init__(self, queryset, fn):
        self.queryset, self.fn = queryset, fn

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, window: slice) -> list:
        return [self.fn(row) for row in self.queryset[window]]


class KeysetPage(PaginationBase):
    """`{"items": [...], "count": n, "count_capped": bool, "next": cursor | null}` with ?limit= (max 500)
    and ?cursor= (the `next` of the previous page).

    For lists too large to walk with OFFSET: the view returns an object with
    `page(cursor, limit) -> (items, count, count_capped, next)`. `count` is exact unless
    `count_capped`, when there are more than `count` rows.
    """

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500)
        cursor: str = ""

    class Output(Schema):
        items: list[Any]
        count: int
        count_capped: bool = False
        next: str | None = None

    items_attribute = "items"

    def paginate_queryset(self, queryset, pagination: Input, **params):
        items, count, capped, nxt = queryset.page(pagination.cursor or None, pagination.limit)
        return {"items": items, "count": count, "count_capped": capped, "next": nxt}
