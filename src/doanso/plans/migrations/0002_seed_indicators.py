from django.db import migrations


def load(apps, schema_editor):
    from doanso.plans.catalogue import INDICATORS

    Indicator = apps.get_model("plans", "Indicator")
    for code, name, uom, agg, source in INDICATORS:
        Indicator.objects.update_or_create(
            code=code, defaults={"name": name, "unit_of_measure": uom, "aggregation": agg, "source": source}
        )


def unload(apps, schema_editor):
    from doanso.plans.catalogue import INDICATORS

    Indicator = apps.get_model("plans", "Indicator")
    Indicator.objects.filter(code__in=[row[0] for row in INDICATORS], targets__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
