"""The due rules of drafts under review as RFC 5545 RRULEs, as plans' 0004 does for obligations."""

from importlib import import_module

from django.db import migrations

_plans = import_module("doanso.plans.migrations.0004_rrule_due_rules")


def _convert(apps, fn):
    PlanDraft = apps.get_model("planimport", "PlanDraft")
    for draft in PlanDraft.objects.only("pk", "reviewed").iterator():
        items = (draft.reviewed or {}).get("recurring") or []
        changed = False
        for item in items:
            old = item.get("due_rule") or ""
            new = fn(old) if old else old
            if new != old:
                item["due_rule"], changed = new, True
        if changed:
            PlanDraft.objects.filter(pk=draft.pk).update(reviewed=draft.reviewed)


def forwards(apps, schema_editor):
    _convert(apps, _plans.short_to_rrule)


def backwards(apps, schema_editor):
    _convert(apps, _plans.rrule_to_short)


class Migration(migrations.Migration):
    dependencies = [("planimport", "0001_initial"), ("plans", "0004_rrule_due_rules")]

    operations = [migrations.RunPython(forwards, backwards)]
