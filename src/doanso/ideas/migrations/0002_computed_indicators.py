"""YT_SANG_KIEN (ý tưởng, sáng kiến được hỗ trợ triển khai) becomes computed from ideas, and
YT_TRIEN_KHAI (ý tưởng được triển khai) joins the catalogue. Reversing makes YT_SANG_KIEN manual
again and removes YT_TRIEN_KHAI unless a target uses it."""

from django.db import migrations

NEW = ("YT_TRIEN_KHAI", "Ý tưởng, sáng kiến của đoàn viên, thanh niên được triển khai", "ý tưởng", "sum")


def forward(apps, schema_editor):
    Indicator = apps.get_model("plans", "Indicator")
    Indicator.objects.filter(code="YT_SANG_KIEN").update(source="computed")
    code, name, uom, agg = NEW
    Indicator.objects.update_or_create(
        code=code, defaults={"name": name, "unit_of_measure": uom, "aggregation": agg, "source": "computed"}
    )


def backward(apps, schema_editor):
    Indicator = apps.get_model("plans", "Indicator")
    Indicator.objects.filter(code="YT_SANG_KIEN").update(source="manual")
    Indicator.objects.filter(code=NEW[0], targets__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("ideas", "0001_initial"), ("plans", "0003_member_indicators")]
    operations = [migrations.RunPython(forward, backward)]
