"""The catalogue row of the indicator this app computes (places.indicators): plaques put up.

The row is frozen here; reversing removes it unless a target uses it (then it stays, as manual)."""

from django.db import migrations

CODE = "DIA_CHI_DO_QR"
NAME = "Địa chỉ đỏ, di tích lịch sử, công trình thanh niên được gắn biển QR Code"


def forwards(apps, schema_editor):
    Indicator = apps.get_model("plans", "Indicator")
    Indicator.objects.update_or_create(
        code=CODE,
        defaults={"name": NAME, "unit_of_measure": "địa chỉ", "aggregation": "sum", "source": "computed"},
    )


def backwards(apps, schema_editor):
    Indicator = apps.get_model("plans", "Indicator")
    Target = apps.get_model("plans", "Target")
    if Target.objects.filter(indicator__code=CODE).exists():
        Indicator.objects.filter(code=CODE).update(source="manual")
    else:
        Indicator.objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial"), ("plans", "0005_todo_register")]
    operations = [migrations.RunPython(forwards, backwards)]
