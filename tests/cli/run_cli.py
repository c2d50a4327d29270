#!/usr/bin/env python3
"""The compile step as a build pipeline sees it (suite 'cli'): the same
input and flags give byte-identical output of every kind, wherever it is
written (`-o -`: standard output); -MD/-MF write a Make depfile naming the module and the host
inputs, with blanks, '#' and '$' escaped; a depfile that cannot be
written fails the compile and leaves no output; an installed wasm2native
(meson install of build/ and of every build-cross/TRIPLE into a staging
directory) finds the runtimes installed beside it for every target; a
library module (no _start) is refused as a program with a pointer to
--shared and --invoke, and `run --invoke` calls an export as `wasmtime
run --invoke` does; `run` never serves a program built by another
compiler binary or runtime; `run --timeout` and `run --fuel` end a
program that never ends (docs/interruption.md), and a program not
compiled interruptible refuses WASM2NATIVE_OPTIONS=--timeout.
Prints `cli: P passed, F failed`."""

import argparse
import os
import pathlib
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from tally import Tally  # noqa: E402

tally = Tally()


def check(ok, what):
    tally.check(what, ok)


def compile_(args, *flags):
    return subprocess.run([args.wasm2native, *map(str, flags)],
                          capture_output=True, text=True)


def deterministic(args, work):
    for kind in ([], ["-c"], ["-S"], ["--shared"], ["--emit-llvm"]):
        outs = [work / "a" / "out", work / "b" / "other name"]
        for out in outs:
            out.parent.mkdir(parents=True, exist_ok=True)
            p = compile_(args, *kind, args.wasm, "-o", out)
            check(p.returncode == 0, f"{kind}: {p.stderr}")
        check(outs[0].read_bytes() == outs[1].read_bytes(),
              f"{kind}: two compiles differ")
        p = subprocess.run([args.wasm2native, *kind, str(args.wasm), "-o",
                            "-"], capture_output=True)
        check(p.returncode == 0 and p.stdout == outs[0].read_bytes(),
              f"{kind}: -o - differs from the file")


def depfiles(args, work):
    d = work / "dir with #$ chars"
    d.mkdir(parents=True, exist_ok=True)
    out = d / "prog"
    p = compile_(args, args.wasm, "-o", out, "-MD")
    escaped = str(d).replace("$", "$$").replace(" ", "\\ ") \
        .replace("#", "\\#")
    wasm = str(args.wasm).replace(" ", "\\ ")
    check(p.returncode == 0, f"-MD: {p.stderr}")
    text = pathlib.Path(str(out) + ".d").read_text()
    check(text == f"{escaped}/prog: {wasm}\n", f"-MD wrote {text!r}")
    dep = work / "host.dep"
    p = compile_(args, args.host_wasm, args.host_c, "-o", work / "host",
                 "-MF", dep)
    check(p.returncode == 0, f"-MF: {p.stderr}")
    check(dep.read_text() == f"{work}/host: {args.host_wasm} \\\n"
          f"  {args.host_c}\n", f"-MF wrote {dep.read_text()!r}")
    out = work / "orphan.o"
    p = compile_(args, "-c", args.wasm, "-o", out, "-MF",
                 work / "no" / "such" / "dir.d")
    check(p.returncode == 1 and len(p.stderr.splitlines()) == 1 and
          "cannot write" in p.stderr and not out.exists(),
          f"unwritable depfile: {p.returncode} {p.stderr!r}")


def one_line_error(p, *words):
    return (p.returncode == 1 and len(p.stderr.splitlines()) == 1 and
            all(w in p.stderr for w in words))


def reactor(args, work):
    out = work / "reactor"
    p = compile_(args, args.reactor, "-o", out)
    check(one_line_error(p, "no _start export", "--shared", "--invoke") and
          not out.exists(), f"reactor as a program: {p.stderr!r}")
    p = compile_(args, "--shared", args.reactor, "-o", work / "reactor.so")
    check(p.returncode == 0, f"reactor as a plugin: {p.stderr}")
    p = compile_(args, "-c", "--invoke=add", args.reactor, "-o", out)
    check(one_line_error(p, "--invoke") and not out.exists(),
          f"--invoke with -c: {p.stderr!r}")
    env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache-invoke"))
    cases = [(["add", "40", "2"], 0, "1042\n", ""),
             (["add", "0x7fffffff", "-1"], 0, "-2147482650\n", ""),
             (["wide", "-5", "3"], 0, "-15\n1.5\n0.1\n", ""),
             (["add", "1"], 1, "", "takes 2 arguments"),
             (["add", "1", "x"], 1, "", "'x' is not a i32"),
             (["boom"], 134, "", "wasm trap: integer divide by zero"),
             (["nope"], 1, "", "no exported function nope"),
             (["vec", "0"], 1, "", "only functions of numbers")]
    for argv, status, stdout, stderr in cases:
        p = subprocess.run([args.wasm2native, "run", "--invoke", argv[0],
                            str(args.reactor)] + argv[1:],
                           capture_output=True, text=True, env=env)
        check(p.returncode == status and p.stdout == stdout and
              stderr in p.stderr,
              f"run --invoke {argv}: {p.returncode} {p.stdout!r} "
              f"{p.stderr!r}")


def interruption(args, work):
    env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache-interrupt"))
    env.pop("WASM2NATIVE_OPTIONS", None)
    for flag, trap in (("--timeout=300ms", "interrupted"),
                       ("--fuel=1000000", "out of fuel")):
        p = subprocess.run([args.wasm2native, "run", flag, str(args.spin)],
                           capture_output=True, text=True, env=env,
                           timeout=60)
        check(p.returncode == 134 and
              p.stderr.startswith(f"wasm trap: {trap}"),
              f"run {flag}: {p.returncode} {p.stderr!r}")
    plain, epoch = work / "spin", work / "spin-epoch"
    p = compile_(args, args.spin, "-o", plain)
    q = compile_(args, "--interruptible=epoch", args.spin, "-o", epoch)
    check(p.returncode == 0 and q.returncode == 0,
          f"compile spin: {p.stderr}{q.stderr}")
    for exe, options, words in (
            (plain, "--timeout=1s", ["--timeout", "--interruptible=epoch"]),
            (epoch, "--fuel=5", ["--fuel", "--interruptible=fuel"]),
            (epoch, "--timeout=soon", ["bad --timeout=soon"])):
        p = subprocess.run([str(exe)], capture_output=True, text=True,
                           env=dict(env, WASM2NATIVE_OPTIONS=options),
                           timeout=60)
        check(one_line_error(p, *words),
              f"{exe.name} with {options}: {p.returncode} {p.stderr!r}")
    p = subprocess.run([str(epoch)], capture_output=True, text=True,
                       env=dict(env, WASM2NATIVE_OPTIONS="--timeout=200ms"),
                       timeout=60)
    check(p.returncode == 134 and "interrupted" in p.stderr,
          f"spin-epoch --timeout=200ms: {p.returncode} {p.stderr!r}")
    p = compile_(args, "--interruptible=sometimes", args.spin, "-o", plain)
    check(one_line_error(p, "--interruptible", "epoch or fuel"),
          f"--interruptible=sometimes: {p.stderr!r}")


def cache_entries(cache):
    return sorted(f.name for f in (cache / "wasm2native").iterdir())


def cache_identity(args, work):
    """A rebuilt compiler or runtime gets new cache entries: the version
    string alone is the same for every build."""
    cache = work / "cache-identity"
    shutil.rmtree(cache, ignore_errors=True)
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    env.pop("WASM2NATIVE_RUNTIME_DIR", None)

    def run_hello(compiler, extra_env=None):
        p = subprocess.run([str(compiler), "run", str(args.wasm), "x"],
                           capture_output=True, text=True,
                           env=dict(env, **(extra_env or {})))
        check(p.returncode == 0 and "1 argument" in p.stdout,
              f"run with {compiler}: {p.stdout}{p.stderr}")

    run_hello(args.wasm2native)
    run_hello(args.wasm2native)
    first = cache_entries(cache)
    check(len(first) == 1, f"one entry for two runs: {first}")
    # Another build of the compiler: the same program, other bytes.
    other = work / "rebuilt" / "wasm2native"
    other.parent.mkdir(exist_ok=True)
    shutil.copy2(args.wasm2native, other)
    with open(other, "ab") as f:
        f.write(b"rebuilt")
    run_hello(other)
    second = cache_entries(cache)
    check(len(second) == 2, f"a rebuilt compiler got its own entry: "
          f"{second}")
    # Another build of the runtime: a copy with one more archive member.
    runtimes = work / "runtimes"
    host = runtimes / args.triple
    for sub in ("runtime", "wasi-libc-shim"):
        (host / sub).mkdir(parents=True, exist_ok=True)
        for lib in (args.build_root / sub).glob("libw2n_*.a"):
            shutil.copy2(lib, host / sub / lib.name)
    marker = work / "marker.c"
    marker.write_text("int w2n_cli_rebuilt_marker;\n")
    obj = work / "marker.o"
    subprocess.run(["cc", "-c", str(marker), "-o", str(obj)], check=True)
    subprocess.run(["ar", "r", str(host / "runtime" / "libw2n_rt.a"),
                    str(obj)], check=True, capture_output=True)
    run_hello(args.wasm2native, {"WASM2NATIVE_RUNTIME_DIR": str(runtimes)})
    third = cache_entries(cache)
    check(len(third) == 3, f"a rebuilt runtime got its own entry: {third}")


def run_cpu(args, work):
    """`run` compiles for this machine's CPU (--cpu=native) unless told
    otherwise, and the cache tells code for one CPU from another's."""
    cache = work / "cache-cpu"
    shutil.rmtree(cache, ignore_errors=True)
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    entries = []
    for flags in ([], ["--cpu=native"], ["--cpu=x86-64"], []):
        if "--cpu=x86-64" in flags and args.triple != "x86_64-linux-gnu":
            flags = []
        p = subprocess.run([args.wasm2native, "run"] + flags +
                           [str(args.wasm), "x"], capture_output=True,
                           text=True, env=env)
        check(p.returncode == 0 and "1 argument" in p.stdout,
              f"run {flags}: {p.stdout}{p.stderr}")
        entries.append(len(cache_entries(cache)))
    want = [1, 1, 2, 2] if args.triple == "x86_64-linux-gnu" else [1] * 4
    check(entries == want, f"cache entries after run, run --cpu=native, "
          f"run --cpu=x86-64, run: {entries}, not {want}")


def function_ir(ir, name):
    """The LLVM IR text of function `name` in `ir`, or ''."""
    start = ir.find(f"@{name}(")
    return ir[start:ir.find("\n}\n", start)] if start >= 0 else ""


def memory_routines(args, work):
    """memcpy, memmove and memset of the C type run as memory.copy and
    memory.fill (checked, then LLVM's memmove and memset), unless
    --keep-memory-routines; the program computes the same either way."""
    statuses = []
    for flags in ([], ["--keep-memory-routines"]):
        ir = compile_(args, "-g", "--emit-llvm", *flags, args.memroutines,
                      "-o", "-").stdout
        routed = {name: helper in function_ir(ir, name + ".wasm")
                  for name, helper in (("memcpy", "@llvm.memmove"),
                                       ("memmove", "@llvm.memmove"),
                                       ("memset", "@llvm.memset"))}
        want = not flags
        check(all(v == want for v in routed.values()),
              f"memory routines {flags}: helpers called {routed}")
        check("@llvm.mem" not in function_ir(ir, "memcpy2.wasm"),
              "a memcpy of another type stays as written")
        exe = work / ("memroutines" + ("-kept" if flags else ""))
        p = compile_(args, *flags, args.memroutines, "-o", exe)
        check(p.returncode == 0, f"compile memroutines {flags}: {p.stderr}")
        statuses.append(subprocess.run([str(exe)]).returncode)
    check(statuses[0] == statuses[1] and statuses[0] != 0,
          f"memroutines exits alike: {statuses}")


def installed(args, work):
    stage = work / "stage"
    builds = [args.build_root] + sorted(args.cross_root.glob("*-linux-*"))
    for build in builds:
        p = subprocess.run(["meson", "install", "--no-rebuild", "-C",
                            str(build), "--destdir", str(stage)],
                           capture_output=True, text=True)
        check(p.returncode == 0, f"install {build}: {p.stdout[-500:]}")
    compiler = next(stage.glob("**/bin/wasm2native"), None)
    if not compiler:
        return check(False, "no installed wasm2native")
    for build in builds:
        target = ["--target=" + build.name] if build != args.build_root \
            else []
        out = work / f"installed-{build.name}"
        p = subprocess.run([str(compiler), *target, str(args.wasm), "-o",
                            str(out)], capture_output=True, text=True)
        check(p.returncode == 0 and out.exists(),
              f"installed wasm2native {target}: {p.stderr}")
    p = subprocess.run([str(work / f"installed-{args.build_root.name}"),
                        "x"], capture_output=True, text=True)
    check(p.returncode == 0 and "1 argument" in p.stdout,
          f"installed host program: {p.stdout}{p.stderr}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wasm2native", required=True)
    ap.add_argument("--wasm", required=True, type=pathlib.Path)
    ap.add_argument("--host-wasm", required=True, type=pathlib.Path)
    ap.add_argument("--host-c", required=True, type=pathlib.Path)
    ap.add_argument("--work", required=True, type=pathlib.Path)
    ap.add_argument("--build-root", required=True, type=pathlib.Path)
    ap.add_argument("--cross-root", required=True, type=pathlib.Path)
    ap.add_argument("--memroutines", required=True)
    ap.add_argument("--reactor", required=True, type=pathlib.Path)
    ap.add_argument("--triple", required=True)
    ap.add_argument("--spin", required=True, type=pathlib.Path)
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    deterministic(args, args.work)
    depfiles(args, args.work)
    installed(args, args.work)
    reactor(args, args.work)
    cache_identity(args, args.work)
    run_cpu(args, args.work)
    memory_routines(args, args.work)
    interruption(args, args.work)
    return tally.report("cli")


if __name__ == "__main__":
    sys.exit(main())
