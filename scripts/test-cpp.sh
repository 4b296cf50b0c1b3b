#!/usr/bin/env bash
# C++ (bindings/cpp): the GoogleTest tests (shared vectors, drop-in classes, idiomatic API)
# built with AddressSanitizer, LeakSanitizer and UBSan through the CMake project, the README
# sample, and a consumer project that finds the package with find_package(agora_token) in a
# `cmake --install` prefix and links it statically and dynamically.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

missing=()
command -v cmake >/dev/null || missing+=(cmake)
command -v g++ >/dev/null || missing+=(g++)
command -v python3 >/dev/null || missing+=(python3)
[ -f /usr/include/gtest/gtest.h ] || missing+=(libgtest-dev)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

OUT="$CARGO_TARGET_DIR/agora-token-cpp"
rm -rf "$OUT/prefix" "$OUT/consumer"

# The dev profile: the C suite already built it, so cargo has nothing to do.
log "CMake build (GoogleTest tests with ASan + LSan + UBSan)"
cmake -S bindings/cpp -B "$OUT/build" -DAGORA_TOKEN_BUILD_TESTS=ON -DAGORA_TOKEN_CARGO_PROFILE=dev \
  -DAGORA_TOKEN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$OUT/build" -j "$CARGO_BUILD_JOBS"

log "ctest"
(cd "$OUT/build" && ctest --output-on-failure -j "$CARGO_BUILD_JOBS")

expect_token() {
  case "$2" in
    007*) echo "$1 printed a 007 token" ;;
    *) echo "$1 printed '$2', not a 007 token" >&2; exit 1 ;;
  esac
}
expect_token "the README sample" "$("$OUT/build/sample")"

log "find_package(agora_token) from a cmake --install prefix"
cmake --install "$OUT/build" --prefix "$OUT/prefix" >/dev/null
cmake -S bindings/cpp/tests/consumer -B "$OUT/consumer" -DCMAKE_PREFIX_PATH="$OUT/prefix" >/dev/null
cmake --build "$OUT/consumer" -j "$CARGO_BUILD_JOBS" >/dev/null
expect_token "the consumer (static library)" "$("$OUT/consumer/consumer_static")"
expect_token "the consumer (shared library)" "$(LD_LIBRARY_PATH="$OUT/prefix/lib" "$OUT/consumer/consumer_shared")"
