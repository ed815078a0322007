#!/usr/bin/env bash
# Installs Digital Bazaar's verifier (tests/credentials/node, pinned by its package-lock.json) for
# the independent verification test of e-certificates. Skipped when node/npm are absent (the test
# then says why it is skipped); reinstalled only when the lock file changed.
set -euo pipefail
cd "$(dirname "$0")/../tests/credentials/node"
command -v npm >/dev/null 2>&1 || { echo "npm absent: the independent verifier test will be skipped"; exit 0; }
stamp=node_modules/.doanso-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "installing the independent credential verifier (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  cp package-lock.json "$stamp"
fi
