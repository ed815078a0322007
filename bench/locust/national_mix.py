"""A national mix of Đoàn Số traffic for locust: province secretaries logging in, opening member
lists, reading dashboards and submitting weekly reports (check-ins join once activities exist).

Needs the configuration printed by bench/locust/prepare.py in the file named by BENCH_LOAD_CONFIG;
scripts/bench-load.sh prepares everything and runs it headless:

    locust -f bench/locust/national_mix.py --headless -u 20 -r 5 -t 60s --host http://127.0.0.1:PORT

The weights follow what a Union office does in a day: reads of lists and dashboards dominate, a
login starts every session, and submissions are a few percent of requests.
"""

import itertools
import json
import os
import random
import re
import threading
from pathlib import Path

from locust import HttpUser, between, task

CONFIG = json.loads(Path(os.environ["BENCH_LOAD_CONFIG"]).read_text(encoding="utf-8"))
PASSWORD = os.environ.get("BENCH_LOAD_PASSWORD", "doanso-demo")
SEARCHES = ["nguyen", "tran van", "le thi", "pham", "hoang minh", "vu"]
VERSION = re.compile(r'name="version" value="(\d+)"')

# Each (unit, week) report is filed once: users take the next free slot from one shared queue.
_slots_lock = threading.Lock()
_slots = {
    username: itertools.cycle(
        [(u, w) for w in CONFIG["weeks"] for u in cfg["report_units"]]  # cycles only after thousands
    )
    for username, cfg in CONFIG["users"].items()
}


def _next_slot(username: str) -> tuple[str, str]:
    with _slots_lock:
        return next(_slots[username])


class ProvinceSecretary(HttpUser):
    """One staff member of a province union (Hà Nội, TP.HCM or Cần Thơ) at work."""

    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        self.username = random.choice(sorted(CONFIG["users"]))
        self.cfg = CONFIG["users"][self.username]
        self.login()

    def _csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    @task(1)
    def login(self) -> None:
        self.client.cookies.clear()
        self.client.get("/login/", name="login (form)")
        with self.client.post(
            "/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": self._csrf()},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code != 302:
                r.failure(f"login answered {r.status_code}")

    @task(4)
    def member_list(self) -> None:
        code = random.choice(self.cfg["member_units"])
        self.client.get(f"/members/units/{code}/", name="members list")

    @task(2)
    def member_search(self) -> None:
        code = random.choice(self.cfg["member_units"])
        self.client.get(
            f"/members/units/{code}/", params={"q": random.choice(SEARCHES)}, name="members search"
        )

    @task(4)
    def dashboard(self) -> None:
        plan, code = random.choice(self.cfg["dashboards"])
        self.client.get(f"/dashboard/{plan}/{code}/", name="dashboard")

    @task(2)
    def submit_report(self) -> None:
        unit, week = _next_slot(self.username)
        opened = self.client.post(
            f"/reports/units/{unit}/open/",
            {"obligation": CONFIG["obligation"], "period": week, "csrfmiddlewaretoken": self._csrf()},
            name="report open",
            allow_redirects=False,
        )
        if opened.status_code != 302:
            return
        form_url = opened.headers["Location"]
        form = self.client.get(form_url, name="report form")
        found = VERSION.search(form.text)
        if not found:
            return
        with self.client.post(
            form_url,
            {
                "version": found.group(1),
                "v_BAI_VIET_NTTT": str(random.randint(1, 4)),
                "v_TIN_TOT": str(random.randint(5, 9)),
                "action": "submit",
                "csrfmiddlewaretoken": self._csrf(),
            },
            name="report submit",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code != 302:
                r.failure(f"submit answered {r.status_code}")
