"""The 12 values of the campaign "Xây dựng giá trị hình mẫu thanh niên Việt Nam thời kỳ mới"
(Ban Chấp hành Trung ương Đoàn; carried on for 2023–2027 by Kết luận 121-KL/TWĐTN-BTG, 15/8/2023),
and the plans catalogue rows this app computes.

The names are the campaign's own, in its order; the short descriptions are ours (sources in
docs/exemplars.md). `GUONG_DIEN_HINH` (a manual catalogue row until now) becomes computed from honours;
two ratio rows are added for the shares of members who self-assessed and whose assessment the branch
confirmed. Reversing puts GUONG_DIEN_HINH back to manual and removes the added rows no target uses.
"""

from django.db import migrations

VALUES = [  # (code, name, short description)
    ("LY_TUONG", "Có lý tưởng cách mạng", "Tin theo lý tưởng của Đảng, Bác Hồ; sống có mục đích vì cộng đồng."),
    ("BAN_LINH", "Bản lĩnh vững vàng", "Vững vàng chính trị, tự tin, không dao động trước thông tin sai trái."),
    ("YEU_NUOC", "Giàu lòng yêu nước", "Tự hào dân tộc, sẵn sàng góp sức xây dựng và bảo vệ Tổ quốc."),
    ("DAO_DUC", "Đạo đức trong sáng", "Trung thực, nhân ái, trách nhiệm; nói đi đôi với làm."),
    ("VAN_HOA", "Lối sống văn hóa", "Ứng xử văn minh ở nơi học tập, làm việc, cư trú và trên không gian mạng."),
    ("PHAP_LUAT", "Tuân thủ pháp luật", "Hiểu và chấp hành pháp luật, nội quy; vận động người khác cùng thực hiện."),
    ("TIEN_PHONG", "Tiên phong hành động", "Xung kích, tình nguyện nhận việc khó, việc mới."),
    ("SANG_TAO", "Sáng tạo không ngừng", "Có ý tưởng, sáng kiến, cải tiến trong học tập, lao động."),
    ("HOC_TAP", "Học tập liên tục", "Tự học suốt đời, nâng cao trình độ, ngoại ngữ và năng lực số."),
    ("SUC_KHOE", "Có sức khỏe tốt", "Rèn luyện thể chất và tinh thần, tránh xa tệ nạn."),
    ("KY_NANG", "Kỹ năng phù hợp", "Có kỹ năng sống, kỹ năng nghề nghiệp đáp ứng yêu cầu công việc."),
    ("KHAT_VONG", "Khát vọng vươn lên", "Có ước mơ, hoài bão, quyết tâm vươn lên làm giàu cho bản thân và đất nước."),
]

FLIPPED = "GUONG_DIEN_HINH"
ROWS = [  # (code, name, unit of measure, aggregation, source)
    ("TL_DV_TU_DANH_GIA_HM", "Tỷ lệ đoàn viên tự đánh giá theo tiêu chí giá trị hình mẫu thanh niên", "%", "ratio", "computed"),
    ("TL_DV_XAC_NHAN_HM", "Tỷ lệ đoàn viên được chi đoàn xác nhận đạt tiêu chí giá trị hình mẫu", "%", "ratio", "computed"),
]


def load(apps, schema_editor):
    Value = apps.get_model("exemplars", "Value")
    for number, (code, name, description) in enumerate(VALUES, start=1):
        Value.objects.update_or_create(code=code, defaults={"number": number, "name": name, "description": description})
    Indicator = apps.get_model("plans", "Indicator")
    Indicator.objects.filter(code=FLIPPED).update(source="computed")
    for code, name, uom, agg, source in ROWS:
        Indicator.objects.update_or_create(
            code=code, defaults={"name": name, "unit_of_measure": uom, "aggregation": agg, "source": source}
        )


def unload(apps, schema_editor):
    Indicator = apps.get_model("plans", "Indicator")
    Indicator.objects.filter(code=FLIPPED).update(source="manual")
    Indicator.objects.filter(code__in=[r[0] for r in ROWS], targets__isnull=True).delete()
    apps.get_model("exemplars", "Value").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("exemplars", "0001_initial"), ("plans", "0005_todo_register")]
    operations = [migrations.RunPython(load, unload)]
