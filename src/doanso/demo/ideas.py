"""Demo step: ideas of Cần Thơ's youth (the Sóc Trăng branch of `chidoan.demo` and its commune) at
every stage of the review, with a support record, a member's support and a report; two of them are
in the public gallery. The catalogue rows this app computes are made computed again (a test flush
refills the catalogue from plans.catalogue, where YT_SANG_KIEN is still listed as manual)."""

from doanso.accounts.models import User
from doanso.ideas import services
from doanso.plans.models import Indicator

IDEAS = [  # (title, field, steps to take after tiếp nhận)
    ("Sàn thương mại điện tử cho nông sản Sóc Trăng", "chuyen_doi_so", ["danh_gia", "ho_tro", "trien_khai"]),
    ("Mô hình nuôi tôm tuần hoàn tiết kiệm nước", "kinh_te", ["danh_gia", "ho_tro"]),
    (
        "Thư viện sách cũ ở nhà văn hoá ấp",
        "van_hoa_xa_hoi",
        ["danh_gia", "ho_tro", "trien_khai", "hoan_thanh"],
    ),
    ("Thu gom rác thải nhựa trên kênh rạch", "moi_truong", ["danh_gia"]),
    ("Lớp học kỹ năng số cho người cao tuổi", "giao_duc", []),
]


def ensure_catalogue() -> None:
    """YT_SANG_KIEN and YT_TRIEN_KHAI computed from ideas (as the app's migration 0002 leaves them)."""
    Indicator.objects.filter(code="YT_SANG_KIEN").update(source="computed")
    Indicator.objects.get_or_create(
        code="YT_TRIEN_KHAI",
        defaults={
            "name": "Ý tưởng, sáng kiến của đoàn viên, thanh niên được triển khai",
            "unit_of_measure": "ý tưởng",
            "aggregation": "sum",
            "source": "computed",
        },
    )


def step(ctx) -> None:
    ensure_catalogue()
    secretary = User.objects.filter(username="chidoan.demo").first()
    member = User.objects.filter(username="doanvien.demo").first()
    if secretary is None or member is None:
        return
    branch = secretary.roles.first().unit
    for title, field, steps in IDEAS:
        idea = services.submit(
            member,
            branch,
            title=title,
            description=f"{title}: ý tưởng của đoàn viên {branch.name}.",
            field=field,
            team="Nhóm thanh niên tình nguyện",
        )
        for to in steps:
            idea = services.transition(secretary, idea.pk, to, note="Chi đoàn thống nhất.")
            if to == "ho_tro":
                services.add_support(
                    secretary, idea, kind="kinh_phi", provider=branch.name, amount="15.000.000"
                )
    ctx.log(f"Ý tưởng, sáng kiến: {len(IDEAS)} ý tưởng ở {branch.name}")
