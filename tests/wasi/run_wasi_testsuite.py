#!/usr/bin/env python3
"""Run the official WASI preview1 testsuite through wasm2native.

Follows wasi-testsuite/doc/specification.md: every *.wasm under
tests/*/testsuite/wasm32-wasip1/ is a test case with an optional .json
specification (legacy: args, env, root, exit_code, stdout, stderr; or
`operations`: run, wait, read).  Each suite folder is copied into the work
directory first (the shared copy is read-only and tests write into their
root), *.cleanup files are removed, each module is compiled once with
wasm2native, then run with exactly the spec's arguments and environment and
`root` preopened as `/`.

Prints each failure with its reason and `wasi[TARGET]: P passed, F failed`
(a test that cannot run counts as failed).  Exits 1 on any failure.
"""

import argparse
import concurrent.futures
import json
import os
import pathlib
import shlex
import shutil
import subprocess
import sys

TIMEOUT = 60


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--wasm2native", required=True)
    p.add_argument("--suite", required=True, type=pathlib.Path,
                   help="wasi-testsuite/tests")
    p.add_argument("--work", required=True, type=pathlib.Path)
    p.add_argument("--target", default="x86_64-linux-gnu")
    p.add_argument("--bounds", default=None)
    p.add_argument("--wrapper", default="",
                   help="command prefix to run target programs (qemu)")
    p.add_argument("--label", default="x86_64")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--only")
    p.add_argument("--languages",
                   help="comma-separated subset of c,rust,assemblyscript")
    return p.parse_args()


def copy_suites(src, work):
    """Fresh copies of every wasm32-wasip1 folder; returns them."""
    dirs = []
    for d in sorted(src.glob("*/testsuite/wasm32-wasip1")):
        dest = work / "suites" / d.parent.parent.name
        if dest.exists():
            shutil.rmtree(dest, onerror=lambda f, p, e: (
                os.chmod(p, 0o700), f(p)))
        shutil.copytree(d, dest)
        for path in dest.rglob("*"):
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        for junk in dest.rglob("*.cleanup"):
            if junk.is_dir():
                shutil.rmtree(junk)
            else:
                junk.unlink()
        dirs.append(dest)
    return dirs


def load_spec(wasm):
    """The test's operations, from its .json or the default spec."""
    path = wasm.with_suffix(".json")
    spec = json.loads(path.read_text()) if path.exists() else {}
    if "operations" in spec:
        return spec["operations"]
    ops = [{"type": "run", "args": spec.get("args", []),
            "env": spec.get("env", {}), "root": spec.get("root")},
           {"type": "wait", "exit_code": spec.get("exit_code", 0)}]
    if "stdout" in spec:
        ops.append({"type": "read", "id": "stdout",
                    "payload": spec["stdout"]})
    if "stderr" in spec:
        ops.append({"type": "read", "id": "stderr",
                    "payload": spec["stderr"]})
    return ops


def compile_test(args, wasm):
    exe = wasm.with_suffix(".native")
    cmd = [args.wasm2native, f"--target={args.target}", str(wasm),
           "-o", str(exe)]
    if args.bounds:
        cmd.insert(1, f"--bounds-checks={args.bounds}")
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        return None, f"wasm2native failed: {proc.stderr.strip()}"
    return exe, None


def quote_item(item):
    """Backslash before each blank and backslash (the shim's quoting)."""
    return "".join("\\" + c if c.isspace() or c == "\\" else c
                   for c in item)


def wasi_options(run, wasm):
    """WASM2NATIVE_OPTIONS for the spec's environment and root."""
    items = [f"--env={k}={v}" for k, v in run.get("env", {}).items()]
    if run.get("root"):
        items.append(f"--dir={wasm.parent / run['root']}::/")
    return " ".join(quote_item(i) for i in items)


def check_ops(ops, proc):
    """Compares the run with the wait/read operations; None if it passed."""
    for op in ops:
        kind = op.get("type")
        if kind == "wait":
            want = op.get("exit_code", 0)
            if proc.returncode != want:
                err = proc.stderr.strip().splitlines()[-1:] or [""]
                return f"exit {proc.returncode}, expected {want} {err[0]}"
        elif kind == "read":
            stream = op.get("id", "stdout")
            got = proc.stdout if stream == "stdout" else proc.stderr
            if got != op.get("payload", ""):
                return f"{stream} {got[:200]!r} != {op.get('payload')!r}"
        elif kind != "run":
            return f"operation {kind!r} not supported"
    return None


def run_test(args, wasm):
    ops = load_spec(wasm)
    runs = [op for op in ops if op.get("type") == "run"]
    if len(runs) != 1:
        return f"{len(runs)} run operations"
    exe, failure = compile_test(args, wasm)
    if failure:
        return failure
    run = runs[0]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "WASM2NATIVE_OPTIONS": wasi_options(run, wasm)}
    cmd = shlex.split(args.wrapper) + [str(exe)] + run.get("args", [])
    try:
        proc = subprocess.run(cmd, cwd=wasm.parent, env=env,
                              capture_output=True, text=True,
                              errors="replace", timeout=TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return f"timed out after {TIMEOUT} s"
    return check_ops(ops, proc)


def main():
    args = parse_args()
    tests = []
    for d in copy_suites(args.suite, args.work):
        if args.languages and d.name not in args.languages.split(","):
            continue
        tests += sorted(d.glob("*.wasm"))
    if args.only:
        tests = [t for t in tests if t.stem == args.only]
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda t: run_test(args, t), tests))
    failed = 0
    for test, failure in zip(tests, results):
        if failure:
            failed += 1
            print(f"FAIL {test.parent.name}/{test.name}: {failure}")
    passed = len(tests) - failed
    print(f"wasi[{args.label}]: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
