#!/usr/bin/env bash
# make bench-peak: the peaks of issues 14 and 15 through the real stack — gunicorn on PostgreSQL,
# locust on loopback (bench/locust/peak.py) — in one run: /healthz, staff check-ins, members
# scanning the activity's QR, contest attempt starts + answer submissions, in turns of
# BENCH_PEAK_PHASE_SECONDS. Prints per request: answered, rate over its own phases, p50/p99, and
# the rate's ratio to /healthz's; then checks every check-in and attempt was counted once.
#
# BENCH_PEAK_URL      database (default postgres://postgres@127.0.0.1:5432/doanso_bench; created,
#                     migrated, tiny demo seeded when empty; each run adds its own branch, members,
#                     activities and contest)
# BENCH_PEAK_TIME     duration (135s)     BENCH_PEAK_PHASE_SECONDS  one phase (15)
# BENCH_PEAK_USERS    locust users (24)   BENCH_PEAK_WORKERS gunicorn sync workers (4)
# BENCH_PEAK_MEMBERS  members prepared (45000: a third each for staff, QR and contest)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY=$VENV/bin/python
URL=${BENCH_PEAK_URL:-postgres://postgres@127.0.0.1:5432/doanso_bench}
DURATION=${BENCH_PEAK_TIME:-135s}  # ends in a /healthz phase: the last writes finish inside the run
USERS=${BENCH_PEAK_USERS:-24}
WORKERS=${BENCH_PEAK_WORKERS:-4}
MEMBERS=${BENCH_PEAK_MEMBERS:-45000}
export BENCH_PEAK_PHASE_SECONDS=${BENCH_PEAK_PHASE_SECONDS:-15}

export DATABASE_URL=$URL
export PYTHONPATH=src${PYTHONPATH:+:$PYTHONPATH}
# Production-like (see bench-load.sh): no DEBUG, plain HTTP behind the proxy that locust stands in for.
export DOANSO_DEBUG=false
export DOANSO_SECRET_KEY=${DOANSO_SECRET_KEY:-bench-load-secret-key-not-for-production-0123456789}
export DOANSO_DATA_KEY=${DOANSO_DATA_KEY:-bench-load-data-key-not-for-production}
export DOANSO_ALLOWED_HOSTS=127.0.0.1,localhost
export DOANSO_HTTPS=false
# Locust plays nginx: each member's request names its own address in X-Forwarded-For.
export DOANSO_TRUSTED_PROXIES=127.0.0.1
export DOANSO_ACTIVITY_QR_SECONDS=3600  # the on-screen QR is refreshed; one token serves the run

work=$(mktemp -d /tmp/doanso-bench-peak.XXXXXX)
gpid=""
cleanup() {
  [ -n "$gpid" ] && kill "$gpid" 2>/dev/null && wait "$gpid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

dbname=$($PY -c "import sys, urllib.parse as u; print(u.urlparse(sys.argv[1]).path.lstrip('/'))" "$URL")
admin_url=${URL%/*}/postgres
if ! psql "$admin_url" -XAtqc "select 1 from pg_database where datname = '$dbname'" | grep -q 1; then
  psql "$admin_url" -Xqc "create database \"$dbname\""
fi
echo "== preparing $dbname (migrate, tiny demo when empty, $MEMBERS members with tokens, activities, contest)"
$VENV/bin/doanso migrate --noinput -v 0
$VENV/bin/doanso createcachetable
$VENV/bin/doanso seed-demo --scale tiny --if-empty >/dev/null
$PY bench/locust/peak_prepare.py prepare "$MEMBERS" >"$work/config.json"
psql "$URL" -Xqc "analyze" >/dev/null

port=$($PY -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
$VENV/bin/gunicorn doanso.wsgi:application --bind "127.0.0.1:$port" --workers "$WORKERS" \
  --timeout 60 --error-logfile "$work/gunicorn.log" >"$work/requests.log" 2>&1 &
gpid=$!
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
  sleep 0.2
done
curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" || { cat "$work/gunicorn.log"; exit 1; }

echo "== load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== locust: $USERS users for $DURATION, phases of ${BENCH_PEAK_PHASE_SECONDS}s, gunicorn ($WORKERS workers) on :$port"
BENCH_PEAK_CONFIG="$work/config.json" BENCH_PEAK_PHASES="$work/phases.json" \
  $VENV/bin/locust -f bench/locust/peak.py --headless -u "$USERS" -r "$USERS" -t "$DURATION" --stop-timeout 30 \
  --host "http://127.0.0.1:$port" --csv "$work/locust" --only-summary --loglevel WARNING \
  >"$work/locust.out" 2>&1 || true
echo "== load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"

$PY - "$work/locust_stats.csv" "$work/phases.json" <<'PY'
import csv
import json
import sys

rows = {r["Name"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
ph = json.load(open(sys.argv[2], encoding="utf-8"))
secs = ph["seconds"]
phase_of = {"healthz": "healthz", "checkin staff": "staff", "checkin qr": "qr",
            "attempt start": "contest", "attempt answers": "contest"}
base = None
print(f"{'request':<16} {'answered':>8} {'errors':>6} {'phase s':>7} {'per s':>7} {'p50 ms':>6} {'p99 ms':>6} {'÷ healthz':>9}")
for name, kind in phase_of.items():
    r = rows.get(name)
    if not r:
        continue
    ok = int(r["Request Count"]) - int(r["Failure Count"])
    rate = ok / secs[kind] if secs.get(kind) else 0.0
    if name == "healthz":
        base = rate
    ratio = f"{rate / base:.3f}" if base else "-"
    print(f"{name:<16} {ok:>8} {r['Failure Count']:>6} {secs.get(kind, 0):>7.1f} {rate:>7.1f} {r['50%']:>6} {r['99%']:>6} {ratio:>9}")
if ph["exhausted"]:
    print("!! members ran out (raise BENCH_PEAK_MEMBERS):", ph["exhausted"])
PY
status=0
echo "== counted once?"
$PY bench/locust/peak_prepare.py check "$work/config.json" "$work/locust_stats.csv" || status=1
if [ -s "$work/locust_failures.csv" ] && [ "$(wc -l <"$work/locust_failures.csv")" -gt 1 ]; then
  echo "== errors (a run with errors is not a figure)"; head -20 "$work/locust_failures.csv"
  status=1
fi
[ -n "${BENCH_PEAK_KEEP:-}" ] && cp -r "$work" "$BENCH_PEAK_KEEP"
exit $status
