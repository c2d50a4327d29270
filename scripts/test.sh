#!/bin/sh
# Install what is missing, build, and run every test suite (meson test).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/setup.sh"
cd "$top"
meson test -C build --print-errorlogs "$@"
