#!/usr/bin/env bash
# `make prod`: the production stack in the foreground (gunicorn, task worker, scheduler) — docs/deployment.md.
#
# Settings come from the environment, then from the env file (var/prod.env unless DOANSO_ENV_FILE
# says otherwise) for what the environment does not set. The file is created once, with keys of its
# own, when it is missing. Debug is always off here; settings.py refuses to start without keys.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
export PATH="$PWD/$VENV/bin:$PATH"
ENV_FILE="${DOANSO_ENV_FILE:-${DOANSO_VAR_DIR:-var}/prod.env}"

if [ ! -f "$ENV_FILE" ]; then
  mkdir -p "$(dirname "$ENV_FILE")"
  key() { python3 -c 'import secrets; print(secrets.token_urlsafe(50))'; }
  (
    umask 077
    cat > "$ENV_FILE" <<ENV
# Created by make prod on $(date -u +%Y-%m-%dT%H:%MZ). KEEP THIS FILE AND BACK IT UP:
# without DOANSO_DATA_KEY the encrypted personal data (CCCD) in the database cannot be read.
DOANSO_SECRET_KEY=$(key)
DOANSO_DATA_KEY=$(key)
ENV
  )
  cat >&2 <<MSG
************************************************************************************
* make prod: created $ENV_FILE with NEW SECRET KEYS (DOANSO_SECRET_KEY, DOANSO_DATA_KEY).
* A real deployment must keep this file and back it up with the database: losing
* DOANSO_DATA_KEY makes the encrypted personal data unreadable. See docs/deployment.md.
************************************************************************************
MSG
fi

# KEY=VALUE lines of the env file, for the names the environment does not already set.
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in ''|'#'*) continue ;; esac
  name="${line%%=*}"
  if [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] && [ -z "${!name+x}" ]; then
    export "$name=${line#*=}"
  fi
done < "$ENV_FILE"

case "${DOANSO_DEBUG:-false}" in
  false|0|no|off|FALSE|False) ;;
  *) echo "make prod: refusing to start with DOANSO_DEBUG=${DOANSO_DEBUG} (production runs with debug off)" >&2; exit 2 ;;
esac
export DOANSO_DEBUG=false
export PORT="${PORT:-8000}"
if [ -z "${DATABASE_URL:-}" ]; then
  echo "make prod: DATABASE_URL is not set: using SQLite in ${DOANSO_VAR_DIR:-var}/ (one machine only;" \
       "PostgreSQL is the choice past one school or district: docs/deployment.md)" >&2
fi

# Prometheus counters of every gunicorn worker, summed at /metrics.
export PROMETHEUS_MULTIPROC_DIR="${PROMETHEUS_MULTIPROC_DIR:-${DOANSO_VAR_DIR:-var}/prometheus}"
rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"

doanso check --deploy
doanso migrate --noinput -v 0
doanso createcachetable
doanso collectstatic --noinput -v 0
echo "make prod: serving on port $PORT (gunicorn, task worker, scheduler); Ctrl-C stops all" >&2
exec honcho --no-colour --procfile Procfile start
