#!/usr/bin/env bash
# make bench-load: the national mix (bench/locust/national_mix.py) against gunicorn on PostgreSQL
# with the demo data, locust headless for ~60 s, then requests/s, p99 and errors per request kind.
#
# BENCH_LOAD_URL   database (default postgres://postgres@127.0.0.1:5432/doanso_load; created,
#                  migrated and seeded with the demo at BENCH_LOAD_SCALE=small when empty)
# BENCH_LOAD_TIME  duration (60s)   BENCH_LOAD_USERS simulated staff (20)   BENCH_LOAD_WORKERS gunicorn (3)
# DATABASE_REPLICA_URL, when set, is passed on: dashboards and lists then read from the replica.
# Starts its own gunicorn on a free port with the project's wsgi (not `make prod`) and stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY=$VENV/bin/python
URL=${BENCH_LOAD_URL:-postgres://postgres@127.0.0.1:5432/doanso_load}
DURATION=${BENCH_LOAD_TIME:-60s}
USERS=${BENCH_LOAD_USERS:-20}
SPAWN=${BENCH_LOAD_SPAWN:-5}
WORKERS=${BENCH_LOAD_WORKERS:-3}
SCALE=${BENCH_LOAD_SCALE:-small}

export DATABASE_URL=$URL
export PYTHONPATH=src${PYTHONPATH:+:$PYTHONPATH}
# Production-like: no DEBUG (no query log kept in memory, no tracebacks). Fixed, public bench keys:
# the demo's CCCDs are encrypted with the key the seed used, so it must stay the same between runs.
export DOANSO_DEBUG=false
export DOANSO_SECRET_KEY=${DOANSO_SECRET_KEY:-bench-load-secret-key-not-for-production-0123456789}
export DOANSO_DATA_KEY=${DOANSO_DATA_KEY:-bench-load-data-key-not-for-production}
export DOANSO_ALLOWED_HOSTS=127.0.0.1,localhost
# Locust talks to gunicorn directly, where the TLS proxy would: no redirect to https (DOANSO_HTTPS is
# on by default when DEBUG is off, and every request would be a 301 — the 30/11 figures were that).
export DOANSO_HTTPS=false
export DOANSO_LOGIN_FAILURE_LIMIT=${DOANSO_LOGIN_FAILURE_LIMIT:-1000}

work=$(mktemp -d /tmp/doanso-bench-load.XXXXXX)
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
echo "== preparing $dbname (migrate, demo at scale $SCALE when empty, a fresh reporting plan)"
$VENV/bin/doanso migrate --noinput -v 0
$VENV/bin/doanso collectstatic --noinput -v 0  # production serves hashed names from the manifest
$VENV/bin/doanso seed-demo --scale "$SCALE" --if-empty >/dev/null
$PY bench/locust/prepare.py >"$work/config.json"

port=$($PY -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
$VENV/bin/gunicorn doanso.wsgi:application --bind "127.0.0.1:$port" --workers "$WORKERS" \
  --timeout 60 --error-logfile "$work/gunicorn.log" &
gpid=$!
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/login/" 2>/dev/null && break
  sleep 0.2
done
curl -fsS -o /dev/null "http://127.0.0.1:$port/login/" || { cat "$work/gunicorn.log"; exit 1; }

echo "== load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== locust: $USERS users (spawn $SPAWN/s) for $DURATION against gunicorn ($WORKERS workers) on :$port"
BENCH_LOAD_CONFIG="$work/config.json" $VENV/bin/locust -f bench/locust/national_mix.py --headless \
  -u "$USERS" -r "$SPAWN" -t "$DURATION" --host "http://127.0.0.1:$port" \
  --csv "$work/locust" --only-summary --loglevel WARNING >"$work/locust.out" 2>&1 || true

$PY - "$work/locust_stats.csv" <<'PY'
import csv
import sys

rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
print(f"{'request':<20} {'count':>7} {'errors':>7} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7}")
for r in rows:
    name = r["Name"] if r["Name"] != "Aggregated" else "ALL"
    print(
        f"{name:<20} {r['Request Count']:>7} {r['Failure Count']:>7} {float(r['Requests/s']):>7.1f}"
        f" {r['50%']:>7} {r['99%']:>7}"
    )
PY
if [ -s "$work/locust_failures.csv" ] && [ "$(wc -l <"$work/locust_failures.csv")" -gt 1 ]; then
  echo "== errors (a run with errors is not a figure)"; cat "$work/locust_failures.csv"
  exit 1
fi
