#!/usr/bin/env python3
"""Run a whole Wasm spec testsuite through wasm2native.

Every top-level script of the testsuite is converted with wast2json (or,
with --converted, every NAME.json of a folder already converted, as
../shared/testsuite-3.0/json is) and handed to spec_runner, which compiles each module to a plugin (--shared),
loads it through the runtime's embedding API and executes every command.
Scripts run in parallel, one spec_runner process each.

With --target TRIPLE and --wrapper 'qemu-ARCH -L /usr/TRIPLE', a runner
built for that target (build-cross/TRIPLE/tests/spec/spec_runner) runs
under emulation and the compiler, on this machine, builds its plugins.

Prints every failure (script, line, reason), the failures of each script
that has any, then
`spec[ARCH,BOUNDS]: P passed, F failed` where F counts failures and
skipped commands alike.  Text-format assert_malformed modules test a text
parser and do not apply to a binary compiler; they are counted apart.  In
the 2.0 testsuite, the commands superseded.txt lists (their module is
valid in Wasm 3.0) are checked as valid modules, and in any suite those
of the file --superseded names (superseded-threads.txt for the threads
proposal's scripts, which predate multiple memories).
Exits 1 when F is above the ceiling committed in known-failures.txt for
this target and strategy (a number that may only go down), and when
wast2json is missing.
"""

import argparse
import concurrent.futures
import json
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from frontend_spec import convert, find_scripts  # noqa: E402

SUMMARY = re.compile(r"^spec-script \S+: (\d+) passed, (\d+) failed, "
                     r"(\d+) not applicable$")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runner", required=True)
    p.add_argument("--wasm2native", required=True)
    p.add_argument("--testsuite", required=True, type=pathlib.Path)
    p.add_argument("--converted", action="store_true",
                   help="the testsuite folder holds NAME.json scripts "
                   "already converted by wast2json")
    p.add_argument("--wast2json", default="wast2json")
    p.add_argument("--enable", action="append", default=[],
                   metavar="FEATURE",
                   help="a wast2json feature to enable (repeatable)")
    p.add_argument("--work", required=True, type=pathlib.Path)
    p.add_argument("--bounds", required=True, choices=["guard", "explicit"])
    p.add_argument("--target", help="target triple (default: this host)")
    p.add_argument("--wrapper", default="",
                   help="command that runs the runner, e.g. qemu-user")
    p.add_argument("--ceilings", type=pathlib.Path)
    p.add_argument("--only")
    p.add_argument("--name", default="spec",
                   help="what the totals line calls the suite")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--superseded", type=pathlib.Path,
                   help="the commands whose module is valid in Wasm 3.0 "
                        "(default: superseded.txt for the 2.0 suite)")
    return p.parse_args()


def run_script(args, script):
    """Convert and run one script: (passed, failed, n/a, failure lines)."""
    modules = []
    if args.converted:
        path, failure = script, None
        recovered = recover_instances(script, args.work / "json")
        if recovered:
            path, modules = recovered, ["--modules", str(script.parent)]
    else:
        path, failure = convert(args.wast2json, script, args.work / "json",
                                [f"--enable-{f}" for f in args.enable])
    if failure:
        return 0, 1, 0, [f"FAIL {script.name}:0: wast2json: {failure}"]
    out = args.work / f"{arch(args)}-{args.bounds}"
    out.mkdir(parents=True, exist_ok=True)
    target = ["--target", args.target] if args.target else []
    # The 2.0 commands whose module Wasm 3.0 makes valid are checked so,
    # and those of the scripts --superseded names.
    superseded = args.superseded or (
        None if args.converted
        else pathlib.Path(__file__).with_name("superseded.txt"))
    valid = ["--valid", str(superseded)] if superseded else []
    proc = subprocess.run(
        shlex.split(args.wrapper) +
        [args.runner, "--compiler", args.wasm2native, "--bounds",
         args.bounds, "--work", str(out), "--name", script.stem + ".wast"] +
        target + valid + modules + [str(path)],
        capture_output=True, text=True, errors="replace")
    fails = [line for line in proc.stdout.splitlines()
             if line.startswith("FAIL ")]
    for line in proc.stdout.splitlines():
        m = SUMMARY.match(line)
        if m:
            return (int(m[1]), int(m[2]), int(m[3]), fails)
    reason = (proc.stderr.strip().splitlines() or ["no summary"])[-1]
    return 0, 1, 0, fails + [f"FAIL {script.name}:0: spec_runner exited "
                             f"with {proc.returncode}: {reason}"]


INSTANCE = re.compile(r'^\(module instance(?: (\$\S+))?(?: (\$\S+))?\)$')
REGISTER = re.compile(r'^\(register "([^"]*)" (\$\S+)\)$')


def top_level_forms(text):
    """(line, text) of every top-level s-expression of a .wast script."""
    forms, depth, i, start, line = [], 0, 0, 0, 1
    while i < len(text):
        c = text[i]
        if text.startswith(";;", i):
            i = text.find("\n", i)
            i = len(text) if i < 0 else i
            continue
        if text.startswith("(;", i):
            i = text.index(";)", i) + 2
            continue
        if c == '"':
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c == "(":
            if depth == 0:
                start, line = i, text.count("\n", 0, i) + 1
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                forms.append((line, " ".join(text[start:i + 1].split())))
        i += 1
    return forms


def recover_instances(script, work):
    """wabt 1.0.41 cannot parse `(module instance $I $M)` of the 3.0
    scripts, so the converted script lacks it and the registers of its
    instances (DROPPED.md).  Takes them back from the .wast beside json/
    (same relative path under wast/): its top-level commands match the
    converted ones in order, but for those.  Writes the whole command
    list to WORK and returns its path, or None when nothing was missing
    (or the two do not match).  Recovered commands carry .wast lines."""
    json_root = next((p for p in script.parents if p.name == "json"), None)
    if json_root is None:
        return None
    wast = (json_root.parent / "wast" /
            script.relative_to(json_root).with_suffix(".wast"))
    if not wast.exists() or "(module instance" not in wast.read_text():
        return None
    doc = json.loads(script.read_text())
    converted = iter(doc["commands"])
    commands, instances = [], set()
    for line, form in top_level_forms(wast.read_text()):
        m = INSTANCE.match(form)
        r = REGISTER.match(form)
        if m:
            instances.add(m[1])
            commands.append({"type": "module_instance", "line": line,
                             **({"instance": m[1]} if m[1] else {}),
                             **({"module": m[2]} if m[2] else {})})
        elif r and r[2] in instances:
            commands.append({"type": "register", "line": line, "as": r[1],
                             "name": r[2]})
        else:
            c = next(converted, None)
            if c is None:
                return None
            commands.append(c)
    if next(converted, None) is not None:
        return None
    doc["commands"] = commands
    work.mkdir(parents=True, exist_ok=True)
    out = work / script.name
    out.write_text(json.dumps(doc))
    return out


def arch(args):
    """The architecture the figures are for: x86_64, aarch64, arm, ..."""
    return args.target.split("-")[0] if args.target else os.uname().machine


def ceiling(args, *labels):
    """The committed ceiling of failures for the first of LABELS the
    file names (e.g. `spec3[x86_64,guard]` or `x86_64,guard`), or 0."""
    if not args.ceilings or not args.ceilings.exists():
        return 0
    for line in args.ceilings.read_text().splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) == 2 and fields[0] in labels:
            return int(fields[1])
    return 0


def main():
    args = parse_args()
    if not args.converted and not shutil.which(args.wast2json):
        print(f"wast2json not found ({args.wast2json}; Debian package "
              "wabt)")
        return 1
    scripts = find_scripts(args.testsuite, args.only,
                           "*.json" if args.converted else "*.wast")
    wanted = args.only.split(",") if args.only else []
    if not scripts or len(scripts) < len(wanted):
        print(f"spec: {args.only or 'no script'}: not all in "
              f"{args.testsuite}")
        return 1
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda s: run_script(args, s), scripts))
    passed = sum(r[0] for r in results)
    failed = sum(r[1] for r in results)
    na = sum(r[2] for r in results)
    for r in results:
        for line in r[3]:
            print(line)
    label = f"{arch(args)},{args.bounds}"
    name = f"{args.name}[{label}]"
    for script, r in zip(scripts, results):
        if r[1]:
            print(f"{name}: {script.stem}.wast: {r[0]} passed, {r[1]} failed")
    print(f"{name}: {na} not applicable: assert_malformed of a "
          "text-format (.wat) module tests a text parser")
    print(f"{name}: {passed} passed, {failed} failed")
    limit = ceiling(args, name, label)
    if failed > limit:
        print(f"{name}: {failed} failures exceed the committed "
              f"ceiling of {limit} ({args.ceilings})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
