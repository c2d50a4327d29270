#!/usr/bin/env python3
"""A C program that wasm2native's authors did not write: zlib's
examples/enough.c as Debian's zlib1g-dev ships it (counting Huffman codes;
64-bit arithmetic, recursion, malloc).  Built natively and to wasm32-wasi
with clang-19 -O2, the wasm then by wasm2native under each bounds-check
strategy; stdout and exit status must be identical.
Prints `foreign: P passed, F failed`; a missing source (scripts/setup.sh
installs zlib1g-dev) is a failure."""

import pathlib
import subprocess
import sys

SOURCE = pathlib.Path("/usr/share/doc/zlib1g-dev/examples/enough.c")
ARGS = [["286", "9", "13"], ["30", "5", "15"]]


def main():
    w2n, clang, work = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
    if not SOURCE.exists():
        print(f"foreign: 0 passed, 1 failed: {SOURCE} not installed "
              "(Debian package zlib1g-dev)")
        return 1
    work.mkdir(parents=True, exist_ok=True)
    native, wasm = work / "enough-native", work / "enough.wasm"
    subprocess.run([clang, "-O2", str(SOURCE), "-o", str(native)],
                   check=True)
    subprocess.run([clang, "--target=wasm32-wasi", "--sysroot=/usr", "-O2",
                    str(SOURCE), "-o", str(wasm)], check=True)
    passed = failed = 0
    for bounds in ("guard", "explicit"):
        exe = work / f"enough-{bounds}"
        subprocess.run([w2n, f"--bounds-checks={bounds}", str(wasm), "-o",
                        str(exe)], check=True)
        for args in ARGS:
            want = subprocess.run([str(native)] + args, capture_output=True,
                                  text=True)
            got = subprocess.run([str(exe)] + args, capture_output=True,
                                 text=True)
            if (got.stdout, got.returncode) == (want.stdout, want.returncode):
                passed += 1
            else:
                failed += 1
                print(f"FAIL {bounds} {' '.join(args)}: status "
                      f"{got.returncode} vs {want.returncode}, "
                      f"{len(got.stdout)} vs {len(want.stdout)} bytes")
    print(f"foreign: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
