"""LLCT_DV_MOI and HT_NQ_CBDV become computed from course completions (learning/indicators.py), and
the contest participation rate TL_DV_THI_TT joins the catalogue. Reversible: the two rows go back to
manual, the new row is removed when no target uses it."""

from django.db import migrations

FLIPPED = ["LLCT_DV_MOI", "HT_NQ_CBDV"]
PARTICIPATION = (
    "TL_DV_THI_TT",
    "Tỷ lệ đoàn viên tham gia cuộc thi trực tuyến (nộp bài ít nhất một lượt trong năm)",
    "%",
    "ratio",
    "computed",
)


def forward(apps, schema_editor):
    Indicator = apps.get_model("plans", "Indicator")
    Indicator.objects.filter(code__in=FLIPPED).update(source="computed")
    code, name, uom, agg, source = PARTICIPATION
    Indicator.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "unit_of_measure": uom,
            "aggregation": agg,
            "source": source,
            "numerator_label": "Đoàn viên đã dự thi",
            "denominator_label": "Đoàn viên đang sinh hoạt",
        },
    )


def backward(apps, schema_editor):
    Indicator = apps.get_model("plans", "Indicator")
    Indicator.objects.filter(code__in=FLIPPED).update(source="manual")
    Indicator.objects.filter(code=PARTICIPATION[0], targets__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial"), ("plans", "0005_todo_register")]
    operations = [migrations.RunPython(forward, backward)]
