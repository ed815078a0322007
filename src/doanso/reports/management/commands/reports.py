"""`doanso reports …`: the operator's report jobs, one subcommand each.

- `doanso reports sync` — bring every running obligation's assignments (which units owe which
  reports) in line with today's tree. The plans and org services already do this on every change;
  run it after loading data behind their back (bulk imports, restores).
- `doanso reports remind` — e-mail the reminders due now (2 days before a deadline and once
  overdue, each once). Schedule it hourly.
"""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Báo cáo: sync (cập nhật đơn vị phải báo cáo theo cây hiện tại), remind (gửi nhắc hạn)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("sync", help="Cập nhật danh sách đơn vị phải nộp báo cáo theo cây đơn vị hôm nay")
        sub.add_parser("remind", help="Gửi e-mail nhắc hạn nộp báo cáo (chạy định kỳ, ví dụ mỗi giờ)")

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "sync":
            from doanso.plans.api import sync_all_assignments

            n = sync_all_assignments()
            self.stdout.write(f"Đã thêm {n} đơn vị phải nộp báo cáo.")
        else:
            from doanso.reports.tasks import remind

            n = remind()
            self.stdout.write(f"Đã gửi {n} lời nhắc.")
