#!/usr/bin/env python3
"""run_debug.py - the `debug` suite: what -g gives gdb and symbol readers.

- fac.wat (named functions) compiled with -g at -O0 and -O2 under each
  bounds strategy: gdb (batch mode) breaks in `fac` by its Wasm name, the
  caller's frame is `start` at the byte offset, as a line of fac.wasm, of
  its `call` instruction as `wasm-objdump -d` lists it, and the symbol
  table names the functions after the Wasm names (`fac.wasm`) for perf;
  without -g there is no debug information and the code is the same.
- squares.c built by clang -g for wasm32-wasi: gdb shows its source lines
  (the `LINE:` comments mark them), and with --debug-offsets module
  offsets instead.
- Every other target: the object's DWARF names the Wasm functions.
Prints `debug: P passed, F failed`.
"""

import argparse
import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from tally import Tally  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
t = Tally()


def run(cmd, **kw):
    # errors="replace": gdb prints a .wasm "source line" as it is.
    return subprocess.run([str(c) for c in cmd], capture_output=True,
                          text=True, errors="replace", timeout=300, **kw)


def gdb(exe, *commands):
    cmd = ["gdb", "-nx", "-batch"]
    for c in commands:
        cmd += ["-ex", c]
    return run(cmd + [exe]).stdout


def call_offsets(args, wasm, caller, callee):
    """Decimal byte offsets of the `call` instructions to `callee` in
    function `caller`, from wasm-objdump -d."""
    text = run([args.wasm_objdump, "-d", wasm]).stdout
    offsets, inside = [], False
    for line in text.splitlines():
        head = re.match(r"^[0-9a-f]+ func\[\d+\] <(.*)>:", line)
        if head:
            inside = head.group(1) == caller
        m = re.match(r"^\s*([0-9a-f]+):.*\|\s*call \d+ <(.*)>", line)
        if inside and m and m.group(2) == callee:
            offsets.append(int(m.group(1), 16))
    return offsets


def source_line(path, marker):
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if f"LINE: {marker}" in line:
            return n
    raise ValueError(marker)


def has_section(args, obj, name):
    return name in run([args.readelf, "-S", "-W", obj]).stdout


def wasm_names(args, work):
    wasm = work / "fac.wasm"
    p = run([args.wat2wasm, "--debug-names", HERE / "fac.wat", "-o", wasm])
    t.check("wat2wasm fac.wat", p.returncode == 0, p.stderr)
    calls = call_offsets(args, wasm, "start", "fac")
    t.check("wasm-objdump finds the call of fac in start", len(calls) == 1,
            calls)
    for opt in ("-O0", "-O2"):
        for bounds in ("guard", "explicit"):
            label = f"fac {opt} {bounds}"
            exe = work / f"fac{opt}-{bounds}"
            p = run([args.wasm2native, "-g", opt,
                     f"--bounds-checks={bounds}", wasm, "-o", exe])
            if not t.check(f"{label}: compile", p.returncode == 0,
                           p.stderr):
                continue
            out = gdb(exe, "break fac", "run", "bt")
            t.check(f"{label}: gdb breaks in fac by name",
                    re.search(r"^Breakpoint 1, fac \(\) at fac\.wasm:\d+",
                              out, re.M), out)
            want = f"in start () at fac.wasm:{calls[0] if calls else '?'}"
            t.check(f"{label}: the caller's frame is start at the offset "
                    f"of its call", want in out, f"want '{want}':\n{out}")
            syms = run([args.nm, exe]).stdout
            t.check(f"{label}: symbols fac.wasm and start.wasm",
                    " fac.wasm\n" in syms and " start.wasm\n" in syms, syms)
    none, plain, debug = work / "none.o", work / "plain.o", work / "debug.o"
    for obj, flags in ((none, ["-g0"]), (plain, []), (debug, ["-g"])):
        run([args.wasm2native, "-c", "-O2"] + flags + [wasm, "-o", obj])
    t.check("-g0: no debug information", not has_section(
        args, none, ".debug_info") and not has_section(
        args, none, ".debug_line"))
    t.check("default: the line table of backtraces", has_section(
        args, plain, ".debug_line"))
    t.check("-g: debug information", has_section(args, debug,
                                                 ".debug_info"))
    texts = []
    for obj in (none, plain, debug):
        run([args.objcopy, "-O", "binary", "-j", ".text", obj,
             f"{obj}.text"])
        texts.append(pathlib.Path(f"{obj}.text").read_bytes())
    t.check("line tables and -g do not change the code",
            texts[0] == texts[1] == texts[2])


def source_lines(args, work):
    src = HERE / "squares.c"
    wasm = work / "squares.wasm"
    p = run([args.clang, "--target=wasm32-wasi", "--sysroot=/usr", "-g",
             "-O1", src, "-o", wasm])
    if not t.check("clang -g squares.c", p.returncode == 0, p.stderr):
        return
    exe = work / "squares"
    p = run([args.wasm2native, "-g", "-O0", wasm, "-o", exe])
    if not t.check("squares -g: compile", p.returncode == 0, p.stderr):
        return
    out = gdb(exe, "break square", "run", "bt")
    body = source_line(src, "square body")
    call = source_line(src, "call of square")
    outer = source_line(src, "call of sum_squares")
    t.check("squares: gdb stops in square at its source line",
            re.search(rf"^Breakpoint 1, square .*squares\.c:{body}$", out,
                      re.M), out)
    t.check("squares: the callers at their source lines",
            re.search(rf"sum_squares .*squares\.c:{call}$", out, re.M) and
            re.search(rf"main .*squares\.c:{outer}$", out, re.M), out)
    exe2 = work / "squares-offsets"
    run([args.wasm2native, "-g", "--debug-offsets", "-O0", wasm, "-o",
         exe2])
    out = gdb(exe2, "break square", "run", "bt")
    t.check("squares --debug-offsets: module offsets, not source lines",
            re.search(r"^Breakpoint 1, square \(\) at squares\.wasm:\d+$",
                      out, re.M), out)


def other_targets(args, work):
    wasm = work / "fac.wasm"
    for triple in args.target:
        obj = work / f"fac-{triple}.o"
        p = run([args.wasm2native, "-g", "-c", f"--target={triple}", wasm,
                 "-o", obj])
        if not t.check(f"{triple} -g: compile", p.returncode == 0,
                       p.stderr):
            continue
        info = run([args.dwarfdump, "--debug-info", obj]).stdout
        t.check(f"{triple} -g: DWARF names fac and start",
                'DW_AT_name\t("fac")' in info and
                'DW_AT_name\t("start")' in info, info[:2000])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for tool in ("wasm2native", "wat2wasm", "wasm-objdump", "clang",
                 "dwarfdump"):
        ap.add_argument("--" + tool, required=True)
    ap.add_argument("--nm", default="nm")
    ap.add_argument("--readelf", default="readelf")
    ap.add_argument("--objcopy", default="objcopy")
    ap.add_argument("--target", action="append", default=[],
                    help="another target to check the DWARF of")
    ap.add_argument("--work", required=True, type=pathlib.Path)
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    wasm_names(args, args.work)
    source_lines(args, args.work)
    other_targets(args, args.work)
    return t.report("debug")


if __name__ == "__main__":
    sys.exit(main())
