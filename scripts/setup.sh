#!/bin/sh
# Installs every Debian 12 package wasm2native needs (as root, or through
# sudo), then configures and builds the project in ./build.
# Usage: scripts/setup.sh            (install + build)
#        W2N_SKIP_INSTALL=1 scripts/setup.sh   (build only)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)

packages="build-essential pkg-config python3 meson ninja-build file
  llvm-19-dev clang-19 lld-19 libclang-rt-19-dev libclang-rt-19-dev-wasm32
  libc++abi-19-dev-wasm32
  wasi-libc wabt libelf-dev zlib1g-dev libzstd-dev libedit-dev libxml2-dev
  libffi-dev libncurses-dev qemu-user
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  gcc-riscv64-linux-gnu libc6-dev-riscv64-cross
  gcc-arm-linux-gnueabihf libc6-dev-armhf-cross
  hyperfine nodejs csmith libcsmith-dev creduce clang-format-19
  gcc-i686-linux-gnu libc6-dev-i386-cross"

missing_packages() {
  for p in $packages; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
      grep -q 'install ok installed' || echo "$p"
  done
}

if [ "${W2N_SKIP_INSTALL:-0}" != 1 ]; then
  missing=$(missing_packages)
  if [ -n "$missing" ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q
    # shellcheck disable=SC2086
    $sudo apt-get install -y -q --no-install-recommends $missing
  fi
fi

cd "$top"
if [ ! -f build/build.ninja ]; then
  meson setup build --native-file scripts/llvm19.ini
fi
ninja -C build

# The runtime, WASI shim and embedding library for every other target
# of runtime/targets.def, with their cross compilers (what
# --target=TRIPLE links against), and their tests (compiled by
# build/wasm2native, run under qemu-user).  The cross files are made
# from the same table.
targets="python3 scripts/targets.py runtime/targets.def"
case "$(uname -m)" in armv*) this=arm ;; *) this=$(uname -m) ;; esac
$targets list | while read -r triple qemu bits bounds cc family; do
  [ "$family" != "$this" ] || continue  # this machine: build/
  dir=build-cross/$triple
  mkdir -p "$dir"
  $targets cross-file "$triple" > "$dir/cross.ini.new"
  if ! cmp -s "$dir/cross.ini.new" "$dir/cross.ini"; then
    mv "$dir/cross.ini.new" "$dir/cross.ini"
  else
    rm "$dir/cross.ini.new"
  fi
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" --cross-file "$dir/cross.ini"
  elif ! meson introspect "$dir" --buildoptions | grep -q "\"$triple\""; then
    # configured before the cross file named the target
    meson configure "$dir" -Druntime_only=true -Dtarget="$triple"
  fi
  ninja -C "$dir"
done
