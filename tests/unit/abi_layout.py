#!/usr/bin/env python3
"""The codegen/runtime ABI on every target (suite 'unit', test abi-layout).

For each row of runtime/targets.def: the runtime structs of abi.def as
codegen lays them out for the target (abi_layout_llvm TRIPLE) must equal,
line for line, what the target's C compiler makes of w2n_rt.h
(abi_layout_c.c, built with the row's C compiler and run on the target,
under qemu-user elsewhere).  Prints `abi-layout: P passed, F failed`.
"""
import argparse
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] /
                       "scripts"))
import targets  # noqa: E402


def run(argv):
    p = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: exit {p.returncode}\n"
                           f"{p.stderr}")
    return p.stdout.splitlines()


def c_layout(row, args, host):
    exe = args.work / f"abi_layout_{row['triple']}"
    run([row["cc"], "-std=c17", "-O0", "-I", str(args.runtime),
         str(args.source), "-o", str(exe)])
    if row["triple"] == host:
        return run([str(exe)])
    return run([row["qemu"], "-L", f"/usr/{row['triple']}", str(exe)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--llvm", required=True, help="abi_layout_llvm")
    ap.add_argument("--source", type=pathlib.Path, required=True,
                    help="abi_layout_c.c")
    ap.add_argument("--runtime", type=pathlib.Path, required=True,
                    help="the runtime/ folder (w2n_rt.h, abi.def)")
    ap.add_argument("--targets", required=True, help="runtime/targets.def")
    ap.add_argument("--host", required=True, help="this machine's triple")
    ap.add_argument("--work", type=pathlib.Path, required=True)
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    passed = failed = 0
    for row in targets.rows(args.targets):
        try:
            llvm = run([args.llvm, row["triple"]])
            c = c_layout(row, args, args.host)
        except (RuntimeError, OSError) as e:
            print(f"FAIL {row['triple']}: {e}")
            failed += 1
            continue
        diff = [f"  llvm: {a!r}\n  C:    {b!r}"
                for a, b in zip(llvm, c) if a != b]
        if len(llvm) != len(c) or diff or not llvm:
            print(f"FAIL {row['triple']}: {len(llvm)} lines from LLVM, "
                  f"{len(c)} from C")
            print("\n".join(diff[:10]))
            failed += 1
        else:
            print(f"ok {row['triple']}: {len(c)} sizes and offsets agree")
            passed += 1
    print(f"abi-layout: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
