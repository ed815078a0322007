"""Computed indicators read from the member registry (members.api), added to the catalogue.

The rows are frozen here; `plans.catalogue` lists them too so a flushed test database is refilled.
Reversing removes the rows that no target uses.
"""

from django.db import migrations

ROWS = [  # (code, name, unit of measure, aggregation, source)
    (
        "DV_KET_NAP_MOI_HS",
        "Đoàn viên kết nạp mới trong năm (theo hồ sơ đoàn viên)",
        "đoàn viên",
        "sum",
        "computed",
    ),
    (
        "TL_DV_HTXSNV_HS",
        "Tỷ lệ đoàn viên xếp loại hoàn thành xuất sắc nhiệm vụ (theo kết quả xếp loại đã duyệt)",
        "%",
        "ratio",
        "computed",
    ),
    (
        "DV_UU_TU_HS",
        "Đoàn viên ưu tú được giới thiệu cho Đảng (theo hồ sơ đoàn viên)",
        "đoàn viên",
        "sum",
        "computed",
    ),
    (
        "DV_UU_TU_VAO_DANG_HS",
        "Đoàn viên ưu tú được kết nạp Đảng (theo hồ sơ đoàn viên)",
        "đoàn viên",
        "sum",
        "computed",
    ),
    (
        "TL_DV_UU_TU_VAO_DANG_HS",
        "Tỷ lệ đoàn viên ưu tú được kết nạp Đảng trên số được giới thiệu",
        "%",
        "ratio",
        "computed",
    ),
    ("DV_DU_30_HS", "Đoàn viên đủ 30 tuổi trong năm (theo hồ sơ đoàn viên)", "đoàn viên", "sum", "computed"),
    (
        "DV_CHUYEN_DI_HS",
        "Đoàn viên đã chuyển sinh hoạt đi (theo hồ sơ đoàn viên)",
        "đoàn viên",
        "sum",
        "computed",
    ),
    ("DV_RA_KHOI_HS", "Đoàn viên ra khỏi Đoàn (theo hồ sơ đoàn viên)", "đoàn viên", "sum", "computed"),
]


def load(apps, schema_editor):
    Indicator = apps.get_model("plans", "Indicator")
    for code, name, uom, agg, source in ROWS:
        Indicator.objects.update_or_create(
            code=code, defaults={"name": name, "unit_of_measure": uom, "aggregation": agg, "source": source}
        )


def unload(apps, schema_editor):
    Indicator = apps.get_model("plans", "Indicator")
    Indicator.objects.filter(code__in=[row[0] for row in ROWS], targets__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_seed_indicators")]
    operations = [migrations.RunPython(load, unload)]
