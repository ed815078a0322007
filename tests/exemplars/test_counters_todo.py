"""The subtree counters equal a recount of the rows; the todo list names the work of each person;
evidence files are stored only when they are what they claim."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from doanso.core.errors import UserError
from doanso.exemplars import counters
from doanso.exemplars.models import Evidence, Honour, SelfAssessment
from doanso.exemplars.services import assessments, honours, nominations
from doanso.todo.api import todo_list
from tests.exemplars.conftest import YEAR

pytestmark = pytest.mark.django_db


def test_counters_equal_a_recount(world, submitted, nomination):
    assessments.send_back(world.secretary, submitted, "Bổ sung")
    assessments.submit(world.member_user, YEAR)  # counted once, not twice
    assessments.confirm(world.secretary, submitted)
    nominations.forward(world.commune_admin, nomination)
    honours.register_honour(
        world.province_admin,
        world.province,
        kind="tuyen_duong",
        title="x",
        doc_number="9/QĐ-ĐTN",
        doc_date="2026-05-02",
        nomination=nomination,
    )
    honours.register_honour(
        world.province_admin,
        world.province,
        kind="khen_thuong",
        title="y",
        doc_number="10/QĐ-ĐTN",
        doc_date="2026-05-09",
        team="Đội A",
    )
    for unit in (world.branch, world.commune, world.province, world.centre):
        lo, hi = unit.subtree_range
        rows = SelfAssessment.objects.filter(branch__path__gte=lo, branch__path__lt=hi, year=YEAR)
        got = counters.read(
            unit, [counters.assessed_key(YEAR), counters.confirmed_key(YEAR), "honours:2026-05"]
        )
        assert got.get(counters.assessed_key(YEAR), 0) == rows.exclude(status="draft").count()
        assert got.get(counters.confirmed_key(YEAR), 0) == rows.filter(status="confirmed").count()
        assert (
            got.get("honours:2026-05", 0)
            == Honour.objects.filter(home_path__gte=lo, home_path__lt=hi, doc_date__month=5).count()
        )


def test_todo_items(world, submitted, nomination):
    kinds = {i["kind"]: i for i in todo_list(world.secretary)}
    assert kinds["exemplar_confirm"]["count"] == 1
    assert kinds["exemplar_confirm"]["url"] == f"/exemplars/units/{world.branch.code}/confirmations/"
    commune = {i["kind"]: i for i in todo_list(world.commune_admin)}
    assert commune["exemplar_nomination"]["count"] == 1
    assert "exemplar_nomination" not in {i["kind"] for i in todo_list(world.province_admin)}
    assert "exemplar_confirm" not in {i["kind"] for i in todo_list(world.outsider)}


def test_evidence_files(world, nomination):
    fake = SimpleUploadedFile("bang-khen.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(UserError):
        nominations.attach(world.secretary, nomination, fake.name, fake)
    real = SimpleUploadedFile("bang-khen.pdf", b"%PDF-1.4\n%%EOF\n")
    e = nominations.attach(world.commune_admin, nomination, real.name, real)
    assert (
        e.content_type,
        list(Evidence.objects.filter(nomination=nomination).values_list("name", flat=True)),
    ) == (
        "application/pdf",
        ["bang-khen.pdf"],
    )
    with pytest.raises(Exception):  # noqa: B017 - Http404 from the scope check
        nominations.attach(world.outsider, nomination, real.name, real)
