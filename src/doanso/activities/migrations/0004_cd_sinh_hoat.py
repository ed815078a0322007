"""The computed indicator "chi đoàn sinh hoạt định kỳ trong tháng" (CD_SINH_HOAT): branches that held
their meeting over active branches, summed up the tree before dividing. The activity type
`sinh_hoat_chi_doan` is already in the catalogue (0002). Reversible: the row goes back to manual."""

from django.db import migrations

CODE = "CD_SINH_HOAT"
NAME = "Tỷ lệ chi đoàn sinh hoạt định kỳ trong tháng"


def forward(apps, schema_editor):
    Indicator = apps.get_model("plans", "Indicator")
    Indicator.objects.update_or_create(
        code=CODE,
        defaults={"name": NAME, "unit_of_measure": "%", "aggregation": "ratio", "source": "computed"},
    )


def backward(apps, schema_editor):
    apps.get_model("plans", "Indicator").objects.filter(code=CODE).update(source="manual")


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0003_meeting"),
        ("plans", "0006_indicator_source_mixed"),
    ]

    operations = [migrations.RunPython(forward, backward)]
