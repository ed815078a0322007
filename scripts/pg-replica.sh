#!/usr/bin/env bash
# A throw-away PostgreSQL primary and a streaming replica on this machine (plain streaming
# replication: initdb + pg_basebackup -R; no Patroni, see docs/decisions/0012-past-one-machine.md).
#
#   scripts/pg-replica.sh start DIR [PRIMARY_PORT] [REPLICA_PORT] [PGBOUNCER_PORT]
#   scripts/pg-replica.sh stop DIR
#
# `start` prints DATABASE_URL and DATABASE_REPLICA_URL; with PGBOUNCER_PORT (and Debian's pgbouncer
# installed) both go through one pgbouncer in transaction mode, and DOANSO_DB_POOLER=pgbouncer.
#
# The machine's own PostgreSQL (5432) is never touched: both clusters live in DIR, on their own
# ports, run as the `postgres` user when started by root (PostgreSQL refuses to run as root).
# Durability is switched off (fsync=off): this is for tests and demos, not for data.
set -euo pipefail
cmd=${1:?usage: pg-replica.sh start|stop DIR [PRIMARY_PORT] [REPLICA_PORT]}
dir=${2:?directory}
pport=${3:-55432}
rport=${4:-55433}
bport=${5:-}
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (set PG_BIN)" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  as_pg "$bin/initdb" -D "$dir/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  cat >>"$dir/primary/postgresql.conf" <<CONF
port = $pport
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
wal_level = replica
max_wal_senders = 5
hot_standby = on
fsync = off
full_page_writes = off
shared_buffers = 64MB
jit = off
CONF
  as_pg "$bin/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w start >/dev/null
  "$bin/createdb" -h 127.0.0.1 -p "$pport" -U postgres doanso
  # -R writes standby.signal and primary_conninfo: the copy starts as a streaming replica.
  as_pg "$bin/pg_basebackup" -h 127.0.0.1 -p "$pport" -U postgres -D "$dir/replica" -R -X stream -c fast
  echo "port = $rport" >>"$dir/replica/postgresql.conf"
  as_pg "$bin/pg_ctl" -D "$dir/replica" -l "$dir/replica.log" -w start >/dev/null
  for _ in $(seq 1 50); do
    state=$("$bin/psql" -XAtq -h 127.0.0.1 -p "$pport" -U postgres -c \
      "select state from pg_stat_replication limit 1" 2>/dev/null || true)
    [ "$state" = "streaming" ] && break
    sleep 0.2
  done
  [ "$state" = "streaming" ] || { echo "the replica is not streaming (see $dir/replica.log)" >&2; exit 1; }
  if [ -n "$bport" ]; then
    # Transaction pooling: no session state survives a transaction, so startup options (our
    # `-c jit=off`) are ignored here and jit is off in postgresql.conf instead (ADR 0012).
    echo '"postgres" ""' >"$dir/userlist.txt"
    cat >"$dir/pgbouncer.ini" <<CONF
[databases]
doanso = host=127.0.0.1 port=$pport dbname=doanso
doanso_replica = host=127.0.0.1 port=$rport dbname=doanso
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $bport
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
ignore_startup_parameters = extra_float_digits, options
max_client_conn = 200
default_pool_size = 10
pidfile = $dir/pgbouncer.pid
logfile = $dir/pgbouncer.log
CONF
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/userlist.txt" "$dir/pgbouncer.ini"
    as_pg "${PGBOUNCER:-/usr/sbin/pgbouncer}" -d "$dir/pgbouncer.ini"
    for _ in $(seq 1 50); do
      "$bin/psql" -XAtq -h 127.0.0.1 -p "$bport" -U postgres -d doanso -c "select 1" >/dev/null 2>&1 && break
      sleep 0.1
    done
    echo "DATABASE_URL=postgres://postgres@127.0.0.1:$bport/doanso"
    echo "DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:$bport/doanso_replica"
    echo "DOANSO_DB_POOLER=pgbouncer"
  else
    echo "DATABASE_URL=postgres://postgres@127.0.0.1:$pport/doanso"
    echo "DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:$rport/doanso"
  fi
  ;;
stop)
  [ -f "$dir/pgbouncer.pid" ] && kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true
  for c in replica primary; do
    [ -f "$dir/$c/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir/$c" -m immediate -w stop >/dev/null || true
  done
  ;;
*)
  echo "usage: pg-replica.sh start|stop DIR [PRIMARY_PORT] [REPLICA_PORT]" >&2
  exit 2
  ;;
esac
