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
    (cd "$dir" && npm ci --silent --no-audit --no-fund)
    touch "$dir/.installed"
  fi
  export AGORA_NODE_PEERS="$dir/node_modules"
}
