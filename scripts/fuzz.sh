#!/bin/sh
# Builds the frontend fuzz target with libFuzzer, ASan and UBSan into
# build-fuzz/ (outside meson, whose compiler is gcc) and runs it.
#
# Usage: scripts/fuzz.sh [SECONDS] [extra libFuzzer options...]
#   SECONDS defaults to 600.  The corpus lives in build-fuzz/corpus and is
#   seeded from the spec testsuite's modules (build-fuzz/seeds, made with
#   wast2json when missing) and from tests/fuzz/regressions.  Findings go
#   to build-fuzz/artifacts/.  One worker only: the machine is small.
# Usage: scripts/fuzz.sh minimize ARTIFACT NAME
#   shrinks a crashing input (-minimize_crash) into
#   tests/fuzz/regressions/NAME.wasm, which the meson suite 'fuzz' runs.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/build-fuzz"
cc="${CC_FUZZ:-clang-19}"

mkdir -p "$out/corpus" "$out/seeds" "$out/artifacts"

# 1. The target: every frontend source plus the fuzz entry point.
build_target() {
  # shellcheck disable=SC2046
  "$cc" -std=c17 -D_GNU_SOURCE -g -O1 \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$top/frontend" -o "$out/fuzz_frontend" \
    "$top/tests/fuzz/fuzz_frontend.c" $(ls "$top"/frontend/*.c)
}

# 2. Seeds: the testsuite's modules, converted once.  Reuses modules that
#    a spec run or an earlier conversion left behind.
make_seeds() {
  [ -n "$(ls "$out/seeds" 2>/dev/null)" ] && return 0
  for f in "$top"/build/tests/spec/*/*.wasm /tmp/spec/*/*.wasm; do
    [ -f "$f" ] || continue
    cp "$f" "$out/seeds/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  [ -n "$(ls "$out/seeds" 2>/dev/null)" ] && return 0
  suite="$top/../shared/testsuite"
  tmp="$out/wast2json.tmp"
  for w in "$suite"/*.wast; do
    [ -f "$w" ] || continue
    name=$(basename "$w" .wast)
    rm -rf "$tmp" && mkdir -p "$tmp"
    wast2json --enable-all -o "$tmp/$name.json" "$w" >/dev/null 2>&1 ||
      continue
    for m in "$tmp"/*.wasm; do
      [ -f "$m" ] && cp "$m" "$out/seeds/$name-$(basename "$m")"
    done
  done
  rm -rf "$tmp"
}

build_target
if [ "${1:-}" = minimize ]; then
  [ $# -eq 3 ] || { echo "usage: $0 minimize ARTIFACT NAME" >&2; exit 2; }
  exec "$out/fuzz_frontend" -minimize_crash=1 -runs=100000 -timeout=10 \
    -rss_limit_mb=2048 \
    -exact_artifact_path="$top/tests/fuzz/regressions/$3.wasm" "$2"
fi
seconds="${1:-600}"
[ $# -gt 0 ] && shift
make_seeds
echo "fuzz.sh: $(ls "$out/seeds" | wc -l) seeds, running ${seconds}s"
exec "$out/fuzz_frontend" \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$out/artifacts/" "$@" \
  "$out/corpus" "$out/seeds" "$top/tests/fuzz/regressions"
