#!/usr/bin/env bash
# Runs every benchmark in bench/ and prints its figures (ratios against a baseline of the same run).
# BENCH_DB="sqlite postgres" picks the engines; BENCH_ONLY=name runs one (foundation, members,
# dashboard, planimport). The foundation step builds the national demo the dashboard bench reads.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export PYTHONPATH=${PYTHONPATH:-src}
engines="${BENCH_DB:-sqlite postgres}"
only="${BENCH_ONLY:-}"

timed() {  # prints the wall seconds of a whole command
  local start end
  start=$(date +%s.%N); "$@" >/dev/null || return 1; end=$(date +%s.%N)
  python3 -c "print(round($end - $start, 1))"
}

want() { [ -z "$only" ] || [ "$only" = "$1" ]; }

for db in $engines; do
  if want foundation; then
    echo "== foundation ($db): seed-demo national vs raw bulk load of the same rows"
    raw=$(timed $PY bench/foundation_bench.py raw --db "$db")
    seed=$(timed $PY bench/foundation_bench.py seed --db "$db")
    echo "raw load ${raw}s, seed ${seed}s, ratio $(python3 -c "print(round($seed / $raw, 2))")× (goal ≤ 5×)"
    $PY bench/foundation_bench.py stats --db "$db"
  fi
  if want dashboard; then
    echo "== dashboard ($db): national demo vs DuckDB over the raw rows"
    url=$($PY -c "import sys; sys.path.insert(0, 'bench'); from foundation_bench import db_url; print(db_url('$db', 'doanso_bench_seed'))")
    DATABASE_URL="$url" $PY bench/dashboard_bench.py || echo "(dashboard bench failed)"
  fi
  if want members; then
    echo "== members import ($db)"
    $PY bench/members_import_bench.py --db "$db" || echo "(members bench failed)"
  fi
done
if want planimport; then
  echo "== planimport"
  $PY bench/planimport_bench.py
fi
