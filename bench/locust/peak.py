"""Peaks of issues 14 and 15 for locust: thousands check in to one big activity, a contest round
opens and everyone starts and hands in at once — each against the same server's /healthz in the
same run.

Needs the configuration printed by `bench/locust/peak_prepare.py prepare` in BENCH_PEAK_CONFIG;
scripts/bench-peak.sh prepares everything and runs it headless. BENCH_PEAK_PHASE_SECONDS (15)
splits the run into phases in turn — healthz, staff check-in, QR check-in, contest, and again —
every user doing only the phase's request with no think time, so each phase measures what the
server sustains for that request alone; rates are counts ÷ time spent in that phase (the script
computes them from the per-phase counts this file writes to BENCH_PEAK_PHASES at the end).

Every member's request carries its own `X-Forwarded-For` address (gunicorn trusts 127.0.0.1 as
the proxy, as it would trust nginx): per-address limits and crowd flags see one phone per member,
as in a real event, not the whole crowd behind one address.
"""

import json
import os
import threading
import time
from collections import Counter
from pathlib import Path

from locust import FastHttpUser, constant, events, task

CONFIG = json.loads(Path(os.environ["BENCH_PEAK_CONFIG"]).read_text(encoding="utf-8"))
PHASE = float(os.environ.get("BENCH_PEAK_PHASE_SECONDS", "15"))
KINDS = os.environ.get("BENCH_PEAK_KINDS", "healthz,staff,qr,contest").split(",")
STARTED = time.monotonic()
SPENT: Counter = Counter()  # seconds of requests finished per phase (for the phase's wall time)
DONE: Counter = Counter()

_lock = threading.Lock()
_queues = {
    "staff": iter(CONFIG["staff_members"]),
    "qr": iter(CONFIG["qr_tokens"]),
    "contest": iter(CONFIG["contest_tokens"]),
}
_taken: Counter = Counter()


def _next(kind: str):
    with _lock:
        _taken[kind] += 1
        return next(_queues[kind], None), _taken[kind]


def phase() -> str:
    return KINDS[int((time.monotonic() - STARTED) // PHASE) % len(KINDS)]


def _ip(n: int, base: int) -> str:
    n += base
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


class Crowd(FastHttpUser):
    """A member's phone, a staff scanner or a contestant: whatever the current phase asks."""

    wait_time = constant(0)

    @task
    def step(self) -> None:
        kind = phase()
        if kind == "healthz":
            self.client.get("/healthz", name="healthz")
        elif kind == "staff":
            self.staff()
        elif kind == "qr":
            self.self_scan()
        else:
            self.contest()
        DONE[kind] += 1

    def staff(self) -> None:
        member, _ = _next("staff")
        if member is None:
            return self._exhausted("staff")
        with self.client.post(
            f"/api/v1/activities/{CONFIG['staff_activity']}/checkins",
            json={"member": member},
            headers={"Authorization": f"Bearer {CONFIG['admin_token']}"},
            name="checkin staff",
            catch_response=True,
        ) as r:
            if r.status_code != 201:
                r.failure(f"{r.status_code} {r.text[:200]}")

    def self_scan(self) -> None:
        token, n = _next("qr")
        if token is None:
            return self._exhausted("qr")
        with self.client.post(
            f"/api/v1/activities/{CONFIG['qr_activity']}/checkins",
            json={"token": CONFIG["qr_token"]},
            headers={"Authorization": f"Bearer {token}", "X-Forwarded-For": _ip(n, 0)},
            name="checkin qr",
            catch_response=True,
        ) as r:
            if r.status_code != 201:
                r.failure(f"{r.status_code} {r.text[:200]}")

    def contest(self) -> None:
        token, n = _next("contest")
        if token is None:
            return self._exhausted("contest")
        headers = {"Authorization": f"Bearer {token}", "X-Forwarded-For": _ip(n, 1 << 20)}
        with self.client.post(
            f"/api/v1/contests/{CONFIG['contest']}/rounds/{CONFIG['round']}/attempts",
            headers=headers,
            name="attempt start",
            catch_response=True,
        ) as r:
            if r.status_code != 201:
                r.failure(f"{r.status_code} {r.text[:200]}")
                return
            started = r.json()
        answers = [
            {"question": q["id"], "option": i % len(q["options"])} for i, q in enumerate(started["questions"])
        ]
        with self.client.post(
            f"/api/v1/attempts/{started['attempt']}/answers",
            json={"answers": answers, "prediction": 100},
            headers=headers,
            name="attempt answers",
            catch_response=True,
        ) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code} {r.text[:200]}")

    def _exhausted(self, kind: str) -> None:
        time.sleep(0.05)  # more requests than members prepared: say so in the figures, do not repeat
        with _lock:
            SPENT[f"exhausted {kind}"] += 1


@events.quitting.add_listener
def _write_phases(environment, **_kw) -> None:
    out = os.environ.get("BENCH_PEAK_PHASES")
    if not out:
        return
    elapsed = time.monotonic() - STARTED
    seconds: Counter = Counter()
    t = 0.0
    while t < elapsed:
        seconds[KINDS[int(t // PHASE) % len(KINDS)]] += min(PHASE, elapsed - t)
        t += PHASE
    Path(out).write_text(
        json.dumps({"seconds": seconds, "steps": DONE, "exhausted": SPENT, "taken": _taken}), encoding="utf-8"
    )
