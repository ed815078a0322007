"""Prepares the peak scenarios of issues 14 and 15 and prints their configuration (JSON) or checks a
finished run.

    python bench/locust/peak_prepare.py prepare N   > config.json
    python bench/locust/peak_prepare.py check config.json locust_stats.csv

`prepare` (run by scripts/bench-peak.sh on the bench database, after `seed-demo --scale tiny`): N
members in one branch of a province, each with a user account and an API token, as a big event has
(rows written in bulk: the bench measures check-ins, not sign-ups); a province admin with a token;
two open activities of the province (one for staff scans, one for members scanning the activity's
QR) and the QR token; a contest of the province with 40 questions, 10 a round, and a round that is
open now. The members' tokens are split in three disjoint shares (staff check-in, QR check-in,
contest), so every request is a first check-in or a first attempt.

`check`: each check-in counted once — for each activity, the participation rows, the activity's
counter and the province's TN_LUOT for the day (subtree counters) all equal the 201 answers locust
saw; attempts started and submitted equal the 201/200 answers. Exit 1 on any difference.
"""

import csv
import json
import os
import sys
from datetime import timedelta
from pathlib import Path

import django


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
    django.setup()


def prepare(n: int) -> dict:
    _setup()
    from django.utils import timezone

    from doanso.accounts.models import ApiToken, Role, RoleKind, User
    from doanso.accounts.tokens import issue
    from doanso.activities import qr
    from doanso.activities.models import Activity, ActivityType
    from doanso.learning import contests
    from doanso.members.models import Member
    from doanso.org import services as org
    from doanso.org.models import Unit

    province = Unit.objects.get(code="HCM")
    stamp = timezone.now().strftime("%H%M%S")
    branch = org.create_unit(
        None, code=f"HCM-PEAK-{stamp}", name=f"Chi đoàn thử tải {stamp}", kind="chi_doan", parent=province
    )
    first = Member.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    Member.objects.bulk_create(
        [
            Member(
                full_name=f"Đoàn viên thử tải {i}",
                birth_date="2003-01-01",
                gender="nu" if i % 2 else "nam",
                branch=branch,
            )
            for i in range(n)
        ],
        batch_size=5000,
    )
    members = list(Member.objects.filter(branch=branch, pk__gt=first).order_by("pk"))
    User.objects.bulk_create(
        [User(username=f"peak{stamp}.{m.pk}", password="!bench", member=m) for m in members],
        batch_size=5000,
    )
    users = list(User.objects.filter(username__startswith=f"peak{stamp}.").order_by("pk"))
    now = timezone.now()
    keys, rows = [], []
    for u in users:
        key = f"peak{stamp}{u.pk:010d}-bench-token-not-secret"
        keys.append((u.member_id, key))
        rows.append(
            ApiToken(
                user=u,
                key_hash=ApiToken.hash(key),
                prefix=key[:8],
                expires_at=now + timedelta(days=1),
                password_hash=u.get_session_auth_hash(),
                last_used_at=now,
            )
        )
    ApiToken.objects.bulk_create(rows, batch_size=5000)
    admin, _ = User.objects.get_or_create(username="peak.admin")
    Role.objects.get_or_create(user=admin, unit=province, role=RoleKind.ADMIN)
    admin_key = issue(admin)

    kind = ActivityType.objects.get(code="tinh_nguyen")

    def activity(title: str) -> Activity:
        return Activity.objects.create(
            unit=province,
            title=title,
            type=kind,
            hours=2,
            start=now - timedelta(minutes=10),
            end=now + timedelta(hours=3),
        )

    staff_act = activity(f"Ngày chủ nhật xanh (thử tải, quét thẻ) {stamp}")
    qr_act = activity(f"Ngày chủ nhật xanh (thử tải, tự quét QR) {stamp}")
    questions = [
        {"text": f"Câu hỏi thử tải {i}?", "options": ["A", "B", "C", "D"], "answer": i % 4} for i in range(40)
    ]
    contest = contests.create_contest(
        unit=province,
        title=f"Cuộc thi thử tải {stamp}",
        questions_per_round=10,
        questions=questions,
        seconds_per_attempt=3600,
    )
    rnd = contests.add_round(contest, now - timedelta(minutes=1), now + timedelta(hours=3))
    third = len(keys) // 3
    return {
        "admin_token": admin_key,
        "province": province.code,
        "staff_activity": staff_act.pk,
        "qr_activity": qr_act.pk,
        "qr_token": qr.make(qr_act.pk, qr_act.qr_version),
        "contest": contest.pk,
        "round": rnd.number,
        "staff_members": [m for m, _ in keys[:third]],
        "qr_tokens": [k for _, k in keys[third : 2 * third]],
        "contest_tokens": [k for _, k in keys[2 * third :]],
    }


def _ok(stats: dict, name: str) -> int:
    r = stats.get(name)
    return int(r["Request Count"]) - int(r["Failure Count"]) if r else 0


def check(config_path: str, stats_path: str) -> int:
    _setup()
    from django.utils import timezone

    from doanso.activities.models import Activity, Participation
    from doanso.core.calendar.periods import Period
    from doanso.learning.models import Attempt
    from doanso.org.models import Unit
    from doanso.plans import indicators

    cfg = json.loads(Path(config_path).read_text(encoding="utf-8"))
    with open(stats_path, encoding="utf-8") as f:
        stats = {r["Name"]: r for r in csv.DictReader(f)}
    bad = 0
    lines = []
    for label, key, name in (
        ("staff", "staff_activity", "checkin staff"),
        ("QR", "qr_activity", "checkin qr"),
    ):
        a = Activity.objects.get(pk=cfg[key])
        rows = Participation.objects.filter(activity=a).count()
        answered = _ok(stats, name)
        same = rows == a.participations_count == answered
        bad += not same
        lines.append(
            f"{label} check-ins: {answered} answered 201, {rows} rows, activity counter "
            f"{a.participations_count}: {'counted once' if same else 'MISMATCH'}"
        )
    province = Unit.objects.get(code=cfg["province"])
    day = timezone.localdate()
    got = indicators.compute("TN_LUOT", province, Period.day(day))
    total = int(got.value) if got else 0
    rows = Participation.objects.filter(activity__unit__path__startswith=province.path, at__date=day).count()
    bad += total != rows
    lines.append(
        f"TN_LUOT of {province.code} today (subtree counters) {total} vs recount {rows}: "
        f"{'equal' if total == rows else 'MISMATCH'}"
    )
    started = Attempt.objects.filter(round__contest_id=cfg["contest"]).count()
    submitted = Attempt.objects.filter(round__contest_id=cfg["contest"], submitted_at__isnull=False).count()
    s_ok, a_ok = _ok(stats, "attempt start"), _ok(stats, "attempt answers")
    same = started == s_ok and submitted == a_ok
    bad += not same
    lines.append(
        f"attempts: {s_ok} started (201) / {started} rows, {a_ok} submitted (200) / {submitted} rows: "
        f"{'counted once' if same else 'MISMATCH'}"
    )
    print("\n".join(lines))
    return 1 if bad else 0


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        json.dump(prepare(int(sys.argv[2])), sys.stdout)
    else:
        sys.exit(check(sys.argv[2], sys.argv[3]))
