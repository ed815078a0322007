"""The ideas bank with its review workflow and moderation (issue 16)."""

from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.ideas"
    label = "ideas"
    verbose_name = "Ý tưởng, sáng kiến"

    def ready(self) -> None:
        from doanso.ideas import (
            indicators,  # noqa: F401  registers YT_SANG_KIEN, YT_TRIEN_KHAI
            todo,
        )
        from doanso.todo import registry

        registry.register("ideas_to_review", todo.ideas_to_review)
