"""Background jobs of learning: closing the rounds that have ended (`doanso learning close-rounds`
runs it from the scheduler every minute; `close_rounds_task` is the same as a django-tasks task)."""

from django_tasks import task

from doanso.learning.contests import close_due_rounds


def close_rounds() -> int:
    return close_due_rounds()


@task()
def close_rounds_task() -> int:
    return close_rounds()
