#!/usr/bin/env python3
"""`wasm2native --inspect` on each kind of output (suite 'embed').

Checks the module note of a plugin, a plugin for another target (when
one was built), an object and an executable: kind, descriptor symbol,
compiler version, target, bounds, interruptibility (none; epoch for a
plugin compiled --interruptible=epoch), the SHA-256 of the input and the
imports and exports with their types; and that a file without a note
and a file that is not ELF get exit status 1 and one line on stderr.
Prints `embed-inspect: P passed, F failed`.
"""

import argparse
import hashlib
import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from tally import Tally  # noqa: E402

THREADS_ITEMS = [
    'import "env" "scale" (func (param i32) (result i32))',
    'export "memory" (memory 1)',
    'export "sum" (func (param i32) (result i64))',
    'export "div" (func (param i32 i32) (result i32))',
    'export "bump" (func (result i32))',
]

tally = Tally()


def check(ok, what):
    tally.check(what, ok)


def inspect(wasm2native, path):
    proc = subprocess.run([wasm2native, "--inspect", path],
                          capture_output=True, text=True)
    return proc.returncode, proc.stdout, proc.stderr


def check_module(args, path, kind, symbol, target, bounds, items):
    rc, out, err = inspect(args.wasm2native, path)
    check(rc == 0 and err == "", f"{path}: exit {rc}, stderr {err!r}")
    lines = [line.strip() for line in out.splitlines()]
    want = [f"{path}: {kind}, 1 wasm2native module",
            f"module {symbol}",
            f"compiler wasm2native {args.version}",
            f"abi      {args.abi}",
            f"target   {target}",
            f"bounds   {bounds}",
            "interruptible none",
            f"sha256   {args.sha256}"] + items
    for line in want:
        check(line.strip() in lines, f"{path}: no line {line!r} in {out!r}")


def check_interruptible(args, path, mode):
    rc, out, err = inspect(args.wasm2native, path)
    check(rc == 0 and f"interruptible {mode}" in
          [line.strip() for line in out.splitlines()],
          f"{path}: no line 'interruptible {mode}' in {out!r}")


def check_tags(args, path):
    """Tags appear with their parameters (exceptions.wat)."""
    rc, out, err = inspect(args.wasm2native, path)
    for item in ('import "host" "tag" (tag (param i32 f64))',
                 'export "e" (tag (param i32 i64))',
                 'export "empty" (tag)'):
        check(f"  {item}\n" in out, f"tags: {item} in {out!r}")


def check_refused(args, path, text):
    rc, out, err = inspect(args.wasm2native, path)
    check(rc == 1, f"{path}: exit {rc}, not 1")
    check(out == "", f"{path}: printed {out!r}")
    check(len(err.splitlines()) == 1 and text in err,
          f"{path}: stderr {err!r} is not one line with {text!r}")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--wasm2native", required=True)
    p.add_argument("--wasm", required=True, help="threads.wasm")
    p.add_argument("--bounds", required=True, help="the target's default")
    p.add_argument("--plugin", required=True, help="threads, default bounds")
    p.add_argument("--target", required=True, help="of the files below")
    p.add_argument("--other-plugin", help="threads for another target")
    p.add_argument("--other-target")
    p.add_argument("--object", required=True, help="threads -c --pic")
    p.add_argument("--executable", help="threads, explicit")
    p.add_argument("--epoch-plugin", required=True,
                   help="compiled --interruptible=epoch")
    p.add_argument("--tag-plugin", required=True,
                   help="exceptions.wat: tags imported and exported")
    p.add_argument("--text", required=True)
    p.add_argument("--plain-library", required=True)
    p.add_argument("--rt-header", required=True, help="runtime/w2n_rt.h")
    args = p.parse_args()
    with open(args.rt_header) as f:
        args.abi = re.search(r"#define W2N_RT_ABI_VERSION (\d+)u",
                             f.read())[1]
    with open(args.wasm, "rb") as f:
        args.sha256 = hashlib.sha256(f.read()).hexdigest()
    version = subprocess.run([args.wasm2native, "--version"],
                             capture_output=True, text=True).stdout
    args.version = version.split()[-1]
    check_module(args, args.plugin, "shared library", "w2n_module",
                 args.target, args.bounds, THREADS_ITEMS)
    if args.other_plugin:
        check_module(args, args.other_plugin, "shared library",
                     "w2n_module", args.other_target, "guard",
                     THREADS_ITEMS)
    check_module(args, args.object, "object file", "threads_module",
                 args.target, args.bounds, THREADS_ITEMS)
    if args.executable:
        check_module(args, args.executable, "executable",
                     "w2n_main_module", args.target, "explicit",
                     THREADS_ITEMS)
    check_interruptible(args, args.epoch_plugin, "epoch")
    check_tags(args, args.tag_plugin)
    check_refused(args, args.text, "not an ELF file")
    check_refused(args, args.plain_library, "no wasm2native note")
    check_refused(args, "/nonexistent/file.so", "No such file")
    return tally.report("embed-inspect")


if __name__ == "__main__":
    sys.exit(main())
