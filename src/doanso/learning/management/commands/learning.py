"""`doanso learning …`: the operator's contest jobs.

- `doanso learning close-rounds` — close every round whose end has passed: the final ranking is
  frozen, the prediction tiebreak fixed and the prizes awarded. The scheduler runs it every minute
  (settings.SCHEDULED_COMMANDS); running it twice is harmless.
"""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Cuộc thi trực tuyến: close-rounds (chốt các lượt thi đã hết giờ)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("close-rounds", help="Chốt kết quả các lượt thi đã kết thúc (chạy mỗi phút)")

    def handle(self, *args, subcommand: str, **options):
        from doanso.learning.tasks import close_rounds

        n = close_rounds()
        self.stdout.write(f"Đã chốt {n} lượt thi.")
