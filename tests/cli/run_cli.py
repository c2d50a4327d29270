#!/usr/bin/env python3
"""The compile step as a build pipeline sees it (suite 'cli'): the same
input and flags give byte-identical output of every kind, wherever it is
written (`-o -`: standard output); -MD/-MF write a Make depfile naming the module and the host
inputs, with blanks, '#' and '$' escaped; a depfile that cannot be
written fails the compile and leaves no output; an installed wasm2native
(meson install of build/ and of every build-cross/TRIPLE into a staging
directory) finds the runtimes installed beside it for every target.
Prints `cli: P passed, F failed`."""

import argparse
import pathlib
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
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    deterministic(args, args.work)
    depfiles(args, args.work)
    installed(args, args.work)
    return tally.report("cli")


if __name__ == "__main__":
    sys.exit(main())
