from datetime import date

from django.db import migrations
from django.db.models.functions import ExtractYear

# Đoàn phí as first seeded; later changes are new rows with their own valid_from (see docs/members.md).
SOURCE = ("Hướng dẫn thực hiện Điều lệ Đoàn (mức đoàn phí và tỷ lệ trích nộp) — "
          "ghi theo hiểu biết, cần đối chiếu văn bản gốc")
RATES = [
    ("hssv", 2000, 60),  # học sinh, sinh viên, đoàn viên ở địa bàn dân cư không hưởng lương
    ("co_luong", 5000, 60),  # cán bộ, công chức, viên chức, công nhân, lực lượng vũ trang
    ("khac", 2000, 60),
]


def forwards(apps, schema_editor):
    Member = apps.get_model("members", "Member")
    Member.objects.update(birth_year=ExtractYear("birth_date"))
    Member.objects.filter(admitted_on__isnull=False).update(admitted_year=ExtractYear("admitted_on"))
    DuesRate = apps.get_model("members", "DuesRate")
    DuesRate.objects.bulk_create([
        DuesRate(category=c, monthly_amount=a, branch_keep_percent=k, valid_from=date(2013, 1, 1), source=SOURCE)
        for c, a, k in RATES
    ])


def backwards(apps, schema_editor):
    apps.get_model("members", "DuesRate").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("members", "0002_registry")]
    operations = [migrations.RunPython(forwards, backwards)]
