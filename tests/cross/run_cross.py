#!/usr/bin/env python3
"""Cross targets under qemu-user, the fixed subset CI runs per target:
the runtime and WASI shim unit tests of build-cross/TRIPLE, the bundled
example and every trap kind compiled for the target under each bounds
strategy it supports (output compared with the x86-64 build), and the C
tests of the official WASI testsuite.  The full WASI testsuite per target
is one command: run_wasi_testsuite.py --target TRIPLE --wrapper 'qemu-...'.
Prints `cross[TARGET]: P passed, F failed` per target."""

import argparse
import pathlib
import shlex
import subprocess
import sys

TARGETS = {
    "aarch64-linux-gnu": ("qemu-aarch64", ["guard", "explicit"]),
    "riscv64-linux-gnu": ("qemu-riscv64", ["guard", "explicit"]),
    "arm-linux-gnueabihf": ("qemu-arm", ["explicit"]),
}
# The unit tests of a cross build left out, with the reason: (targets,
# test) -> why.  Each is also printed with every run.
EXCLUDED = {
    ("*", "wasi-poll"): "qemu-user blocks in accept4 on a listening socket "
                       "set non-blocking through a duplicate fd (not seen "
                       "natively; the test passes on x86-64)",
}
# The runtime's unit tests build guard-page memories, which need a 64-bit
# address space; compiled programs on 32-bit ARM use explicit checks and
# are tested below.
for _name in ("rt-main", "rt-memory", "rt-trap", "rt-instance"):
    EXCLUDED[("arm-linux-gnueabihf", _name)] = (
        "written for 64-bit hosts: creates guard-page memories, which "
        "32-bit ARM cannot reserve (its programs use explicit checks)")


def excluded(triple, name):
    return ("*", name) in EXCLUDED or (triple, name) in EXCLUDED
TRAPS = [([], 0, ""),
         (["a"], 134, "wasm trap: integer divide by zero"),
         (["a", "b"], 134, "wasm trap: call stack exhausted"),
         (["a", "b", "c"], 134, "wasm trap: out of bounds memory access")]


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True,
                          errors="replace", timeout=600, **kw)


class Tally:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, what, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {what}: {detail}")


def unit_tests(t, triple, cross_root):
    build = cross_root / triple
    p = run(["ninja", "-C", str(build)])  # the runtime of this source
    t.check(f"{triple} runtime build", p.returncode == 0, p.stdout[-2000:])
    listing = run(["meson", "test", "-C", str(build), "--list"]).stdout
    names = [line.split(" / ")[-1].strip() for line in listing.splitlines()
             if " / " in line]
    keep = [n for n in names if not excluded(triple, n)]
    p = run(["meson", "test", "-C", str(build), "--no-rebuild"] + keep)
    t.check(f"{triple} unit tests ({len(keep)} of {len(names)})",
            p.returncode == 0, p.stdout[-2000:])


def examples(t, args, triple, qemu, strategies, work):
    wrapper = [qemu, "-L", f"/usr/{triple}"]
    native = run([str(args.hello_x86)] + ["one", "two"]).stdout
    for bounds in strategies:
        for name, wasm in (("hello", args.hello_wasm),
                           ("traps", args.traps_wasm)):
            exe = work / f"{name}-{triple}-{bounds}"
            p = run([args.wasm2native, f"--target={triple}",
                     f"--bounds-checks={bounds}", str(wasm), "-o", str(exe)])
            t.check(f"{triple} {bounds} compile {name}", p.returncode == 0,
                    p.stderr)
        out = run(wrapper + [str(work / f"hello-{triple}-{bounds}"), "one",
                             "two"])
        t.check(f"{triple} {bounds} hello", out.stdout == native,
                out.stdout + out.stderr)
        for argv, status, stderr in TRAPS:
            out = run(wrapper + [str(work / f"traps-{triple}-{bounds}")] +
                      argv)
            t.check(f"{triple} {bounds} trap {len(argv)}",
                    out.returncode == status and
                    out.stderr.startswith(stderr),
                    f"{out.returncode} {out.stderr!r}")


def wasi_subset(t, args, triple, qemu, work):
    runner = pathlib.Path(__file__).parent.parent / "wasi" / \
        "run_wasi_testsuite.py"
    p = run([sys.executable, str(runner), "--wasm2native", args.wasm2native,
             "--suite", str(args.wasi_suite), "--work",
             str(work / f"wasi-{triple}"), "--target", triple,
             "--wrapper", f"{qemu} -L /usr/{triple}", "--label", triple,
             "--languages", "c"])
    last = (p.stdout.strip().splitlines() or [""])[-1]
    t.check(f"{triple} wasi-testsuite (C tests): {last}", p.returncode == 0,
            p.stdout[-2000:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wasm2native", required=True)
    ap.add_argument("--cross-root", required=True, type=pathlib.Path)
    ap.add_argument("--hello-wasm", required=True, type=pathlib.Path)
    ap.add_argument("--hello-x86", required=True, type=pathlib.Path)
    ap.add_argument("--traps-wasm", required=True, type=pathlib.Path)
    ap.add_argument("--wasi-suite", required=True, type=pathlib.Path)
    ap.add_argument("--work", required=True, type=pathlib.Path)
    ap.add_argument("--target", action="append")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    failed = 0
    for triple in args.target or TARGETS:
        qemu, strategies = TARGETS[triple]
        t = Tally()
        if not (args.cross_root / triple / "build.ninja").exists():
            t.check(f"{triple} runtime", False,
                    f"no {args.cross_root / triple}: run scripts/setup.sh")
        else:
            unit_tests(t, triple, args.cross_root)
            examples(t, args, triple, qemu, strategies, args.work)
            wasi_subset(t, args, triple, qemu, args.work)
        print(f"cross[{triple}]: {t.passed} passed, {t.failed} failed")
        failed += t.failed
    for (where, name), why in EXCLUDED.items():
        print(f"excluded under qemu ({where}): {name}: {why}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
