"""What other apps may use of the outreach app (exemplars puts its honoured stories in the calendar)."""

from datetime import date

from doanso.outreach import services
from doanso.outreach.models import Post, PostKind


def log_story(
    *, unit, title: str, url: str | None, published: date, source: str, source_id: int, by_user
) -> Post:
    """A "câu chuyện đẹp" post, idempotent per (source, source_id); counted in the calendar and TIN_TOT."""
    return services.log_story(
        unit=unit,
        title=title,
        url=url,
        published=published,
        source=source,
        source_id=source_id,
        by_user=by_user,
    )


__all__ = ["Post", "PostKind", "log_story"]
