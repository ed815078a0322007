#!/usr/bin/env bash
# Installs the Debian packages the test suite drives (only those that are missing).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
fc-list 2>/dev/null | grep -qi "Liberation Serif" || need+=(fonts-liberation2)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || need+=(fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# pg_dump and pg_restore for `doanso backup` on PostgreSQL
command -v pg_dump >/dev/null 2>&1 || need+=(postgresql-client)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
