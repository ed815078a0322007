#!/usr/bin/env bash
# Runs every benchmark in bench/ and prints its figures (ratios against a baseline of the same run).
# BENCH_DB="sqlite postgres" picks the engines; BENCH_ONLY=name runs one bench file.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export PYTHONPATH=src
engines="${BENCH_DB:-sqlite postgres}"
only="${BENCH_ONLY:-}"

timed() {  # prints wall seconds of a whole command
  local start end
  start=$(date +%s.%N); "$@" >/dev/null || return 1; end=$(date +%s.%N)
  python3 -c "print(round($end - $start, 1))"
}

if [ -z "$only" ] || [ "$only" = foundation ]; then
  for db in $engines; do
    echo "== foundation ($db): seed-demo national vs raw bulk load of the same rows"
    raw=$(timed $PY bench/foundation_bench.py raw --db "$db")
    seed=$(timed $PY bench/foundation_bench.py seed --db "$db")
    echo "raw load ${raw}s, seed ${seed}s, ratio $(python3 -c "print(round($seed / $raw, 2))")× (goal ≤ 5×)"
    $PY bench/foundation_bench.py stats --db "$db"
  done
fi
for f in bench/*_bench.py; do
  name=$(basename "$f" _bench.py)
  [ "$name" = foundation ] && continue
  [ -n "$only" ] && [ "$only" != "$name" ] && continue
  echo "== $name"
  $PY "$f" || echo "(bench $name failed)"
done
