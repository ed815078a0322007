"""`doanso partitions maintain`: months ahead for the tables partitioned by month (PostgreSQL).

Scheduled daily (settings.SCHEDULED_COMMANDS): without it, rows of a month that has no partition
land in the default partition and every query for that month scans it."""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from doanso.core import partitioning


class Command(BaseCommand):
    help = "Tạo trước các phân vùng theo tháng cho các bảng sự kiện lớn (PostgreSQL)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        m = sub.add_parser("maintain", help="Tạo các tháng sắp tới (mặc định 4 tháng)")
        m.add_argument("--ahead", type=int, default=4)

    def handle(self, *args, action: str, ahead: int = 4, **opts):
        if connection.vendor != "postgresql":
            self.stdout.write("SQLite: không có phân vùng, không cần làm gì.")
            return
        for table, column in partitioning.PARTITIONED.items():
            with transaction.atomic():
                made = partitioning.maintain(connection, table, column, ahead=ahead)
            self.stdout.write(f"{table}: " + (", ".join(made) if made else "đủ các tháng"))
