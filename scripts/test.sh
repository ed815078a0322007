#!/usr/bin/env bash
# Runs the whole suite on SQLite; with CI=true also on the local PostgreSQL.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTEST=".venv/bin/pytest"
WORKERS="${PYTEST_WORKERS:-2}"

run_pytest() {
  "$PYTEST" -n "$WORKERS" "$@"
  local rc=$?
  # Exit 5 = no tests collected (e.g. a filtered run): not a failure.
  [ $rc -eq 5 ] && rc=0
  return $rc
}

# Digital Bazaar's verifier for tests/credentials/test_independent_verifier.py (npm, pinned).
scripts/credentials-node.sh || exit 1

echo "== tests on SQLite"
DATABASE_URL="" run_pytest "$@" || exit 1

if [ "${CI:-}" = "true" ] || [ "${DOANSO_TEST_POSTGRES:-}" = "1" ]; then
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  echo "== tests on PostgreSQL"
  DATABASE_URL="postgres://postgres@127.0.0.1:5432/doanso" run_pytest -m "not browser or donewhen" "$@" || exit 1
fi
