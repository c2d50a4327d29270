#!/usr/bin/env python3
"""The relaxed SIMD results of one target: every export of relaxed.wasm
(built from relaxed.wat by a wat2wasm that reads Wasm 3.0 text, as the
one in ../shared/wabt) compiled with `--invoke NAME` for the target at
-O0 and -O2, run (under --wrapper, e.g. qemu-user, for another target)
for i64 lanes 0 and 1, and compared with the target's column of
expected.txt.  Prints `relaxed[TRIPLE]: P passed, F failed`; exits 1 on
any failure.  extended_const.wasm (--name extended-const) goes the
same way."""

import argparse
import pathlib
import shlex
import subprocess
import sys


def expected(path, triple):
    """{export: (lane0, lane1)} for `triple` from expected.txt."""
    lines = [ln.split() for ln in open(path, encoding="utf-8")
             if ln.strip()]
    header = next(ln for ln in lines if ln[:2] == ["#", "export"])
    column = header.index(triple) - 1
    return {ln[0]: tuple(int(x, 16) for x in ln[column].split(":"))
            for ln in lines if ln[0] != "#"}


def run_case(args, work, name, opt, lanes):
    """None when export `name` at -O`opt` gives `lanes`, else why."""
    exe = work / f"{name}-O{opt}"
    cmd = [args.wasm2native, f"-O{opt}", "--invoke", name, args.wasm,
           "-o", exe] + (["--target", args.target] if args.target else [])
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode:
        return f"compile failed: {r.stderr.strip()}"
    for lane, want in enumerate(lanes):
        r = subprocess.run(shlex.split(args.wrapper) + [exe, str(lane)],
                           capture_output=True, text=True)
        got = int(r.stdout.strip() or "0") & (2**64 - 1)
        if r.returncode or got != want:
            return f"lane {lane}: expected {want:x}, got {got:x}"
    return None


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--wasm2native", required=True)
    p.add_argument("--wasm", required=True)
    p.add_argument("--expected", required=True)
    p.add_argument("--work", required=True, type=pathlib.Path)
    p.add_argument("--target", help="target triple (default: this host)")
    p.add_argument("--host", default="x86_64-linux-gnu")
    p.add_argument("--wrapper", default="")
    p.add_argument("--name", default="relaxed")
    args = p.parse_args()
    triple = args.target or args.host
    args.work.mkdir(parents=True, exist_ok=True)
    passed = failed = 0
    for name, lanes in expected(args.expected, triple).items():
        for opt in (0, 2):
            why = run_case(args, args.work, name, opt, lanes)
            if why:
                print(f"FAIL {name} -O{opt}: {why}")
                failed += 1
            else:
                passed += 1
    print(f"{args.name}[{triple}]: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
