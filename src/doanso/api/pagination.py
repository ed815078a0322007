from typing import Any

from ninja import Field, Schema
from ninja.pagination import PaginationBase


class Page(PaginationBase):
    """`{"items": [...], "count": n}` with ?limit= (max 500) and ?offset=."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500)
        offset: int = Field(0, ge=0)

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
