#!/usr/bin/env bash
# Python package (python/, bindings/python): builds the abi3 wheel with maturin, installs it into
# a virtualenv created afresh on every run (so nothing from the source tree can shadow the
# installed package), then runs pytest (conformance vectors through both layers, differential
# tests against the real peers agoraiotools and agora-token-builder, and npm agora-token through
# scripts/peers/node_peer.js for what the PyPI peers lack; warnings, errors, bad types, the
# Flask / Django / FastAPI examples), mypy.stubtest on the native module, and checks that the
# extension links neither libz nor libpython.
#
# Two files are generated from the py_services! list in bindings/python/src/services.rs: the
# service classes' part of python/agora_token/_native.pyi and the whole of
# python/agora_token/_services.py (ServiceType and the privilege enums); a test fails when a
# checked-in copy differs. `--update-generated` rewrites both first (from the freshly built
# module), then tests the result.
set -euo pipefail
UPDATE_GENERATED=0
for arg in "$@"; do
  case "$arg" in
    --update-generated) UPDATE_GENERATED=1 ;;
    *) echo "usage: $0 [--update-generated]" >&2; exit 2 ;;
  esac
done
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

# Debian pieces: the venv module (python3-venv) and readelf (binutils) for the link check.
if ! python3 -c 'import ensurepip, venv' 2>/dev/null || ! command -v readelf >/dev/null; then
  log "installing python3-venv and binutils"
  apt-get update -q && apt-get install -y -q python3-venv binutils
fi

# The npm peers (agora-token, agora-access-token): the differential tests compare the AccessToken2
# services agoraiotools lacks, and repeated services, with npm's payload (scripts/peers/node_peer.js).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  log "installing nodejs and npm (Debian)"
  apt-get update -q && apt-get install -y -q nodejs npm
fi
ensure_node_peers

VENV_DIR="$TOOLS/python-test-venv"
log "fresh virtualenv $VENV_DIR with python/requirements-test.txt"
rm -rf "$VENV_DIR"
python3 -m venv "$VENV_DIR"
VPY="$VENV_DIR/bin/python"
"$VPY" -m pip install -q --disable-pip-version-check -r python/requirements-test.txt

build_and_install_wheel() {
  log "building the abi3 wheel (maturin, release, --target $HOST)"
  rm -rf dist/py
  (cd python && "$VENV_DIR/bin/maturin" build -q --release --target "$HOST" -o "$ROOT/dist/py")
  shopt -s nullglob
  wheels=(dist/py/agora_token_rs-*-abi3-*.whl)
  shopt -u nullglob
  [ "${#wheels[@]}" -eq 1 ] || { echo "expected one abi3 wheel in dist/py, found: $(ls dist/py)" >&2; exit 1; }
  log "installing ${wheels[0]}"
  "$VPY" -m pip install -q --disable-pip-version-check --force-reinstall "${wheels[0]}"
}
build_and_install_wheel

if [ "$UPDATE_GENERATED" = 1 ]; then
  # Both files ship in the wheel: rewrite them in the source tree, then build and install again.
  log "rewriting python/agora_token/_services.py and the service classes in _native.pyi"
  (cd "$VENV_DIR" && "$VPY" - "$ROOT/python/agora_token" <<'PY'
import importlib.util, pathlib, sys
# The extension alone, not the package: its __init__ imports the file being rewritten.
location = next(pathlib.Path(importlib.util.find_spec("agora_token").submodule_search_locations[0]).glob("_native.*.so"))
spec = importlib.util.spec_from_file_location("agora_token._native", location)
_native = importlib.util.module_from_spec(spec)
spec.loader.exec_module(_native)
package = pathlib.Path(sys.argv[1])
(package / "_services.py").write_text(_native._services_module(), encoding="utf-8")
stub = package / "_native.pyi"
text = stub.read_text(encoding="utf-8")
generated = _native._service_stubs()
begin, end = generated.splitlines(keepends=True)[0], generated.splitlines(keepends=True)[-1]
if text.count(begin) != 1 or text.count(end) != 1:
    sys.exit(f"{stub}: expected one {begin.strip()!r} and one {end.strip()!r} line")
start, stop = text.index(begin), text.index(end) + len(end)
stub.write_text(text[:start] + generated + text[stop:], encoding="utf-8")
PY
  )
  build_and_install_wheel
fi

# Run the tools from inside the virtualenv directory: `python -m` puts the working directory on
# sys.path, and there must be no agora_token/ folder there.
log "link check: the extension must not need libz or libpython"
EXT="$(cd "$VENV_DIR" && "$VPY" -c 'import agora_token._native as m; print(m.__file__)')"
case "$EXT" in "$VENV_DIR"/*) ;; *) echo "agora_token imported from $EXT, not from the virtualenv" >&2; exit 1 ;; esac
needed="$(readelf -d "$EXT" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')"
echo "NEEDED: $(echo $needed)"
if echo "$needed" | grep -Eq 'libz\.|libpython'; then
  echo "the extension links libz or libpython: $needed" >&2
  exit 1
fi
if ldd "$EXT" | grep -Eq 'libz\.so|libpython'; then
  ldd "$EXT" >&2
  echo "ldd resolves libz or libpython for the extension" >&2
  exit 1
fi

log "mypy.stubtest agora_token._native"
(cd "$VENV_DIR" && "$VPY" -m mypy.stubtest agora_token._native)
log "mypy --strict on the installed package (the stubs as users' type checkers see them)"
(cd "$VENV_DIR" && "$VPY" -m mypy --strict --no-error-summary -p agora_token && echo "mypy: no issues")

log "pytest"
(cd "$VENV_DIR" && "$VENV_DIR/bin/pytest" -q -c "$ROOT/python/pyproject.toml" --rootdir "$ROOT/python" "$ROOT/python/tests")
