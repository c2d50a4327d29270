#!/usr/bin/env python3
"""run_idiom.py - the C library's string routines run by the runtime.

string_routines.wasm (string_routines.c, built against wasi-libc, so with
musl's strlen, strcmp, ... in the module) is compiled by wasm2native for
each bounds strategy twice: by default, where those functions are calls
of the runtime's routines (codegen/cg_idiom.c, runtime/strings.c), and
with --keep-memory-routines, where the module's own code runs.  Checks:

- the default build's function of each routine calls the runtime's, the
  kept build's does not (LLVM IR with -g);
- without arguments both print the same hash of every routine's exact
  results on random operands;
- for each edge case K (operands that end at the end of memory) both
  print the same, exit alike, and trap with the same message.

With --target and --wrapper the programs are built for another target
and run under qemu-user.  The last line is `LABEL: P passed, F failed`.
"""
import argparse
import shlex
import subprocess
import sys

import os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                ".."))
import tally  # noqa: E402

ROUTINES = {"strlen": "w2n_rt_strlen", "strnlen": "w2n_rt_strnlen",
            "memchr": "w2n_rt_memchr", "strchr": "w2n_rt_strchr",
            "__strchrnul": "w2n_rt_strchrnul", "memcmp": "w2n_rt_memcmp",
            "bcmp": "w2n_rt_memcmp", "strcmp": "w2n_rt_strcmp",
            "strncmp": "w2n_rt_strncmp", "strstr": "w2n_rt_strstr"}
EDGE_CASES = 24
RUN_TIMEOUT = 120
t = tally.Tally()


def function_ir(ir, name):
    """The LLVM IR text of the function of Wasm name `name`, or ''."""
    start = ir.find(f"@{name}.wasm(")
    return ir[start:ir.find("\n}\n", start)] if start >= 0 else ""


def compile_(args, *flags):
    cmd = [args.wasm2native, *args.target_flags, *flags]
    return subprocess.run(cmd, capture_output=True, text=True)


def run(args, exe, *argv):
    cmd = shlex.split(args.wrapper or "") + [exe, *argv]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True,
                           timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        return ("timeout", "", -1)
    # The trap's text, without where (the two builds trap in different
    # instructions: the runtime's routine, the module's loop).
    trap = p.stderr.splitlines()[0].split(" in function")[0] \
        if p.stderr else ""
    return (p.stdout, trap, p.returncode)


def routed(args, bounds):
    for kept in (False, True):
        flags = ["--keep-memory-routines"] if kept else []
        p = compile_(args, "-g", "--emit-llvm", f"--bounds-checks={bounds}",
                     *flags, args.wasm, "-o", "-")
        if not t.check(f"{args.label} {bounds} IR {flags}", p.returncode == 0,
                       p.stderr):
            continue
        for name, helper in ROUTINES.items():
            body = function_ir(p.stdout, name)
            t.check(f"{args.label} {bounds} {name} {flags}",
                    body and (helper in body) != kept,
                    f"calls {helper}: {helper in body}" if body
                    else "no such function")


def behaves_alike(args, bounds):
    exes = []
    for flags in ([], ["--keep-memory-routines"]):
        exe = f"{args.work}/strings-{bounds}{'-kept' if flags else ''}"
        p = compile_(args, f"--bounds-checks={bounds}", *flags, args.wasm,
                     "-o", exe)
        if not t.check(f"{args.label} {bounds} compile {flags}",
                       p.returncode == 0, p.stderr):
            return
        exes.append(exe)
    runs = [run(args, exe) for exe in exes]
    t.check(f"{args.label} {bounds} random operands",
            runs[0] == runs[1] and runs[0][2] == 0 and
            len(runs[0][0].splitlines()) == len(ROUTINES),
            f"runtime {runs[0]} / module {runs[1]}")
    traps = 0
    for k in range(EDGE_CASES):
        a, b = (run(args, exe, str(k)) for exe in exes)
        traps += a[1] == "wasm trap: out of bounds memory access"
        t.check(f"{args.label} {bounds} edge case {k}",
                a == b and (a[2] == 0 or a[1]), f"runtime {a} / module {b}")
    # The cases are half traps: a build that never traps would not pass.
    t.check(f"{args.label} {bounds} edge cases trap", traps >= 10,
            f"{traps} traps")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wasm2native", required=True)
    ap.add_argument("--wasm", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--target")
    ap.add_argument("--wrapper")
    ap.add_argument("--bounds", default="guard,explicit")
    ap.add_argument("--label", default="idiom")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    args.target_flags = [f"--target={args.target}"] if args.target else []
    for bounds in args.bounds.split(","):
        routed(args, bounds)
        behaves_alike(args, bounds)
    return t.report(args.label)


if __name__ == "__main__":
    sys.exit(main())
