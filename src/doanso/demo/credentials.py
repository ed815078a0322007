"""Demo e-certificates: Thành đoàn Cần Thơ honoured two members, and revoked a third issued by
mistake, so the public page, the verifier and the admins' list have something to show."""

from doanso.credentials import api as credentials
from doanso.members.models import Member
from doanso.org.models import Unit


def step(ctx) -> None:
    unit = Unit.objects.filter(code="CT").first()
    if unit is None:
        return
    lo, hi = unit.subtree_range
    members = list(Member.objects.filter(branch__path__gte=lo, branch__path__lt=hi).order_by("id")[:3])
    issued = []
    for rank, member in zip(("Giải Nhất", "Giải Nhì", "Giải Ba"), members, strict=False):
        issued.append(
            credentials.issue_achievement(
                issuer_unit=unit,
                subject_name=member.full_name,
                subject_member_id=member.pk,
                achievement_name=f"{rank} cuộc thi trực tuyến tìm hiểu Nghị quyết Đại hội Đoàn",
                achievement_description="Cuộc thi trắc nghiệm trực tuyến do Thành đoàn Cần Thơ tổ chức.",
                source="demo",
                source_id=1,
            )
        )
    admin = unit.roles.filter(role="admin").select_related("user").first()
    if len(issued) == 3 and admin is not None:
        credentials.revoke(issued[2], admin.user, "Cấp nhầm người nhận (dữ liệu mẫu)")
    ctx.log(f"credentials: {len(issued)} certificates of {unit.code}")
