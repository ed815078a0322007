"""Channels, the good-news calendar and the media bank (issue 16)."""

from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.outreach"
    label = "outreach"
    verbose_name = "Truyền thông"

    def ready(self) -> None:
        from doanso.outreach import indicators  # noqa: F401  registers TIN_TOT
        from doanso.outreach.todo import posts_due_today
        from doanso.todo.api import register

        register("outreach.posts_due_today", posts_due_today)
