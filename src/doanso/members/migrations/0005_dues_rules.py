"""Đoàn phí rules as data, from the Union's sources; the 60 % kept at each level is corrected to 2/3.

Existing rates (first seeded from 2013 "to be checked against the original") get the 2011 rates'
date and source; each payment's kept / sent-up shares are recomputed with 2/3 (the amounts paid
do not change). Reversible: back to 60 % and the old date and source.
"""

from datetime import date

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

GUIDANCE = (
    "Hướng dẫn thực hiện Điều lệ Đoàn, Phần thứ mười một — Nguyên tắc thu nộp đoàn phí của Đoàn: "
    "hằng tháng đoàn viên đóng đoàn phí cho chi đoàn; đoàn viên có hoàn cảnh khó khăn được Ban Chấp "
    "hành Đoàn cơ sở xét miễn trong một thời gian nhưng không quá 6 tháng; từ chi đoàn trở lên mỗi "
    "cấp giữ lại 2/3 và nộp lên Đoàn cấp trên 1/3; chi đoàn nộp lên Đoàn cơ sở 1 tháng 1 lần, Đoàn "
    "cơ sở, huyện đoàn và cấp tương đương 3 tháng 1 lần, tỉnh, thành đoàn và cấp tương đương nộp "
    "Trung ương Đoàn 1 năm từ 1 đến 2 lần, hạn cuối ngày 30 tháng 12. (Tỉnh đoàn Bình Thuận đăng "
    "ngày 10/01/2018; các trường đăng lại.)"
)
GUIDANCE_URL = (
    "http://tinhdoanbinhthuan.vn/doan-tncs-hcm/dieu-le-doan-/71-dieu-le-doan/"
    "huong-dan-thuc-hien-dieu-le-doan-p11-nguyen-tac-thu-nop-doan-phi-cua-doan.html"
)
RATES_2011 = (
    "Mức đóng đoàn phí từ ngày 01/01/2011: 2.000 đồng/tháng với đoàn viên không hưởng lương, "
    "5.000 đồng/tháng với đoàn viên hưởng lương (thông báo của Huyện đoàn Hiệp Đức; Thành Đoàn "
    "TP.HCM thông báo cùng mức)"
)
RATES_2011_URL = "https://fst.hcmuaf.edu.vn/fst-10705-1/vn/tu-nam-2011-ap-dung-muc-dong-doan-phi-moi.html"
SINCE = date(2011, 1, 1)
OLD_SINCE = date(2013, 1, 1)
OLD_SOURCE = (
    "Hướng dẫn thực hiện Điều lệ Đoàn (mức đoàn phí và tỷ lệ trích nộp) — "
    "ghi theo hiểu biết, cần đối chiếu văn bản gốc"
)
OLD_KEEP_PERCENT = 60


def forwards(apps, schema_editor):
    from django.db.models import F

    DuesRule = apps.get_model("members", "DuesRule")
    DuesRate = apps.get_model("members", "DuesRate")
    DuesPayment = apps.get_model("members", "DuesPayment")
    DuesRule.objects.create(
        valid_from=SINCE,
        keep_numerator=2,
        keep_denominator=3,
        max_excused_months=6,
        branch_remit_months=1,
        grassroots_remit_months=3,
        province_remits_per_year="1–2",
        province_remit_deadline="30/12",
        source=GUIDANCE,
        source_url=GUIDANCE_URL,
    )
    DuesRate.objects.filter(valid_from=OLD_SINCE, source=OLD_SOURCE).update(
        valid_from=SINCE, source=RATES_2011, source_url=RATES_2011_URL
    )
    # sent up = round(amount / 3) (integer arithmetic in SQL: (2a + 3) // 6), kept = the rest
    DuesPayment.objects.update(sent_up=(F("amount") * 2 + 3) / 6)
    DuesPayment.objects.update(kept=F("amount") - F("sent_up"))


def backwards(apps, schema_editor):
    from django.db.models import F

    DuesRate = apps.get_model("members", "DuesRate")
    DuesPayment = apps.get_model("members", "DuesPayment")
    DuesRate.objects.filter(valid_from=SINCE, source=RATES_2011).update(
        valid_from=OLD_SINCE, source=OLD_SOURCE, source_url="", branch_keep_percent=OLD_KEEP_PERCENT
    )
    DuesRate.objects.filter(branch_keep_percent__isnull=True).update(branch_keep_percent=OLD_KEEP_PERCENT)
    DuesPayment.objects.update(kept=F("amount") * OLD_KEEP_PERCENT / 100)
    DuesPayment.objects.update(sent_up=F("amount") - F("kept"))
    apps.get_model("members", "DuesRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_cccd_hash_constraint"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # nullable first, so that going back can re-add the column before its data is restored
        migrations.AlterField(
            model_name="duesrate",
            name="branch_keep_percent",
            field=models.PositiveSmallIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="duesrate",
            name="source_url",
            field=models.URLField(blank=True, default="", max_length=500),
        ),
        migrations.CreateModel(
            name="DuesExcusal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("first_month", models.CharField(max_length=7)),
                ("last_month", models.CharField(max_length=7)),
                ("reason", models.CharField(max_length=500)),
                ("decided_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "decided_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="dues_excusals",
                        to="members.member",
                    ),
                ),
            ],
            options={
                "ordering": ["member_id", "first_month"],
                "indexes": [models.Index(fields=["member", "first_month"], name="duesexcusal_member_first")],
            },
        ),
        migrations.CreateModel(
            name="DuesRule",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("valid_from", models.DateField(unique=True, verbose_name="áp dụng từ ngày")),
                (
                    "keep_numerator",
                    models.PositiveSmallIntegerField(default=2, verbose_name="tử số phần giữ lại"),
                ),
                (
                    "keep_denominator",
                    models.PositiveSmallIntegerField(default=3, verbose_name="mẫu số phần giữ lại"),
                ),
                (
                    "max_excused_months",
                    models.PositiveSmallIntegerField(default=6, verbose_name="số tháng miễn tối đa"),
                ),
                (
                    "branch_remit_months",
                    models.PositiveSmallIntegerField(default=1, verbose_name="chi đoàn nộp lên (tháng/lần)"),
                ),
                (
                    "grassroots_remit_months",
                    models.PositiveSmallIntegerField(
                        default=3, verbose_name="đoàn cơ sở, cấp huyện và tương đương nộp lên (tháng/lần)"
                    ),
                ),
                (
                    "province_remits_per_year",
                    models.CharField(
                        default="1–2", max_length=10, verbose_name="cấp tỉnh nộp Trung ương (lần/năm)"
                    ),
                ),
                (
                    "province_remit_deadline",
                    models.CharField(
                        default="30/12",
                        max_length=5,
                        verbose_name="hạn cuối cấp tỉnh nộp Trung ương (ngày/tháng)",
                    ),
                ),
                ("source", models.TextField(verbose_name="căn cứ")),
                (
                    "source_url",
                    models.URLField(blank=True, default="", max_length=500, verbose_name="đường dẫn văn bản"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "quy định đoàn phí",
                "verbose_name_plural": "quy định đoàn phí",
                "ordering": ["-valid_from"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("keep_numerator__lt", models.F("keep_denominator")), ("keep_denominator__gt", 0)
                        ),
                        name="duesrule_keep_fraction",
                    )
                ],
            },
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(
            model_name="duesrate",
            name="branch_keep_percent",
        ),
    ]
