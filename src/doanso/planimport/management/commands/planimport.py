"""`doanso planimport …`: the plan reader's operator commands."""

from django.core.management.base import BaseCommand

from doanso.planimport.cli import run_extract


class Command(BaseCommand):
    help = "Đọc kế hoạch: extract (đọc văn bản kế hoạch, in bản nháp có cấu trúc)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        extract = sub.add_parser("extract", help="Đọc một văn bản kế hoạch và in bản nháp có cấu trúc")
        extract.add_argument("file")
        extract.add_argument("--json", action="store_true", help="In JSON (mặc định)")

    def handle(self, *args, subcommand: str, **options):
        code = run_extract(options["file"], self.stdout, self.stderr)
        if code:
            raise SystemExit(code)
