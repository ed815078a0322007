"""TIN_TOT (tin tốt, câu chuyện đẹp đăng tải) is counted from the logged posts from now on
(outreach/indicators.py), plus what units still report (a mixed indicator, the parts shown apart);
the reverse makes it a manual, reported indicator again."""

from django.db import migrations

CODE = "TIN_TOT"


def to_computed(apps, schema_editor):
    apps.get_model("plans", "Indicator").objects.filter(code=CODE).update(source="mixed")


def to_manual(apps, schema_editor):
    apps.get_model("plans", "Indicator").objects.filter(code=CODE).update(source="manual")


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0001_initial"),
        ("plans", "0002_seed_indicators"),
    ]

    operations = [migrations.RunPython(to_computed, to_manual)]
