"""`doanso privacy retention [--apply]`: anonymise members past the retention period.

A dry run by default (lists how many and which ids); `--apply` acts. Members under a legal hold
are skipped; each anonymisation is audited."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from doanso.privacy import services


class Command(BaseCommand):
    help = "Dữ liệu cá nhân: `retention` ẩn danh đoàn viên đã ra khỏi Đoàn/trưởng thành quá thời hạn lưu trữ."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["retention"])
        parser.add_argument("--apply", action="store_true", help="thực hiện (mặc định chỉ liệt kê)")
        parser.add_argument(
            "--years", type=int, default=None, help="ghi đè DOANSO_RETENTION_LEFT_MEMBERS_YEARS"
        )

    def handle(self, *args, action: str, apply: bool, years: int | None, **opts):
        years = settings.DOANSO_RETENTION_LEFT_MEMBERS_YEARS if years is None else years
        if years < 1:
            raise CommandError("--years phải là số nguyên từ 1 trở lên.")
        due = services.retention_due(years=years)
        ids = list(due.values_list("id", flat=True))
        if not apply:
            self.stdout.write(
                f"Chạy thử: {len(ids)} đoàn viên quá {years} năm sẽ được ẩn danh"
                f"{': ' + ', '.join(map(str, ids[:50])) if ids else ''}. Thêm --apply để thực hiện."
            )
            return
        n = services.apply_retention(years=years)
        self.stdout.write(f"Đã ẩn danh {n} đoàn viên (quá {years} năm; hồ sơ đang bị giữ được bỏ qua).")
