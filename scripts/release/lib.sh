# Shared by the release build scripts (sourced after scripts/lib/env.sh): the Linux release
# targets and the tools that cross-build them.

# The Linux targets built here (and by the release workflow's Linux jobs), as
# "<rust target> <Python platform tag policy> <npm platform directory>".
LINUX_TARGETS=(
  "x86_64-unknown-linux-gnu manylinux2014 linux-x64-gnu"
  "aarch64-unknown-linux-gnu manylinux2014 linux-arm64-gnu"
  "x86_64-unknown-linux-musl musllinux_1_2 linux-x64-musl"
  "aarch64-unknown-linux-musl musllinux_1_2 linux-arm64-musl"
)
# The cross builds (Python wheels, npm addons) share one target directory of their own: they
# link through zig, and cargo rebuilds every crate of a target when its linker changes, so
# sharing $CARGO_TARGET_DIR with the host builds of the other suites would make each side
# recompile the other's x86_64 build on every run.
CROSS_TARGET_DIR="$CARGO_TARGET_DIR/cross"
# Maven's local repository (the JVM jar's dependencies are looked up there by the test).
M2_REPO="${M2_REPO:-$HOME/.m2/repository}"
# Oldest glibc the gnu builds link against (manylinux2014's): zig links against its headers.
GLIBC_FLOOR=2.17

# maturin, zig (PyPI ziglang), cargo-zigbuild and auditwheel in one virtualenv; pytest for the
# release checks. The versions are pinned in scripts/release/requirements.txt.
ensure_release_tools() {
  local venv="$TOOLS/release-venv" stamp="$TOOLS/release-venv/.requirements"
  if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/scripts/release/requirements.txt" "$stamp"; then
    log "installing release tools (maturin, ziglang, cargo-zigbuild, auditwheel) into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$ROOT/scripts/release/requirements.txt"
    cp "$ROOT/scripts/release/requirements.txt" "$stamp"
  fi
  # `zig` for the napi CLI and cargo-zigbuild: the PyPI ziglang package behind a shim.
  mkdir -p "$TOOLS/release-bin"
  printf '#!/bin/sh\nexec "%s" -m ziglang "$@"\n' "$venv/bin/python" > "$TOOLS/release-bin/zig"
  chmod +x "$TOOLS/release-bin/zig"
  export RELEASE_VENV="$venv" PATH="$TOOLS/release-bin:$venv/bin:$PATH"
}

ensure_rust_targets() {
  local installed missing=() spec target
  installed="$(rustup target list --installed)"
  for spec in "${LINUX_TARGETS[@]}"; do
    target="${spec%% *}"
    grep -qx "$target" <<<"$installed" || missing+=("$target")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "rustup target add ${missing[*]}"
    rustup target add "${missing[@]}"
  fi
}

# RUSTFLAGS of a target's release builds, the same for the Python and Node builds so that they
# share the compiled dependencies: musl extensions and addons link musl dynamically (they are
# loaded by a musl python or node), which the napi CLI and maturin would each ask for anyway.
target_rustflags() {
  case "$1" in
    *-musl) echo "-C target-feature=-crt-static" ;;
    *) echo "" ;;
  esac
}
