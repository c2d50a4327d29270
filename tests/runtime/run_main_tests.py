#!/usr/bin/env python3
"""run_main_tests.py - runs the fake programs (fake_prog.c linked with
the WASI shim's wasi-libc-shim/main.c) and checks the entry point's
contract: exit status and exactly what goes to stderr.

usage: run_main_tests.py START MAIN IMPORT NOENTRY STARTFN
(the paths of the fake programs built with each FAKE_PROG)."""
import os
import shlex
import subprocess
import sys

TRAP = 134


def cases(start, main, imp, noentry, startfn):
    yield "start ok", start, {}, 0, ""
    # The fakes are C: their frames have no offsets (no line table).
    yield "start trap named", start, {"FAKE_MODE": "trap"}, TRAP, \
        "wasm trap: unreachable in function do_trap\n" \
        "wasm backtrace:\n    0:        ? do_trap\n    1:        ? _start\n"
    yield "start trap unnamed", start, {"FAKE_MODE": "unnamed"}, TRAP, \
        "wasm trap: integer divide by zero in function #2\n" \
        "wasm backtrace:\n    0:        ? #2\n    1:        ? _start\n"
    yield "start out of bounds", start, {"FAKE_MODE": "oob"}, TRAP, \
        "wasm trap: out of bounds memory access in function _start\n" \
        "wasm backtrace:\n    0:        ? _start\n"
    yield "start exit", start, {"FAKE_MODE": "exit"}, 7, ""
    yield "sigpipe ignored", start, {"FAKE_MODE": "sigpipe"}, 8, ""
    yield "main result", main, {}, 3, ""
    yield "unknown import", imp, {}, 1, \
        "wasm2native: error: unknown import: env.missing\n"
    yield "no entry", noentry, {}, 1, \
        "wasm2native: error: no _start or main export\n"
    yield "start function trap", startfn, {}, TRAP, \
        "wasm trap: unreachable in function do_trap\n" \
        "wasm backtrace:\n    0:        ? do_trap\n"


def main():
    passed = failed = 0
    for name, prog, env, status, stderr in cases(*sys.argv[1:6]):
        # Cross builds run target programs through meson's exe wrapper.
        wrapper = shlex.split(os.environ.get("MESON_EXE_WRAPPER", ""))
        run = subprocess.run(wrapper + [prog, "arg1"],
                             env={**os.environ, **env},
                             capture_output=True, text=True, timeout=60)
        if run.returncode == status and run.stderr == stderr:
            passed += 1
            continue
        failed += 1
        print(f"{name}: got status {run.returncode} stderr {run.stderr!r}, "
              f"want {status} {stderr!r}", file=sys.stderr)
    print(f"rt-main: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
