"""Demo step: the real plans of the seeds as Plans, allocated down, with a year of reports.

- Tỉnh đoàn Sóc Trăng, Chương trình công tác Đoàn năm 2024: 12 items, 19 targets,
  allocated to its district unions in proportion to their 2024 membership, weekly
  reports before 12:00 on Friday and a yearly report before 30/11 (Sóc Trăng merged
  into Cần Thơ on 2025-07-01, so these reports count for Thành đoàn Cần Thơ).
- Trung ương Đoàn, Kế hoạch thực hiện Quyết định 311/QĐ-TTg (2023–2030): 2025 and 2030
  targets, inherited (ratios) or given per province, weekly and yearly reports.

Deterministic: a fixed random seed decides values, late and missing reports.
"""

import json
import random
from collections import Counter
from datetime import date, datetime, timedelta

from django.db import connection

from doanso.core import bulk
from doanso.core.calendar import periods
from doanso.org.models import SubtreeCounter, Unit
from doanso.org.stats import member_counts
from doanso.plans import allocation
from doanso.plans import api as plans
from doanso.plans.models import (
    Allocation,
    AllocationMethod,
    Indicator,
    Obligation,
    Plan,
    PlanKind,
    Signature,
    Target,
    Task,
)
from doanso.reports import rollup
from doanso.reports.models import Report, ReportEvent, ReportStatus, ReportValue

ST_TARGETS = [  # (item, indicator, value, source text)
    ("(1)", "HT_NQ_CBDV", 100, "100% cán bộ đoàn, đoàn viên được học tập, quán triệt nghị quyết"),
    ("(1)", "HT_NQ_TN", 80, "80% thanh niên được học tập, quán triệt, tuyên truyền"),
    ("(2)", "TN_LUOT", 85000, "85.000 lượt đoàn viên, thanh niên tham gia hoạt động tình nguyện"),
    ("(3)", "YT_SANG_KIEN", 134, "134 ý tưởng, sáng kiến được hỗ trợ triển khai"),
    ("(4)", "NLS_TTN", 60, "60% thanh thiếu nhi được tiếp cận hoạt động nâng cao năng lực số"),
    ("(4)", "DVC_TN", 30, "30% thanh niên sử dụng dịch vụ công trực tuyến"),
    ("(4)", "TTDT_TN", 35, "35% thanh niên sử dụng tài khoản thanh toán điện tử"),
    ("(5)", "CAY_XANH", 255000, "255.000 cây xanh được trồng mới"),
    ("(6)", "AP_NTM", 1, "ít nhất 01 ấp khó khăn được hỗ trợ hoàn thành tiêu chí nông thôn mới"),
    ("(7)", "VON_VAY_TN", 2_000_000_000, "02 tỷ đồng hỗ trợ thanh niên vay vốn"),
    ("(7)", "DA_KHOI_NGHIEP", 21, "21 dự án khởi nghiệp sáng tạo được hỗ trợ"),
    ("(8)", "TV_HUONG_NGHIEP", 79000, "79.000 lượt thanh thiếu niên được tư vấn hướng nghiệp"),
    ("(8)", "GT_VIEC_LAM", 12500, "12.500 thanh niên được giới thiệu việc làm"),
    ("(9)", "NGOAI_NGU_LUOT", 14000, "14.000 lượt thanh thiếu nhi tham gia hoạt động ngoại ngữ"),
    ("(10)", "TN_KHO_KHAN", 10000, "10.000 thiếu nhi có hoàn cảnh khó khăn được hỗ trợ"),
    ("(11)", "DV_HTXSNV", 50, "50% đoàn viên xếp loại hoàn thành xuất sắc nhiệm vụ"),
    ("(11)", "TAP_HOP_TN", 68, "tỷ lệ đoàn kết tập hợp thanh niên đạt 68%"),
    ("(12)", "DV_UU_TU", 2217, "giới thiệu 2.217 đoàn viên ưu tú cho Đảng"),
    ("(12)", "DANG_VIEN_TU_DVUT", 70, "70% đảng viên mới được kết nạp từ đoàn viên ưu tú"),
]
ST_WEEKLY = ["TN_LUOT", "CAY_XANH", "TV_HUONG_NGHIEP", "GT_VIEC_LAM", "NGOAI_NGU_LUOT", "TN_KHO_KHAN"]
ST_RECIPIENTS = [
    "Ban Bí thư TW Đoàn;",
    "Các Ban chuyên môn TW Đoàn;",
    "Thường trực Tỉnh ủy;",
    "Thường trực UBND tỉnh;",
    "Các Ban xây dựng Đảng Tỉnh ủy;",
    "Ủy ban MTTQVN tỉnh;",
    "Sở Nội vụ;",
    "BCH Tỉnh đoàn;",
    "Các huyện thị, thành đoàn và đoàn trực thuộc;",
    "Website Tỉnh đoàn;",
    "Lưu VT.",
]
ST_SECTIONS = [
    {"heading": "I. Chủ đề công tác năm 2024: “Năm Thanh niên tình nguyện”", "body": ""},
    {
        "heading": "II. Nhiệm vụ trọng tâm",
        "body": (
            "Tập trung triển khai Chương trình hành động thực hiện Nghị "
            "quyết Đại hội Đoàn các cấp và Đại hội Đoàn "
            "toàn quốc lần thứ XII; tăng cường công tác giáo dục lý "
            "tưởng cách mạng, đạo đức, lối sống văn hóa, "
            "nâng cao bản lĩnh chính trị, khơi dậy khát vọng cho thanh niên."
        ),
    },
    {"heading": "III. Một số chỉ tiêu cơ bản", "body": "@targets"},
    {
        "heading": "IV. Một số giải pháp cơ bản",
        "body": (
            "Công tác tuyên truyền, giáo dục; triển khai các phong trào "
            "hành động cách mạng; đồng hành với thanh "
            "niên; công tác phụ trách Đội; công tác quốc tế thanh "
            "niên; xây dựng Đoàn; tham gia xây dựng Đảng."
        ),
    },
    {"heading": "V. Chế độ báo cáo", "body": "@obligations"},
]

TW_2025 = [  # (item, indicator, 2025, 2030)
    ("(1)", "QTUX_CB", 90, 100),
    ("(1)", "QTUX_TN", 80, 90),
    ("(2)", "HT_NEN_TANG_SO", 80, 100),
    ("(3)", "LLCT_DV_MOI", 80, 100),
    ("(4)", "APP_TNVN", 70, 90),
    ("(5)", "BD_CB_KGM", 80, 100),
    ("(6)", "CDS_CB", 90, 100),
    ("(6)", "CDS_DV", 80, 90),
    ("(6)", "CDS_TN", 70, 80),
    ("(6)", "CDS_TNND", 70, 80),
    ("(7)", "MXH_KET_NOI", 80, 95),
    ("(9)", "DOI_HINH_KGM", 80, 100),
]
# Per provincial union: (8) posts a week (× 52 a year), (10) online trends a year.
TW_PER_PROVINCE = [("(8)", "BAI_VIET_NTTT", 2 * 52, 5 * 52), ("(10)", "TRAO_LUU_KGM", 2, 5)]
TW_REPORTING = ["HN", "HCM", "CT", "ST", "HGG", "HGI", "TQ"]  # provinces filing weekly reports in the demo


def _manual(codes: list[str]) -> list[str]:
    """The codes units report by hand: the apps make some computed (learning, ideas, outreach…), and
    a computed indicator cannot be in a report obligation."""
    computed = set(Indicator.objects.filter(code__in=codes, source="computed").values_list("code", flat=True))
    return [c for c in codes if c not in computed]


def _submit_time(rng: random.Random, deadline: datetime) -> datetime | None:
    """None = missing (8%); late by hours to days (15%); else some time before the deadline."""
    r = rng.random()
    if r < 0.08:
        return None
    if r < 0.23:
        return deadline + timedelta(hours=rng.randint(1, 72))
    return deadline - timedelta(hours=rng.randint(1, 60))


class Filing:
    """A year of demo reports written set-based: reports, values and history with bulk inserts, and
    the rollup as one batch of counter deltas — the same rows `reports.services` would write one by one."""

    def __init__(self) -> None:
        self.rows: list[tuple[Report, list[tuple], list[ReportEvent]]] = []
        self._inds: dict[int, dict[str, Indicator]] = {}

    def indicators(self, ob: Obligation) -> dict[str, Indicator]:
        if ob.pk not in self._inds:
            self._inds[ob.pk] = {i.code: i for i in ob.indicators.all()}
        return self._inds[ob.pk]

    def file(self, rng, ob: Obligation, unit: Unit, period: periods.Period, deadline: datetime, values: dict):
        at = _submit_time(rng, deadline)
        if at is None:
            return
        inds = self.indicators(ob)
        vals = [
            (inds[c], v[0], v[1]) if isinstance(v, list) else (inds[c], v, None)
            for c, v in values.items()
            if c in inds  # not the computed ones (see _manual)
        ]
        on_time = at <= deadline
        report = Report(
            obligation=ob,
            unit=unit,
            period=period.id,
            status=ReportStatus.SUBMITTED,
            due_at=deadline,
            submitted_at=at,
            on_time=on_time,
            narrative=f"Báo cáo {period.label} của {unit.name}.",
            version=3,
            counted=True,
        )
        events = [
            ReportEvent(action="create", at=at - timedelta(hours=2)),
            ReportEvent(action="save", at=at, data={"values": values}),
            ReportEvent(action="submit", at=at, data={"on_time": on_time}),
        ]
        if rng.random() < 0.7:
            report.status, report.comment, report.version = ReportStatus.APPROVED, "Đã tiếp nhận.", 4
            events.append(ReportEvent(action="approve", at=at + timedelta(days=2), comment=report.comment))
        elif rng.random() < 0.1:
            report.status, report.comment = ReportStatus.RETURNED, "Đề nghị bổ sung số liệu."
            report.version, report.counted = 4, False
            events.append(ReportEvent(action="return", at=at + timedelta(days=1), comment=report.comment))
        self.rows.append((report, vals, events))

    def flush(self) -> int:
        reps = Report.objects.bulk_create([r for r, _, _ in self.rows], batch_size=2000)
        ops = connection.ops
        bulk.load(
            ReportValue._meta.db_table,
            ("report_id", "indicator_id", "value", "denominator"),
            (
                (r.pk, ind.pk, v, d)
                for r, (_, vals, _) in zip(reps, self.rows, strict=True)
                for ind, v, d in vals
            ),
        )
        bulk.load(
            ReportEvent._meta.db_table,
            ("report_id", "action", "actor_id", "at", "comment", "data"),
            (
                (r.pk, e.action, None, ops.adapt_datetimefield_value(e.at), e.comment, json.dumps(e.data))
                for r, (_, _, evs) in zip(reps, self.rows, strict=True)
                for e in evs
            ),
        )
        total = Counter()
        for r, (_, vals, _) in zip(reps, self.rows, strict=True):
            if r.counted:
                total.update(
                    rollup.deltas(
                        r.obligation.plan_id,
                        r.unit.path,
                        r.period,
                        bool(r.on_time),
                        [(ind.pk, ind.aggregation, v, d) for ind, v, d in vals],
                        +1,
                    )
                )
        rollup.apply(total)
        n = len(self.rows)
        self.rows = []
        return n


def _allocate(targets: list[Target], units: list[Unit], weights: dict[int, int]) -> None:
    """Proportional shares (inherited for ratios) for many targets in one insert."""
    rows = []
    for t in targets:
        if t.indicator.is_ratio:
            rows += [
                Allocation(target=t, unit=u, value=t.value, method=AllocationMethod.INHERITED) for u in units
            ]
            continue
        places = 0 if t.value == t.value.to_integral_value() else 2
        parts = allocation.proportional(t.value, {u.pk: weights.get(u.pk, 0) for u in units}, places)
        rows += [
            Allocation(target=t, unit=u, value=parts[u.pk], method=AllocationMethod.PROPORTIONAL)
            for u in units
        ]
    Allocation.objects.bulk_create(rows, batch_size=5000)


def _branch_members_by_prefix(prefixes: list[str]) -> dict[str, int]:
    """Active members under branches whose code starts with each prefix (the 2024 districts, dissolved
    since): one read of the branches' subtree counters."""
    out = dict.fromkeys(prefixes, 0)
    common = min(prefixes, key=len).split("-")[0] + "-" if prefixes else ""
    rows = SubtreeCounter.objects.filter(
        dim="status", key="active", unit__kind="chi_doan", unit__code__startswith=common
    ).values_list("unit__code", "n")
    for code, n in rows:
        for p in prefixes:
            if code.startswith(p + "-"):
                out[p] += n
                break
    return out


ST_TASKS = [  # (title, lead: None = the issuer / index of a district, supporting district indexes)
    ("Chiến dịch Thanh niên tình nguyện hè năm 2024", 0, [1, 2]),
    ("Tết trồng cây “Đời đời nhớ ơn Bác Hồ” và công trình “Cây xanh cho Sóc Trăng”", 1, [0]),
    ("Ngày hội tư vấn hướng nghiệp, giới thiệu việc làm cho thanh niên", None, [0, 1, 2]),
    ("Giới thiệu đoàn viên ưu tú cho Đảng xem xét, kết nạp", None, []),
]


def _tasks(plan: Plan, issuer: Unit, districts: list[Unit]) -> None:
    def pick(i):
        return districts[i % len(districts)] if districts else issuer

    tasks = Task.objects.bulk_create(
        [
            Task(plan=plan, order=n, title=title, lead=issuer if lead is None else pick(lead))
            for n, (title, lead, _) in enumerate(ST_TASKS, 1)
        ]
    )
    through = Task.supporting.through
    rows = {
        (t.pk, pick(i).pk)
        for t, (_, lead, sup) in zip(tasks, ST_TASKS, strict=True)
        for i in sup
        if districts and (lead is None or pick(i).pk != pick(lead).pk)
    }
    through.objects.bulk_create([through(task_id=t, unit_id=u) for t, u in sorted(rows)])


def _ratio(rng, target: float, base: int) -> list[int]:
    den = base + rng.randint(0, base // 2)
    num = min(den, round(den * target / 100 * rng.uniform(0.85, 1.08)))
    return [num, den]


def soc_trang(log=print) -> Plan:
    """The Sóc Trăng 2024 programme from the seeds. Long because it is the seed document's targets
    written out as data."""
    st = Unit.objects.get(code="ST")
    issued = date(2024, 1, 10)
    plan = plans.create_plan(
        None,
        st,
        kind=PlanKind.CTR,
        title="Công tác đoàn và phong trào thanh thiếu nhi năm 2024",
        issued_on=issued,
        period_start="2024",
        place="Sóc Trăng",
        department="BTC",
        sections=ST_SECTIONS,
        signature=Signature.BCH,
        signer_title="BÍ THƯ",
        signer_name="Triệu Thị Ngọc Diễm",
        recipients=ST_RECIPIENTS,
        implements_refs=[
            "các mục tiêu, nhiệm vụ, giải pháp công tác Đoàn và phong trào thanh thiếu nhi của Ban "
            "Chấp hành Tỉnh đoàn Sóc Trăng khoá VII, nhiệm kỳ 2022-2027"
        ],
        issue=True,
    )
    tw_plan = Plan.objects.filter(issuer__code="TW", title__contains="311").first()
    if tw_plan:
        plan.implements.add(tw_plan)
    targets = [
        plans.add_target(None, plan, indicator=code, value=v, period="2024", item=item, text=text, order=i)
        for i, (item, code, v, text) in enumerate(ST_TARGETS)
    ]
    # Districts as of 2024 (dissolved in 2025), weighted by their 2024 membership.
    districts = list(Unit.objects.filter(pk__in=plans.descendants_on(st, issued, None)).order_by("code"))
    by_code = _branch_members_by_prefix([d.code for d in districts])
    _allocate(targets, districts, {d.pk: by_code[d.code] for d in districts})
    _tasks(plan, st, districts)
    weekly = plans.add_obligation(
        None,
        plan,
        title="Báo cáo tuần",
        due_rule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0",
        indicators=ST_WEEKLY,
    )
    yearly = plans.add_obligation(
        None,
        plan,
        title="Báo cáo tổng kết công tác Đoàn năm 2024",
        due_rule="FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30;BYHOUR=17;BYMINUTE=0",
        indicators=_manual([c for _, c, _, _ in ST_TARGETS if c not in ST_WEEKLY]),
    )
    rng = random.Random(2024)
    shares = {
        (code, uid): float(v)
        for code, uid, v in Allocation.objects.filter(target__plan=plan).values_list(
            "target__indicator__code", "unit_id", "value"
        )
    }
    filing = Filing()
    for p, deadline in weekly.rule.occurrences(date(2024, 1, 1), date(2024, 12, 31)):
        for d in districts:
            vals = {c: round(shares[(c, d.pk)] / 52 * rng.uniform(0.6, 1.25)) for c in ST_WEEKLY}
            filing.file(rng, weekly, d, p, deadline, vals)
    for p, deadline in yearly.rule.occurrences(date(2024, 1, 1), date(2024, 12, 31)):
        for d in districts:
            vals = {}
            for ind in yearly.indicators.all():
                share = shares[(ind.code, d.pk)]
                vals[ind.code] = (
                    _ratio(rng, share, 800) if ind.is_ratio else round(share * rng.uniform(0.8, 1.2))
                )
            filing.file(random.Random(d.pk), yearly, d, p, deadline, vals)
    n = filing.flush()
    log(f"Kế hoạch: {plan.symbol} {plan.title} ({len(targets)} chỉ tiêu, {n} báo cáo)")
    return plan


def qd311(log=print) -> Plan:
    """The central QĐ 311 plan from the seeds. Long because it is the seed document's targets written
    out as data."""
    tw = Unit.objects.get(code="TW")
    issued = date(2023, 5, 25)
    plan = plans.create_plan(
        None,
        tw,
        kind=PlanKind.KH,
        department="BTG",
        title="Triển khai thực hiện Quyết định số 311/QĐ-TTg ngày 05/3/2022 của Thủ tướng Chính phủ "
        "phê duyệt "
        "Chương trình “Giáo dục lý tưởng cách mạng, đạo đức, lối "
        "sống văn hoá cho thanh niên, thiếu niên, "
        "nhi đồng trên không gian mạng giai đoạn 2023 - 2030” của Đoàn TNCS Hồ Chí Minh",
        issued_on=issued,
        period_start="2023",
        period_end="2030",
        place="Hà Nội",
        sections=[
            {
                "heading": "I. MỤC ĐÍCH, YÊU CẦU",
                "body": (
                    "Tổ chức quán triệt, tuyên truyền, phổ biến để các cấp bộ "
                    "đoàn, đoàn viên, thanh thiếu nhi cả nước "
                    "nắm chắc mục đích, ý nghĩa, các nội dung, giải pháp "
                    "quan trọng trong Quyết định 311."
                ),
            },
            {"heading": "II. CÁC CHỈ TIÊU CỤ THỂ", "body": "@targets"},
            {
                "heading": "III. TỔ CHỨC THỰC HIỆN",
                "body": (
                    "Các tỉnh, thành đoàn, đoàn trực thuộc tổ chức sơ kết vào "
                    "năm 2025, tổng kết vào năm 2030 và định kỳ "
                    "báo cáo kết quả thực hiện Kế hoạch về Ban Bí thư Trung "
                    "ương Đoàn trước ngày 30/11 hằng năm."
                ),
            },
            {"heading": "IV. CHẾ ĐỘ BÁO CÁO", "body": "@obligations"},
        ],
        signature=Signature.BBT,
        signer_title="BÍ THƯ",
        signer_name="Nguyễn Minh Triết",
        recipients=[
            "Ban Bí thư Trung ương Đảng (để báo cáo);",
            "Văn phòng Trung ương và các Ban của Đảng;",
            "Các tỉnh, thành đoàn, đoàn trực thuộc;",
            "Lưu BTG, VP.",
        ],
        implements_refs=["Quyết định số 311/QĐ-TTg ngày 05/3/2022 của Thủ tướng Chính phủ"],
        issue=True,
    )
    provinces = list(Unit.objects.filter(parent=tw, active=True).order_by("code"))
    order = 0
    proportional: list[Target] = []
    manual: list[Allocation] = []
    for year, col in (("2025", 2), ("2030", 3)):
        for row in TW_2025:
            t = plans.add_target(
                None, plan, indicator=row[1], value=row[col], period=year, item=row[0], order=order
            )
            proportional.append(t)
            order += 1
        for row in TW_PER_PROVINCE:
            per = row[col]
            t = plans.add_target(
                None,
                plan,
                indicator=row[1],
                value=per * len(provinces),
                period=year,
                item=row[0],
                order=order,
            )
            manual += [Allocation(target=t, unit=u, value=per) for u in provinces]
            order += 1
    _allocate(proportional, provinces, member_counts(provinces))
    Allocation.objects.bulk_create(manual)
    weekly = plans.add_obligation(
        None,
        plan,
        title="Báo cáo tuần về bảo vệ nền tảng tư tưởng trên không gian mạng",
        due_rule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0",
        indicators=["BAI_VIET_NTTT", "TIN_TOT"],
    )
    yearly = plans.add_obligation(
        None,
        plan,
        title="Báo cáo kết quả thực hiện Kế hoạch hằng năm",
        due_rule="FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30;BYHOUR=17;BYMINUTE=0",
        indicators=_manual([r[1] for r in TW_2025] + ["TRAO_LUU_KGM"]),
    )
    rng = random.Random(311)
    filing = Filing()
    reporting = [u for u in Unit.objects.filter(code__in=TW_REPORTING).order_by("code")]
    for p, deadline in weekly.rule.occurrences(date(2025, 1, 1), date(2025, 12, 31)):
        for u in reporting:
            if u.dissolved_on and p.start >= u.dissolved_on:
                continue
            filing.file(
                rng,
                weekly,
                u,
                p,
                deadline,
                {"BAI_VIET_NTTT": rng.randint(1, 4), "TIN_TOT": rng.randint(5, 9)},
            )
    goals = {r[1]: r[2] for r in TW_2025}
    for p, deadline in yearly.rule.occurrences(date(2025, 1, 1), date(2025, 12, 31)):
        for u in provinces:
            vals = {c: _ratio(rng, g, 5000) for c, g in goals.items()}
            vals["TRAO_LUU_KGM"] = rng.randint(1, 4)
            filing.file(rng, yearly, u, p, deadline, vals)
    n = filing.flush()
    log(f"Kế hoạch: {plan.symbol} ({plan.targets.count()} chỉ tiêu 2025 và 2030, {n} báo cáo)")
    return plan


def step(ctx) -> None:
    from doanso.plans.catalogue import ensure_indicators

    ensure_indicators()
    qd311(ctx.log)
    soc_trang(ctx.log)
