#!/usr/bin/env bash
# The one test command: the README gives it and .ci/run calls it. It installs what it
# needs (Debian packages, Python and npm tools, the peer packages) and runs every suite.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

# The suites, in dependency order (the core first). Each script exits non-zero on failure.
SUITES=(rust c cpp go php node wasm uniffi java python server release)

for suite in "${SUITES[@]}"; do
  log "suite: $suite"
  "$ROOT/scripts/test-$suite.sh"
done
log "all suites passed: ${SUITES[*]}"
