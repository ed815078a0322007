"""/api/v1/me/todo: the caller's todo list (the same list as the web home)."""

from datetime import datetime

from ninja import Router, Schema

from doanso.todo import api as todo

router = Router(tags=["me"])


class TodoItemOut(Schema):
    kind: str
    title: str
    due: datetime | None
    due_words: str
    overdue: bool
    url: str
    unit: str
    count: int
    detail: str


class TodoOut(Schema):
    items: list[TodoItemOut]
    count: int


@router.get("/todo", response=TodoOut)
def my_todo(request):
    """What the caller has to do, most urgent first: reports due or late (`report_due`), plans
    received from above (`plan_received`), transfers, ratings, nominations, dues, maturity, imports."""
    items = todo.todo_list(request.user)
    return {"items": items, "count": len(items)}


def register(api) -> None:
    api.add_router("/me", router)
