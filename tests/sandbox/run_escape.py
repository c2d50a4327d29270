#!/usr/bin/env python3
"""Sandbox escape tests: escape.c, compiled to wasm32-wasi and by
wasm2native under each bounds-check strategy, runs with one preopened
directory full of symlinks that point outside it.  Every attempt must be
refused, nothing may appear outside, and the program must still work
inside.  Prints `sandbox: P passed, F failed`."""

import os
import pathlib
import subprocess
import sys
import tempfile


def prepare(root):
    """root/box is preopened; root/outside.txt is what must stay out."""
    box = root / "box"
    (box / "sub").mkdir(parents=True)
    (root / "outside.txt").write_text("secret\n")
    os.symlink(root / "outside.txt", box / "link-to-outside-file")
    os.symlink("/", box / "link-to-root")
    os.symlink("..", box / "link-to-parent")
    os.symlink("chain2", box / "chain1")
    os.symlink("../", box / "chain2")
    os.symlink("../..", box / "sub" / "link-up-two")
    os.symlink(root / "dangling-target", box / "dangling-outside")
    return box


def run_case(wasm2native, wasm, bounds, work):
    exe = work / f"escape-{bounds}"
    subprocess.run([wasm2native, f"--bounds-checks={bounds}", str(wasm),
                    "-o", str(exe)], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        box = prepare(root)
        env = {"WASM2NATIVE_OPTIONS": f"--dir={box}::/sandbox"}
        proc = subprocess.run([str(exe)], env=env, capture_output=True,
                              text=True, timeout=60)
        leaked = sorted(p.name for p in root.iterdir()
                        if p.name not in ("box", "outside.txt"))
        problems = []
        if proc.returncode != 0 or "ESCAPED" in proc.stdout:
            problems.append("an attempt escaped")
        if "FAILED" in proc.stdout or "ok" not in proc.stdout:
            problems.append("the sandbox itself does not work")
        if leaked:
            problems.append(f"files appeared outside: {leaked}")
        if (root / "outside.txt").read_text() != "secret\n":
            problems.append("outside.txt changed")
        return problems, proc.stdout + proc.stderr


def main():
    wasm2native, clang, src, work = sys.argv[1:5]
    work = pathlib.Path(work)
    work.mkdir(parents=True, exist_ok=True)
    wasm = work / "escape.wasm"
    subprocess.run([clang, "--target=wasm32-wasi", "--sysroot=/usr", "-O2",
                    src, "-o", str(wasm)], check=True)
    passed = failed = 0
    for bounds in ("guard", "explicit"):
        problems, output = run_case(wasm2native, wasm, bounds, work)
        if problems:
            failed += 1
            print(f"FAIL {bounds}: {'; '.join(problems)}\n{output}")
        else:
            passed += 1
    print(f"sandbox: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
