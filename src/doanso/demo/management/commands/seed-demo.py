from django.core.management.base import BaseCommand, CommandError

from doanso.demo.seed import DEMO_PASSWORD, seed
from doanso.org.models import Unit


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: cây tổ chức thật sau sáp nhập 2025, đoàn viên, tài khoản demo."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["tiny", "small", "national"], default="small")
        parser.add_argument("--password", default=DEMO_PASSWORD)
        parser.add_argument("--if-empty", action="store_true", help="Bỏ qua nếu cơ sở dữ liệu đã có đơn vị")

    def handle(self, *args, scale, password, if_empty, **options):
        if Unit.objects.exists():
            if if_empty:
                self.stdout.write("Cơ sở dữ liệu đã có dữ liệu; bỏ qua tạo dữ liệu mẫu.")
                return
            raise CommandError("Cơ sở dữ liệu đã có đơn vị; hãy dùng cơ sở dữ liệu trống.")
        ctx = seed(scale, password, log=self.stdout.write)
        self.stdout.write(f"Tài khoản demo (mật khẩu: {password}):")
        for username, label in ctx.accounts:
            self.stdout.write(f"  {username:<15} {label}")
