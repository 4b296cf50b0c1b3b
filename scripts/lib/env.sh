# Shared settings for the scripts in scripts/ (sourced, not run).
# One target directory for cargo, maturin and napi so the core is compiled once per profile.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
# Tools the test command installs itself (virtualenv, npm packages, kotlinc, peers).
export TOOLS="${TOOLS:-$ROOT/.tools}"
HOST="$(rustc -vV | sed -n 's/^host: //p')"
# Release builds of the bindings all use --target "$HOST" (the napi CLI always does), so they share this dir.
REL="$CARGO_TARGET_DIR/$HOST/release"
export ROOT HOST REL
# 2-core machines: keep builds lean.
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"

log() { printf '\n==> %s\n' "$*" >&2; }

# npm against the registry, in a directory, tried three times: a transient registry error on a
# fresh machine must not fail the run, and --loglevel=error (not --silent) leaves the reason in
# the log when all three fail. `npm ci` starts from an empty node_modules, so a retry is clean.
npm_in() { # dir npm-arguments...
  local dir="$1" attempt; shift
  for attempt in 1 2 3; do
    (cd "$dir" && npm "$@" --loglevel=error --no-audit --no-fund) && return 0
    log "npm $1 in $dir failed (attempt $attempt of 3)"
    [ "$attempt" -lt 3 ] && sleep $((attempt * 15))
  done
  return 1
}

# `npm ci` in a package directory, skipped when its lockfile has not changed since the last run.
npm_ci() {
  local dir="$1" stamp="$1/node_modules/.ci-lockfile"
  if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    log "npm ci in ${dir#"$ROOT"/}"
    npm_in "$dir" ci
    cp "$dir/package-lock.json" "$stamp"
  fi
}

# Python virtualenv with the test tools and the Python peers (agoraiotools, agora-token-builder).
ensure_venv() {
  local venv="$TOOLS/venv" stamp="$TOOLS/venv/.requirements"
  if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/scripts/peers/requirements.txt" "$stamp"; then
    log "installing Python tools and peers into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$ROOT/scripts/peers/requirements.txt"
    cp "$ROOT/scripts/peers/requirements.txt" "$stamp"
  fi
  export VENV="$venv" PY="$venv/bin/python"
}

# npm peers (agora-token, agora-access-token) at the versions pinned in scripts/peers/package-lock.json.
ensure_node_peers() {
  local dir="$TOOLS/peers"
  if [ ! -f "$dir/.installed" ] || ! cmp -s "$ROOT/scripts/peers/package-lock.json" "$dir/package-lock.json"; then
    log "installing npm peers into $dir"
    mkdir -p "$dir"
    cp "$ROOT/scripts/peers/package.json" "$ROOT/scripts/peers/package-lock.json" "$dir/"
    npm_in "$dir" ci
    touch "$dir/.installed"
  fi
  export AGORA_NODE_PEERS="$dir/node_modules"
}
