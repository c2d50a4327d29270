#!/bin/sh
# Differential testing beyond CI's seeds: N more csmith programs (seeds
# after the range `meson test --suite difftest` runs), each built natively
# and through wasm2native under {guard, explicit} x {-O0, -O2}.
# Usage: scripts/difftest.sh N [FIRST_SEED]   (default FIRST_SEED: 121)
# Mismatches are printed with a reproducing command; minimise one with
# creduce (tests/difftest/README.md) and add it to tests/difftest/regress.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:?usage: scripts/difftest.sh N [FIRST_SEED]}
first=${2:-121}
exec python3 "$top/tests/difftest/difftest.py" \
	--wasm2native "$top/build/wasm2native" \
	--work "${TMPDIR:-/tmp}/wasm2native-difftest" \
	--seeds "$first-$((first + n - 1))" -j "$(nproc)"
