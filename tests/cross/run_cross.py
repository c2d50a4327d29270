#!/usr/bin/env python3
"""Cross targets under qemu-user.  Per target:
- the tests of build-cross/TRIPLE: runtime, WASI shim and embedding API
  (plugins, objects linked into a host, the example host);
- the bundled example and every trap kind compiled for the target under
  each bounds strategy it supports (output compared with the x86-64
  build), and `file` and `wasm2native --inspect` on an executable, an
  object and a plugin;
- the official WASI testsuite (`wasi[ARCH]`) and the Wasm 2.0 and 3.0
  spec testsuites through plugins and the target's spec runner
  (`spec[ARCH,BOUNDS]`, `spec3[ARCH,BOUNDS]`).
The whole WASI testsuite always (about a minute a target); of the spec
testsuites, the scripts in SPEC_SUBSET and SPEC3_SUBSET by default (CI)
and all of them with --full.
Prints `cross[TARGET]: P passed, F failed` per target."""

import argparse
import pathlib
import re
import shlex
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from tally import Tally  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] /
                       "scripts"))
import targets  # noqa: E402

# What `file` calls each target's machine; the rest of what the tests
# need of a target (emulator, strategies) comes from runtime/targets.def.
MACHINE_NAMES = {
    "x86_64-linux-gnu": "x86-64",
    "aarch64-linux-gnu": "ARM aarch64",
    "riscv64-linux-gnu": "UCB RISC-V",
    "arm-linux-gnueabihf": "ARM, EABI5",
}
# The spec scripts CI runs per target and strategy: where the targets'
# lowerings differ (integer and float arithmetic and conversions, NaNs,
# memory access and bounds, calls through tables, stack exhaustion) and
# the SIMD scripts of floats, lanes and saturating arithmetic.  --full
# runs all of them.
SPEC_SUBSET = [
    "address", "align", "call_indirect", "conversions", "endianness",
    "f32", "f64", "float_exprs", "float_memory", "float_misc", "i32",
    "i64", "int_exprs", "left-to-right", "memory_copy", "memory_fill",
    "memory_grow", "memory_trap", "skip-stack-guard-page",
    "simd_address", "simd_f32x4", "simd_f32x4_pmin_pmax",
    "simd_f32x4_rounding", "simd_f64x2", "simd_i16x8_q15mulr_sat_s",
    "simd_i32x4_trunc_sat_f64x2", "simd_lane", "simd_load8_lane",
    "simd_load64_lane", "simd_store8_lane", "simd_store64_lane",
]
# Of the Wasm 3.0 testsuite (already converted), the scripts of what 3.0
# adds where the targets' lowerings differ: tail calls, calls through
# typed references, 64-bit and multiple memories and tables, relaxed SIMD
# (a different choice of result per target), extended constants and
# exception handling (each target's unwinder and personality; legacy/,
# the form LLVM emits, runs whole as its own suite).
SPEC3_SUBSET = [
    "return_call", "return_call_indirect", "return_call_ref", "call_ref",
    "br_on_null", "br_on_non_null", "ref_as_non_null", "local_init",
    "address64", "align64", "load64", "memory64", "memory_grow64",
    "memory_trap64", "memory_copy64", "memory_fill64", "memory-multi",
    "memory_trap1", "address1", "load2", "call_indirect64",
    "table_grow64", "table_copy_mixed", "relaxed_dot_product",
    "relaxed_laneselect", "relaxed_madd_nmadd", "relaxed_min_max",
    "i16x8_relaxed_q15mulr_s", "i32x4_relaxed_trunc",
    "i8x16_relaxed_swizzle", "global", "data",
    "try_table", "throw", "throw_ref", "tag", "imports", "instance",
]
TRAPS = [([], 0, ""),
         (["a"], 134, "wasm trap: integer divide by zero"),
         (["a", "b"], 134, "wasm trap: call stack exhausted"),
         (["a", "b", "c"], 134, "wasm trap: out of bounds memory access")]


def run(cmd, timeout=600):
    return subprocess.run(cmd, capture_output=True, text=True,
                          errors="replace", timeout=timeout)


def unit_tests(t, triple, cross_root):
    """Each test of build-cross/TRIPLE (runtime, WASI shim, embedding
    API) under the cross file's exe wrapper."""
    build = cross_root / triple
    p = run(["ninja", "-C", str(build)])  # the runtime of this source
    t.check(f"{triple} runtime build", p.returncode == 0, p.stdout[-2000:])
    p = run(["meson", "test", "-C", str(build), "--no-rebuild",
             "--print-errorlogs"])
    results = re.findall(r"^\s*\d+/\d+ \S+ / (\S+)\s+(\S+)", p.stdout,
                         re.MULTILINE)
    t.check(f"{triple} tests of the cross build ran", len(results) > 0,
            p.stdout[-2000:])
    for name, verdict in results:
        t.check(f"{triple} {name}", verdict == "OK", p.stdout[-3000:])


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


def outputs(t, args, triple, machine, work):
    """`file` names the machine of each kind of output, and --inspect
    the target."""
    kinds = [("executable", [], "executable"),
             ("object", ["-c"], "object file"),
             ("plugin", ["--shared"], "shared library")]
    for name, flags, kind in kinds:
        out = work / f"traps-{triple}.{name}"
        p = run([args.wasm2native, f"--target={triple}"] + flags +
                [str(args.traps_wasm), "-o", str(out)])
        t.check(f"{triple} compile {name}", p.returncode == 0, p.stderr)
        described = run(["file", "-b", str(out)]).stdout
        t.check(f"{triple} {name}: file says {machine}",
                machine in described, described)
        inspect = run([args.wasm2native, "--inspect", str(out)]).stdout
        t.check(f"{triple} {name}: --inspect",
                f": {kind}, 1 wasm2native module" in inspect and
                f"target   {triple}" in inspect, inspect)


def arm_simd_lowering(t, args, work):
    """On ARMv7, integer SIMD on NEON (q registers), f32 lanes on VFP (s
    registers): NEON would flush their subnormals."""
    asm = work / "simd-arm.s"
    p = run([args.wasm2native, "--target=arm-linux-gnueabihf", "-S",
             str(args.simd_wasm), "-o", str(asm)])
    text = asm.read_text() if p.returncode == 0 else p.stderr
    t.check("arm: i32x4.add on NEON",
            re.search(r"\bvadd\.i32\s+q\d+", text) is not None, text)
    t.check("arm: f32x4.mul lane by lane on VFP",
            re.search(r"\bvmul\.f32\s+s\d+", text) is not None and
            re.search(r"\bv(mul|add|max|min)\.f32\s+[qd]\d+", text) is None,
            text)


# Target options refused with one line and no output: (flags, text).
REFUSED = [
    (["--target=mips-linux-gnu"], "unknown target 'mips-linux-gnu'"),
    (["--target=aarch64-linux-gnu", "--cpu=cortex-z9"],
     "'cortex-z9' is not a recognized processor"),
    (["--target=riscv64-linux-gnu", "--features=+m,+nosuch"],
     "'+nosuch' is not a recognized feature"),
    (["--target=arm-linux-gnueabihf", "--bounds-checks=guard"],
     "--bounds-checks=guard needs a 64-bit target"),
    (["--target=aarch64-linux-gnu", "--cpu=native"],
     "--cpu=native needs the host's target"),
]


def refusals(t, args, work):
    out = work / "refused"
    for flags, text in REFUSED:
        out.unlink(missing_ok=True)
        p = run([args.wasm2native] + flags + [str(args.traps_wasm), "-o",
                                              str(out)])
        t.check(f"refused: {' '.join(flags)}",
                p.returncode == 1 and len(p.stderr.splitlines()) == 1 and
                text in p.stderr and not out.exists(),
                f"{p.returncode} {p.stderr!r}")


def tail(text, n=1):
    return "\n".join((text.strip().splitlines() or [""])[-n:])


def wasi_suite(t, args, triple, qemu, work):
    runner = pathlib.Path(__file__).parent.parent / "wasi" / \
        "run_wasi_testsuite.py"
    p = run([sys.executable, str(runner), "--wasm2native", args.wasm2native,
             "--suite", str(args.wasi_suite), "--work",
             str(work / f"wasi-{triple}"), "--target", triple,
             "--wrapper", f"{qemu} -L /usr/{triple}",
             "--label", triple.split("-")[0]], timeout=3600)
    print(p.stdout.strip(), flush=True)
    t.check(f"{triple} wasi-testsuite: {tail(p.stdout)}",
            p.returncode == 0, p.stderr[-2000:])


def spec_suite(t, args, triple, qemu, strategies, work):
    """The spec testsuite (or SPEC_SUBSET), the 3.0 one (or SPEC3_SUBSET)
    with its legacy/ exception handling and the threads proposal's scripts
    (all four), our SIMD edge cases (tests/simd), tail calls and
    exceptions between instances (tests/tail, tests/exceptions) through
    the target's spec runner."""
    tests = pathlib.Path(__file__).resolve().parent.parent

    def subset(names):
        if args.full:
            return [], "whole suite"
        return ["--only", ",".join(names)], f"{len(names)} scripts"
    wast2json3 = tests.parent.parent / "shared" / "wabt" / "bin" / \
        "wast2json"
    suites = [("spec", args.testsuite, *subset(SPEC_SUBSET), []),
              ("spec3", args.testsuite3, *subset(SPEC3_SUBSET),
               ["--converted"]),
              ("spec3-legacy", args.testsuite3 / "legacy", [], "legacy/",
               ["--converted"]),
              ("spec3-threads", args.testsuite3 / "proposals" / "threads",
               [], "threads proposal",
               ["--converted", "--superseded",
                str(tests / "spec" / "superseded-threads.txt")]),
              ("simd-edge", tests / "simd", [], "tests/simd", []),
              ("tail", tests / "tail", [], "tests/tail", []),
              ("exceptions", tests / "exceptions", [], "tests/exceptions",
               ["--wast2json", str(wast2json3), "--enable", "exceptions"])]
    for bounds in strategies:
        for name, suite, only, what, form in suites:
            ceilings = (args.ceilings3 if name.startswith("spec3")
                        else args.ceilings)
            p = run([sys.executable, str(tests / "spec" / "run_spec.py"),
                     "--runner", str(args.cross_root / triple / "tests" /
                                     "spec" / "spec_runner"),
                     "--wasm2native", args.wasm2native,
                     "--testsuite", str(suite), "--name", name,
                     "--work", str(work / name), "--bounds", bounds,
                     "--target", triple,
                     "--wrapper", f"{qemu} -L /usr/{triple}",
                     "--ceilings", str(ceilings)] + only + form,
                    timeout=7200)
            print(p.stdout.strip(), flush=True)
            t.check(f"{triple} {name} ({what}): {tail(p.stdout)}",
                    p.returncode == 0, p.stderr[-2000:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wasm2native", required=True)
    ap.add_argument("--cross-root", required=True, type=pathlib.Path)
    ap.add_argument("--hello-wasm", required=True, type=pathlib.Path)
    ap.add_argument("--hello-x86", required=True, type=pathlib.Path)
    ap.add_argument("--traps-wasm", required=True, type=pathlib.Path)
    ap.add_argument("--simd-wasm", required=True, type=pathlib.Path)
    ap.add_argument("--wasi-suite", required=True, type=pathlib.Path)
    ap.add_argument("--testsuite", required=True, type=pathlib.Path,
                    help="the Wasm spec testsuite")
    ap.add_argument("--testsuite3", required=True, type=pathlib.Path,
                    help="the Wasm 3.0 testsuite, converted to JSON")
    ap.add_argument("--ceilings", required=True, type=pathlib.Path)
    ap.add_argument("--ceilings3", required=True, type=pathlib.Path)
    ap.add_argument("--work", required=True, type=pathlib.Path)
    ap.add_argument("--target", action="append")
    ap.add_argument("--targets", type=pathlib.Path, required=True,
                    help="runtime/targets.def")
    ap.add_argument("--host", default="x86_64-linux-gnu",
                    help="the triple of this machine (not run under qemu)")
    ap.add_argument("--full", action="store_true",
                    help="the whole spec testsuite")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    failed = 0
    t = Tally()
    refusals(t, args, args.work)
    failed += t.report("cross[options]")
    rows = {r["triple"]: r for r in targets.rows(args.targets)
            if r["triple"] != args.host}
    for triple in args.target or rows:
        row = rows[triple]
        qemu, strategies = row["qemu"], targets.strategies(row)
        machine = MACHINE_NAMES[triple]
        t = Tally()
        if not (args.cross_root / triple / "build.ninja").exists():
            t.check(f"{triple} runtime", False,
                    f"no {args.cross_root / triple}: run scripts/setup.sh")
        else:
            unit_tests(t, triple, args.cross_root)
            examples(t, args, triple, qemu, strategies, args.work)
            outputs(t, args, triple, machine, args.work)
            if triple.startswith("arm-"):
                arm_simd_lowering(t, args, args.work)
            wasi_suite(t, args, triple, qemu, args.work)
            spec_suite(t, args, triple, qemu, strategies, args.work)
        failed += t.report(f"cross[{triple}]")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
