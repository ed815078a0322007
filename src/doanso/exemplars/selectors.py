"""Reads of the exemplars app and the plain dicts the API and pages show (no writes)."""

from doanso.core import vn
from doanso.exemplars.models import Honour, SelfAssessment
from doanso.exemplars.services.criteria import applying
from doanso.org.tree import subtree_range


def criterion_dict(c) -> dict:
    return {
        "id": c.pk,
        "value": c.value.code,
        "value_name": c.value.name,
        "unit": c.unit.code,
        "unit_name": c.unit.name,
        "year": c.year,
        "text": c.text,
    }


def _answers(a: SelfAssessment) -> list[dict]:
    return [
        {"criterion": x.criterion_id, "met": x.met, "note": x.note, "link": x.link}
        for x in a.answers.order_by("criterion_id")
    ]


def assessment_dict(a: SelfAssessment) -> dict:
    return {
        "id": a.pk,
        "member_id": a.member_id,
        "member_name": a.member.full_name,
        "branch": a.branch.code,
        "year": a.year,
        "status": a.status,
        "decision_note": a.decision_note,
        "answers": _answers(a),
    }


def my_assessment_dict(a: SelfAssessment) -> dict:
    return {**assessment_dict(a), "criteria": [criterion_dict(c) for c in applying(a.branch, a.year)]}


def assessments_in(unit, year: int, status: str = ""):
    lo, hi = subtree_range(unit.path)
    qs = SelfAssessment.objects.filter(branch__path__gte=lo, branch__path__lt=hi, year=year)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("member", "branch").order_by("branch__path", "member__search_name", "id")


def nomination_dict(n) -> dict:
    return {
        "id": n.pk,
        "year": n.year,
        "kind": n.kind,
        "nominee": n.nominee_name(),
        "origin": n.origin.code,
        "current": n.current.code,
        "current_name": n.current.name,
        "status": n.status,
        "achievements": n.achievements,
        "links": list(n.links or []),
        "steps": [
            {
                "unit": s.unit.code,
                "unit_name": s.unit.name,
                "action": s.action,
                "reason": s.reason,
                "at": s.at.isoformat(),
            }
            for s in n.steps.select_related("unit")
        ],
        "files": [f.name for f in n.files.all()],
    }


def honours_in(unit, year: int):
    lo, hi = subtree_range(unit.path)
    return (
        Honour.objects.filter(home_path__gte=lo, home_path__lt=hi, doc_date__year=year)
        .select_related("member", "group", "home", "issuer", "story")
        .order_by("-doc_date", "-id")
    )


def _story(h: Honour):
    return getattr(h, "story", None)  # the reverse one-to-one raises AttributeError when absent


def honour_dict(h: Honour) -> dict:
    s = _story(h)
    return {
        "id": h.pk,
        "kind": h.kind,
        "title": h.title,
        "nominee": h.nominee_name(),
        "home": h.home.code,
        "issuer": h.issuer.code,
        "doc_number": h.doc_number,
        "doc_date": vn.format_date(h.doc_date),
        "nomination": h.nomination_id,
        "public": h.public,
        "story": s.title if s else None,
    }


def public_honours():
    return (
        Honour.objects.filter(public=True)
        .select_related("home", "issuer", "story")
        .order_by("-doc_date", "-id")
    )


def public_dict(h: Honour) -> dict:
    """Only what the honoured person agreed to show: the name they chose, the honour, the units."""
    s = _story(h)
    return {
        "name": h.public_name,
        "title": h.title,
        "kind": h.get_kind_display(),
        "unit": h.home.name,
        "issuer": h.issuer.name,
        "doc_date": vn.format_date(h.doc_date),
        "summary": h.public_summary,
        "story_title": s.title if s else "",
        "story_url": s.url if s else "",
    }
