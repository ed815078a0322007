"""`doanso plans export ID --format docx|pdf -o FILE`."""

from doanso.core.errors import UserError
from doanso.plans import export
from doanso.plans.models import Plan


def run_export(plan_id: int, fmt: str, output: str, stdout, stderr) -> int:
    plan = Plan.objects.select_related("issuer__parent").filter(pk=plan_id).first()
    if plan is None:
        stderr.write(f"Không có kế hoạch số {plan_id}.")
        return 2
    try:
        path = export.export(plan, fmt, output)
    except UserError as exc:
        stderr.write(exc.message)
        return 1
    stdout.write(f"Đã xuất {plan.symbol} ra {path}")
    return 0
