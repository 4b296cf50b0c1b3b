#!/usr/bin/env bash
# PHP (php/): the Composer package over the C ABI with PHP's FFI. Installs Debian's php-cli,
# phpunit (which brings php-xml and php-mbstring) and php-cgi (the preloading test, a server
# SAPI) when missing, builds the C library, makes the differential fixture with the official
# npm and PyPI packages (fixed seed), and runs PHPUnit: the shared vectors, the drop-in classes,
# the typed API, the Composer layout and README sample, preloading under ffi.enable=preload,
# and the differential cases.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

missing=()
command -v php >/dev/null || missing+=(php-cli)
command -v phpunit >/dev/null || missing+=(phpunit)
command -v php-cgi >/dev/null || missing+=(php-cgi)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
php -r 'exit(extension_loaded("FFI") ? 0 : 1);' || { echo "this php has no FFI extension" >&2; exit 1; }

log "cargo build -p agora-token-c"
cargo build -q -p agora-token-c
export AGORA_TOKEN_LIBRARY="$CARGO_TARGET_DIR/debug/libagora_token_c.so"

log "PHP: syntax of every file"
find php -name '*.php' -not -path 'php/vendor/*' -print0 | xargs -0 -n1 php -l -d display_errors=1 >/dev/null

log "PHP: differential fixture (official packages over random inputs, seed 13)"
ensure_venv
ensure_node_peers
OUT="$CARGO_TARGET_DIR/agora-token-php"
mkdir -p "$OUT"
export AGORA_PHP_DIFFERENTIAL_FIXTURE="$OUT/differential.json"
"$PY" php/tests/differential/make_fixture.py "$AGORA_PHP_DIFFERENTIAL_FIXTURE" --seed 13

log "PHP: PHPUnit $(phpunit --version | sed -n 's/^PHPUnit \([0-9.]*\).*/\1/p') on PHP $(php -r 'echo PHP_VERSION;')"
cd php
phpunit
