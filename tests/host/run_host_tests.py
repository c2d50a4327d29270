#!/usr/bin/env python3
"""Host functions beyond WASI: a module linked with host C code, the
unknown-import policies on a module importing bench.start/bench.end, and
the errors for a missing import and a wrong host signature.
Prints `host: P passed, F failed`."""

import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from tally import Tally  # noqa: E402


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                          **kw)


def build_wasm(clang, wat2wasm, src, work):
    plugin = work / "plugin.wasm"
    run([clang, "--target=wasm32-wasi", "--sysroot=/usr", "-O2",
         str(src / "plugin.c"), "-o", str(plugin)]).check_returncode()
    bench = work / "bench.wasm"
    run([wat2wasm, str(src / "bench.wat"), "-o", str(bench)]
        ).check_returncode()
    return plugin, bench


def test_linked(c, w2n, plugin, src, work):
    exe = work / "plugin"
    p = run([w2n, str(plugin), str(src / "host.c"), "-o", str(exe)])
    c.check("link host.c", p.returncode == 0, p.stderr)
    if p.returncode:
        return
    out = run([str(exe)])
    want = ("host: hello from the module (square(12) = 144)\n"
            "checksum 986360\n"
            "checksum of an out-of-bounds range 4294967295\n"
            "add64 1099511627783\n")
    c.check("run linked program", out.returncode == 0 and out.stdout == want,
            f"status {out.returncode}, stdout {out.stdout!r}")


def test_header(c, w2n, plugin, work):
    p = run([w2n, "--emit-header", str(plugin), "-o",
             str(work / "imports.h")])
    text = (work / "imports.h").read_text() if p.returncode == 0 else ""
    for proto in ("void w2n_import_env__log_5fstr(w2n_rt_instance "
                  "*instance, int32_t, int32_t);",
                  "int64_t w2n_import_env__add64(w2n_rt_instance "
                  "*instance, int64_t, int64_t);",
                  "int32_t w2n_export_square(w2n_rt_instance *instance, "
                  "int32_t);"):
        c.check("header declares " + proto.split("(")[0], proto in text,
                p.stderr)


def test_errors(c, w2n, plugin, src, work):
    p = run([w2n, str(plugin), "-o", str(work / "missing")])
    lines = p.stderr.splitlines()
    c.check("missing imports are errors", p.returncode == 1 and
            len(lines) == 3 and all("unknown import: env." in l
                                    for l in lines), p.stderr)
    c.check("missing import names its prototype",
            "int64_t w2n_import_env__add64(w2n_rt_instance *instance, "
            "int64_t, int64_t)" in p.stderr, p.stderr)
    c.check("no partial output", not (work / "missing").exists())
    p = run([w2n, str(plugin), str(src / "host_wrong.c"), "-o",
             str(work / "wrong")])
    c.check("wrong signature is an error", p.returncode == 1 and
            "w2n_import_env__add64" in p.stderr and
            "conflicting types" in p.stderr, p.stderr)


def test_policies(c, w2n, bench, work):
    p = run([w2n, str(bench), "-o", str(work / "bench-error")])
    c.check("bench imports: error by default", p.returncode == 1 and
            "bench.start" in p.stderr and "bench.end" in p.stderr, p.stderr)
    for flag, status, stdout, stderr in (
            # the trap, then the backtrace from the caller's call site
            ("--trap-unknown-imports", 134, "",
             r"wasm trap: call to an unresolved import bench\.start\n"
             r"wasm backtrace:\n +0: 0x[0-9a-f]{6} \S+\n(.*\n)*"),
            ("--default-values-unknown-imports", 0, "ran\n", "")):
        exe = work / ("bench" + flag)
        p = run([w2n, flag, str(bench), "-o", str(exe)])
        c.check(f"compile with {flag}", p.returncode == 0, p.stderr)
        out = run([str(exe)])
        c.check(f"run with {flag}", out.returncode == status and
                out.stdout == stdout and
                re.fullmatch(stderr, out.stderr) is not None,
                f"{out.returncode} {out.stdout!r} {out.stderr!r}")
        r = run([w2n, "run", flag, str(bench)])
        c.check(f"wasm2native run {flag}", r.returncode == status and
                r.stdout == stdout, f"{r.returncode} {r.stdout!r}")


def main():
    w2n, clang, wat2wasm, src, work = sys.argv[1:6]
    src, work = pathlib.Path(src), pathlib.Path(work)
    work.mkdir(parents=True, exist_ok=True)
    plugin, bench = build_wasm(clang, wat2wasm, src, work)
    c = Tally()
    test_linked(c, w2n, plugin, src, work)
    test_header(c, w2n, plugin, work)
    test_errors(c, w2n, plugin, src, work)
    test_policies(c, w2n, bench, work)
    return c.report("host")


if __name__ == "__main__":
    sys.exit(main())
