"""Demo red addresses (issue 14): a few real sites per city, public and private, some with plaques.

Names and addresses are of public historic sites; nothing about people. Run by demo.seed's _apps."""

from datetime import timedelta

from django.utils import timezone

from doanso.org.models import Unit
from doanso.places import services
from doanso.places.models import Place

SITES = {
    "HN": [
        ("Nhà tù Hỏa Lò", "di_tich", "1 Hỏa Lò, Hoàn Kiếm", 21.025358, 105.846418, True, True),
        (
            "Di tích Nhà số 48 Hàng Ngang",
            "di_tich",
            "48 Hàng Ngang, Hoàn Kiếm",
            21.036606,
            105.850370,
            True,
            False,
        ),
        ("Vườn cây thanh niên Đông Anh", "cong_trinh", "Đông Anh", 21.137540, 105.849480, False, False),
    ],
    "HCM": [
        ("Bến Nhà Rồng", "di_tich", "1 Nguyễn Tất Thành, Quận 4", 10.768056, 106.706667, True, True),
        ("Địa đạo Củ Chi", "di_tich", "Phú Hiệp, Củ Chi", 11.143600, 106.462700, True, False),
        ("Nhà truyền thống Đoàn phường", "dia_chi_do", "Quận 1", 10.776900, 106.700900, False, False),
    ],
    "CT": [
        ("Khu di tích Lộ Vòng Cung", "dia_chi_do", "Phong Điền", 10.005800, 105.664100, True, True),
    ],
}


def step(ctx) -> None:
    from doanso.places import catalogue

    catalogue.ensure_row()
    today = timezone.localdate()
    units = {u.code: u for u in Unit.objects.filter(code__in=list(SITES))}
    n = 0
    for code, rows in SITES.items():
        unit = units.get(code)
        if unit is None:
            continue
        for name, kind, address, lat, lon, public, plaque in rows:
            if Place.objects.filter(unit=unit, name=name).exists():
                continue
            services.create_place(
                None,
                unit,
                name=name,
                kind=kind,
                address=address,
                lat=lat,
                lon=lon,
                public=public,
                description=f"{name}: địa chỉ đỏ giáo dục truyền thống cho đoàn viên, thanh niên.",
                plaque_on=(today - timedelta(days=20)) if plaque else None,
            )
            n += 1
    ctx.log(f"places: {n} địa chỉ đỏ")
