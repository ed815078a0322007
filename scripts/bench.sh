#!/usr/bin/env bash
# Runs every benchmark in bench/ and prints its figures (ratios against a baseline of the same run).
# BENCH_DB="sqlite postgres" picks the engines; BENCH_ONLY=name runs one (foundation, members,
# members_list, dashboard, credentials, planimport, peak). The foundation step builds the national demo the
# dashboard bench reads. The peaks of issues 14 and 15 take several minutes: `make bench-peak`
# (BENCH_ONLY=peak runs its locust part here).
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export PYTHONPATH=${PYTHONPATH:-src}
engines="${BENCH_DB:-sqlite postgres}"
only="${BENCH_ONLY:-}"

want() { [ -z "$only" ] || [ "$only" = "$1" ]; }

for db in $engines; do
  if want foundation; then
    echo "== foundation ($db): seed-demo national vs raw bulk load of the same rows"
    # Each prints "<label>: <seconds> s" for its own work (database creation and migration excluded).
    raw=$($PY bench/foundation_bench.py raw --db "$db" | sed -n 's/^raw load: \([0-9.]*\) s.*/\1/p')
    seed=$(/usr/bin/time -f "%M" -o /tmp/doanso-seed-rss $PY bench/foundation_bench.py seed --db "$db" \
           | sed -n 's/^seed national: \([0-9.]*\) s.*/\1/p')
    echo "raw load ${raw} s, seed ${seed} s, ratio $(python3 -c "print(round($seed / $raw, 2))")× (goal ≤ 5×);" \
         "seed peak RSS $(( $(cat /tmp/doanso-seed-rss) / 1024 )) MB"
    $PY bench/foundation_bench.py stats --db "$db"
  fi
  if want dashboard; then
    echo "== dashboard ($db): national demo filled through the report services, vs a DuckDB recount of the raw rows"
    # BENCH_URL_sqlite / BENCH_URL_postgres point it at another national database.
    var="BENCH_URL_$db"
    url=${!var:-$($PY -c "import sys; sys.path.insert(0, 'bench'); from foundation_bench import db_url; print(db_url('$db', 'doanso_bench_seed'))")}
    DATABASE_URL="$url" $PY bench/dashboard_bench.py || echo "(dashboard bench failed)"
  fi
  if want members; then
    echo "== members import ($db)"
    $PY bench/members_import_bench.py --db "$db" || echo "(members bench failed)"
  fi
  if want members_list; then
    echo "== member lists and search ($db): national demo, p95 vs raw count(*) of members"
    # MEMBERS_BENCH_URL points it at another national database.
    $PY bench/members_list_bench.py --db "$db" || echo "(members list bench failed)"
  fi
  if want credentials; then
    echo "== credentials ($db): certificate verifications per second (canonicalisation included)"
    if [ "$db" = "postgres" ]; then
      # a database of its own, fresh each run (the bench creates its issuing unit)
      psql postgres://postgres@127.0.0.1:5432/postgres -Xq -o /dev/null -c "set client_min_messages = warning" -c "drop database if exists doanso_bench_credentials" \
        -c "create database doanso_bench_credentials"
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/doanso_bench_credentials $PY bench/credentials_bench.py || echo "(credentials bench failed)"
    else
      $PY bench/credentials_bench.py || echo "(credentials bench failed)"
    fi
  fi
done
if [ "$only" = "peak" ]; then
  echo "== peak: check-ins and contest rounds through gunicorn + locust on PostgreSQL (scripts/bench-peak.sh)"
  scripts/bench-peak.sh || echo "(peak bench failed)"
fi
if want planimport; then
  echo "== planimport"
  $PY bench/planimport_bench.py
fi
