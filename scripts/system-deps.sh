#!/usr/bin/env bash
# Installs the Debian packages the test suite drives (only those that are missing).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
fc-list 2>/dev/null | grep -qi "Liberation Serif" || need+=(fonts-liberation2)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || need+=(fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# pango for weasyprint (e-certificate PDFs, doanso.credentials.pdf)
ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so.0" || need+=(libpango-1.0-0 libpangoft2-1.0-0)
# pg_dump and pg_restore for `doanso backup` on PostgreSQL
command -v pg_dump >/dev/null 2>&1 || need+=(postgresql-client)
# pg_partman for the machine's PostgreSQL server (tests/scale/test_partitioning.py), when there is one.
for v in $(ls /usr/lib/postgresql 2>/dev/null); do
  [ -x "/usr/lib/postgresql/$v/bin/postgres" ] && [ ! -f "/usr/share/postgresql/$v/extension/pg_partman.control" ] \
    && need+=("postgresql-$v-partman")
done
# Patroni (with etcd) managing the primary and replica of tests/scale/test_replica.py, and pgbouncer
# between them and Django.
if ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  [ -x /usr/sbin/pgbouncer ] || need+=(pgbouncer)
  command -v patroni >/dev/null 2>&1 || need+=(patroni)
  command -v etcd >/dev/null 2>&1 || need+=(etcd-server)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
