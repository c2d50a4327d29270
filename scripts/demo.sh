#!/bin/sh
# The main job, from a fresh Debian 12 machine: install what is missing,
# build wasm2native, build the bundled example to WebAssembly and run it
# through the compiler.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/setup.sh"
cd "$top"
mkdir -p build/examples
clang-19 --target=wasm32-wasi --sysroot=/usr -O2 examples/hello.c \
	-o build/examples/hello.wasm
echo "== wasm2native --validate build/examples/hello.wasm"
build/wasm2native --validate build/examples/hello.wasm
echo "valid: $(wc -c < build/examples/hello.wasm) bytes decoded and validated"
echo "(native code generation is the next stage: see README.md, Status)"
