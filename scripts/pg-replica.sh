#!/usr/bin/env bash
# A throw-away PostgreSQL primary and a streaming replica on this machine: plain streaming replication
# (initdb + pg_basebackup -R) or, with PG_REPLICA_MANAGER=patroni, two Patroni members (ADR 0012).
#
#   scripts/pg-replica.sh start DIR [PRIMARY_PORT] [REPLICA_PORT] [PGBOUNCER_PORT]
#   scripts/pg-replica.sh stop DIR
#
# `start` prints DATABASE_URL and DATABASE_REPLICA_URL; with PGBOUNCER_PORT (and Debian's pgbouncer
# installed) both go through one pgbouncer in transaction mode, and DOANSO_DB_POOLER=pgbouncer.
# PG_REPLICA_MANAGER=patroni: the two servers are Patroni members (Debian's patroni 3, one etcd
# node) instead of initdb + pg_basebackup -R; Patroni bootstraps the primary, clones the replica
# and holds the leader lock; it also prints PATRONI_REST (the members' REST APIs).
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
  # from /: the caller's directory may be closed to postgres (a clone under a 0700 mktemp folder),
  # and initdb, pg_ctl and Patroni give up when they cannot read their working directory
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

free_port() {
  python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}

# Runs a long-lived process as postgres in the background; its own pid goes to DIR/NAME.pid.
daemon() {
  local name=$1
  shift
  as_pg sh -c 'echo $$ >"$0"; exec "$@"' "$dir/$name.pid" "$@" </dev/null >"$dir/$name.log" 2>&1 &
}

patroni_member() {  # name, postgres port, REST port, etcd client port
  cat >"$dir/$1.yml" <<CONF
scope: doanso
name: $1
restapi: {listen: "127.0.0.1:$3", connect_address: "127.0.0.1:$3"}
etcd3: {hosts: "127.0.0.1:$4"}
bootstrap:
  dcs:
    ttl: 30
    loop_wait: 2
    retry_timeout: 10
    postgresql:
      use_pg_rewind: true
      parameters: {wal_level: replica, hot_standby: "on", fsync: "off", full_page_writes: "off", jit: "off"}
  initdb: [{encoding: UTF8}, {locale: C.UTF-8}]
  pg_hba: ["host all all 127.0.0.1/32 trust", "host replication all 127.0.0.1/32 trust"]
postgresql:
  listen: "127.0.0.1:$2"
  connect_address: "127.0.0.1:$2"
  data_dir: $dir/$1
  bin_dir: $bin
  pgpass: $dir/$1.pgpass
  authentication: {superuser: {username: postgres}, replication: {username: postgres}}
  parameters: {unix_socket_directories: "$dir"}
  basebackup: [{checkpoint: fast}]  # else the clone waits for a spread checkpoint (minutes)
CONF
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/$1.yml"
  daemon "$1" patroni "$dir/$1.yml"
}

wait_http() {  # url: until it answers 200 (Patroni's /primary and /replica health checks)
  for _ in $(seq 1 900); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ] && return 0
    sleep 0.2
  done
  echo "$1 never answered 200 (see $dir/*.log)" >&2
  return 1
}

start_bouncer() {  # prints the URLs, through pgbouncer when PGBOUNCER_PORT is given
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
}

case "$cmd" in
start)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  if [ "${PG_REPLICA_MANAGER:-}" = patroni ]; then
    eclient=$(free_port); epeer=$(free_port); rest1=$(free_port); rest2=$(free_port)
    daemon etcd etcd --name e1 --data-dir "$dir/etcd" \
      --listen-client-urls "http://127.0.0.1:$eclient" --advertise-client-urls "http://127.0.0.1:$eclient" \
      --listen-peer-urls "http://127.0.0.1:$epeer" --initial-advertise-peer-urls "http://127.0.0.1:$epeer" \
      --initial-cluster "e1=http://127.0.0.1:$epeer"
    wait_http "http://127.0.0.1:$eclient/health"
    patroni_member primary "$pport" "$rest1" "$eclient"
    wait_http "http://127.0.0.1:$rest1/primary"
    "$bin/createdb" -h 127.0.0.1 -p "$pport" -U postgres doanso
    patroni_member replica "$rport" "$rest2" "$eclient"
    wait_http "http://127.0.0.1:$rest2/replica"
    echo "PATRONI_REST=http://127.0.0.1:$rest1,http://127.0.0.1:$rest2"
    start_bouncer
    exit 0
  fi
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
  start_bouncer
  ;;
stop)
  [ -f "$dir/pgbouncer.pid" ] && kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true
  for p in replica primary; do  # Patroni members stop their PostgreSQL, then etcd
    [ -f "$dir/$p.pid" ] && kill "$(cat "$dir/$p.pid")" 2>/dev/null || true
  done
  for p in replica primary; do  # 30 s each, then SIGKILL: a member waiting on a dead peer never ends
    for _ in $(seq 1 150); do
      [ -f "$dir/$p.pid" ] && kill -0 "$(cat "$dir/$p.pid")" 2>/dev/null || break
      sleep 0.2
    done
    [ -f "$dir/$p.pid" ] && kill -9 "$(cat "$dir/$p.pid")" 2>/dev/null || true
  done
  [ -f "$dir/etcd.pid" ] && kill "$(cat "$dir/etcd.pid")" 2>/dev/null || true
  for c in replica primary; do
    [ -f "$dir/$c/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir/$c" -m immediate -w stop >/dev/null || true
  done
  ;;
*)
  echo "usage: pg-replica.sh start|stop DIR [PRIMARY_PORT] [REPLICA_PORT]" >&2
  exit 2
  ;;
esac
