#!/bin/sh
# The main job, from a fresh Debian 12 machine: install what is missing,
# build wasm2native, build the bundled example to WebAssembly and run it
# natively through wasm2native.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/setup.sh"
cd "$top"
mkdir -p build/examples
clang-19 --target=wasm32-wasi --sysroot=/usr -O2 examples/hello.c \
	-o build/examples/hello.wasm
echo "== wasm2native build/examples/hello.wasm -o build/examples/hello"
build/wasm2native build/examples/hello.wasm -o build/examples/hello
echo "== build/examples/hello one two"
build/examples/hello one two
