"""Reading the create/edit form and the answer form of the survey pages (no database): plain dicts
for `services`, or a Vietnamese error naming the field or the question."""

from django.utils.translation import gettext as _

from doanso.core import vn
from doanso.core.errors import UserError
from doanso.surveys.models import Kind

SLOTS = 10  # question rows offered by the form (blank rows are skipped)


def survey_fields(post) -> dict:
    """The survey's fields and its questions from a POSTed form (QueryDict)."""
    dates = {}
    for name, label in (("opens_on", _("Ngày mở")), ("closes_on", _("Ngày đóng"))):
        dates[name] = vn.date_for(post.get(name, "").strip(), label=label, field=name)
    questions = []
    for i in range(1, SLOTS + 1):
        text = post.get(f"q{i}_text", "").strip()
        if not text:
            continue
        kind = post.get(f"q{i}_kind", "")
        if kind not in Kind.values:
            raise UserError(_("Câu %(n)s: loại câu hỏi không hợp lệ.") % {"n": i}, field=f"q{i}_kind")
        choices = [c.strip() for c in post.get(f"q{i}_choices", "").splitlines() if c.strip()]
        questions.append(
            {"kind": kind, "text": text, "required": bool(post.get(f"q{i}_required")), "choices": choices}
        )
    occupations = [o.strip() for o in post.get("occupations", "").split(",") if o.strip()]
    return {
        "title": post.get("title", ""),
        "description": post.get("description", "").strip()[:5000],
        "audience": post.get("audience", "units"),
        "anonymous": bool(post.get("anonymous")),
        "occupations": occupations,
        "questions": questions,
        **dates,
    }


def slots(questions: list[dict]) -> list[dict]:
    """The form's question rows: the given questions, then blank rows up to SLOTS."""
    rows = [
        {**q, "n": n, "choices_text": "\n".join(q.get("choices") or [])} for n, q in enumerate(questions, 1)
    ]
    rows += [
        {"n": n, "kind": "one", "text": "", "required": False, "choices_text": ""}
        for n in range(len(rows) + 1, SLOTS + 1)
    ]
    return rows


def answers_of(post, questions) -> dict:
    """{question id: raw answer} from the answer form (a list for multiple choice)."""
    return {
        str(q.pk): (post.getlist(f"q{q.pk}") if q.kind == "many" else post.get(f"q{q.pk}", ""))
        for q in questions
    }
