"""The activity types, the new participation indicators, and TN_LUOT / CAY_XANH / HIEN_MAU made
mixed: counted from check-ins and verified outputs, plus what units still report happened outside
the system, the two shown apart on the dashboard (plans.Source.MIXED). Reversible: back to manual."""

from django.db import migrations

TYPES = [  # (code, name, volunteer)
    ("tinh_nguyen", "Tình nguyện", True),
    ("tuyen_truyen", "Tuyên truyền", False),
    ("hoc_tap", "Học tập", False),
    ("the_thao", "Thể thao", False),
    ("huong_nghiep", "Hướng nghiệp", False),
    ("hien_mau", "Hiến máu", True),
    ("trong_cay", "Trồng cây", True),
    ("sinh_hoat_chi_doan", "Sinh hoạt chi đoàn", False),
]
NEW = [
    ("HD_LUOT", "Lượt đoàn viên, thanh niên tham gia hoạt động (theo điểm danh)", "lượt"),
    ("HD_NGUOI", "Số đoàn viên, thanh niên tham gia hoạt động (mỗi người tính một lần)", "người"),
    ("HD_GIO_TN", "Số giờ tình nguyện (theo điểm danh)", "giờ"),
]
FLIPPED = ("TN_LUOT", "CAY_XANH", "HIEN_MAU")


def forward(apps, schema_editor):
    ActivityType = apps.get_model("activities", "ActivityType")
    Indicator = apps.get_model("plans", "Indicator")
    for code, name, volunteer in TYPES:
        ActivityType.objects.update_or_create(code=code, defaults={"name": name, "volunteer": volunteer})
    for code, name, uom in NEW:
        Indicator.objects.update_or_create(
            code=code,
            defaults={"name": name, "unit_of_measure": uom, "aggregation": "sum", "source": "computed"},
        )
    Indicator.objects.filter(code__in=FLIPPED).update(source="mixed")


def backward(apps, schema_editor):
    """Back to manual. The new indicators' rows stay (as manual: targets or reports may name them, and
    deleting across apps from a historical state is fragile); the types go with 0001's tables."""
    Indicator = apps.get_model("plans", "Indicator")
    Indicator.objects.filter(code__in=[*FLIPPED, *(c for c, _, _ in NEW)]).update(source="manual")


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0001_initial"),
        ("plans", "0006_indicator_source_mixed"),
    ]

    operations = [migrations.RunPython(forward, backward)]
