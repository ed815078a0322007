"""`doanso audit verify|export`: check the audit chain; export a unit's audit log."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from doanso.accounts import audit_export
from doanso.core import audit
from doanso.org.models import Unit


class Command(BaseCommand):
    help = "Nhật ký thay đổi: verify (kiểm tra chuỗi băm), export (xuất CSV/XLSX của một đơn vị)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="Kiểm tra nhật ký không bị sửa hay xóa")
        exp = sub.add_parser("export", help="Xuất nhật ký của một đơn vị và các đơn vị trực thuộc")
        exp.add_argument("--unit", required=True, help="Mã đơn vị")
        exp.add_argument("--out", required=True, help="Tệp .csv hoặc .xlsx")

    def handle(self, *args, subcommand: str, **opts):
        if subcommand == "verify":
            breaks = list(audit.verify())
            for b in breaks:
                self.stderr.write(b.problem)
            if breaks:
                raise CommandError(f"Nhật ký thay đổi KHÔNG toàn vẹn: {len(breaks)} chỗ hỏng.")
            self.stdout.write("Nhật ký thay đổi toàn vẹn.")
            return
        unit = Unit.objects.filter(code=opts["unit"]).first()
        if unit is None:
            raise CommandError(f"Không tìm thấy đơn vị “{opts['unit']}”.")
        out = Path(opts["out"])
        if out.suffix.lower() not in (".csv", ".xlsx"):
            raise CommandError("Tệp xuất phải có đuôi .csv hoặc .xlsx.")
        data = audit_export.as_xlsx(unit) if out.suffix.lower() == ".xlsx" else audit_export.as_csv(unit)
        out.write_bytes(data)
        self.stdout.write(f"Đã xuất nhật ký của {unit.name} vào {out}.")
