#!/usr/bin/env python3
"""Spec testsuite conformance of the wasm2native front end.

Converts each top-level script of the testsuite with wast2json and runs
`wasm2native --validate` on every module a command names:

- `module`, `assert_unlinkable`, `assert_uninstantiable`: the module is
  valid, so validation must exit 0 and print nothing;
- `assert_invalid` and binary `assert_malformed`: the module must be
  rejected with exit status 1 and exactly one stderr line
  `PATH:0xOFFSET: error: MESSAGE`.  Whether MESSAGE starts with the
  script's expected text is counted and reported, but is not a failure.

`assert_malformed` of a text (.wat) module tests a text parser, not a binary
front end, so it is counted as not applicable.  The commands superseded.txt
lists, whose module Wasm 3.0 makes valid, must validate instead.  A script that wast2json
cannot convert counts as one failure.  Exit status: 0 when nothing failed,
1 otherwise, and when wast2json is missing (scripts/setup.sh installs
wabt).
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 10  # seconds allowed for one validation
VALID_KINDS = {"module", "assert_unlinkable", "assert_uninstantiable"}
INVALID_KINDS = {"assert_invalid", "assert_malformed"}


@dataclass
class Check:
    """One module to validate, from one command of a script."""
    script: str
    line: int
    kind: str
    wasm: Path
    expect_valid: bool
    text: str


@dataclass
class Result:
    """Outcome of a check: a failure reason, or None when it passed;
    for a passing rejection, the diagnostic's message."""
    check: Check
    failure: str | None
    message: str | None = None


@dataclass
class Script:
    """What one converted script contributes to the run."""
    name: str
    checks: list
    text_modules: int
    failure: str | None


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wasm2native", required=True)
    parser.add_argument("--testsuite", required=True, type=Path)
    parser.add_argument("--wast2json", required=True)
    parser.add_argument("--work", required=True, type=Path)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--only", metavar="NAME",
                        help="run only NAME.wast (names separated by commas)")
    return parser.parse_args()


def find_scripts(testsuite, only, pattern="*.wast"):
    """Top-level scripts (proposals/ is a subfolder, so left out)."""
    scripts = sorted(testsuite.glob(pattern))
    if only:  # comma-separated names, with or without .wast
        stems = {name.removesuffix(".wast") for name in only.split(",")}
        scripts = [s for s in scripts if s.stem in stems]
    return scripts


# The features beyond Wasm 2.0 that our own scripts use (tests/tail).
WAST2JSON_FEATURES = ["--enable-tail-call"]


def convert(wast2json, script, work, features=()):
    """Convert SCRIPT to WORK/X/X.json unless an up-to-date one exists,
    with FEATURES (wast2json --enable-* flags) beyond the default ones.
    Returns (json path, None) or (None, reason)."""
    out = work / script.stem / (script.stem + ".json")
    if out.exists() and out.stat().st_mtime > script.stat().st_mtime:
        return out, None
    out.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([wast2json] + WAST2JSON_FEATURES + list(features) +
                          [str(script), "-o", str(out)],
                          capture_output=True, text=True)
    if proc.returncode == 0:
        return out, None
    out.unlink(missing_ok=True)
    lines = proc.stderr.splitlines() or [f"exit status {proc.returncode}"]
    return None, lines[0]


def load_superseded():
    """{(SCRIPT.wast, LINE): reason} of superseded.txt: the commands of the
    Wasm 2.0 testsuite whose module Wasm 3.0 makes valid."""
    entries = {}
    path = Path(__file__).with_name("superseded.txt")
    for raw in path.read_text(encoding="utf-8").splitlines():
        fields = raw.split("#", 1)[0].split(None, 1)
        if fields:
            script, line = fields[0].rsplit(":", 1)
            entries[(script, int(line))] = fields[1] if len(fields) > 1 \
                else ""
    return entries


SUPERSEDED = load_superseded()


def load_script(wast2json, script, work):
    """Convert SCRIPT and turn its commands into checks; a command that
    superseded.txt lists is checked the Wasm 3.0 way, as a valid module
    (kind `superseded`)."""
    path, failure = convert(wast2json, script, work)
    if failure:
        return Script(script.name, [], 0, failure)
    commands = json.loads(path.read_text(encoding="utf-8"))["commands"]
    checks, text_modules = [], 0
    for cmd in commands:
        kind = cmd["type"]
        if kind not in VALID_KINDS | INVALID_KINDS:
            continue
        if cmd.get("module_type", "binary") != "binary":
            text_modules += 1
            continue
        if (script.name, cmd["line"]) in SUPERSEDED:
            kind = "superseded"
        checks.append(Check(script.name, cmd["line"], kind,
                            path.parent / cmd["filename"],
                            kind not in INVALID_KINDS, cmd.get("text", "")))
    return Script(script.name, checks, text_modules, None)


def first_line(text):
    lines = text.splitlines()
    return lines[0] if lines else ""


def judge_valid(check, status, out, err):
    """A valid module: exit 0 and silence."""
    if status == 0 and not out and not err:
        return Result(check, None)
    if status == 0:
        return Result(check, f"output on success: {first_line(out + err)}")
    if status == 1:
        return Result(check, f"valid module rejected: {first_line(err)}")
    return Result(check, f"exit status {status}")


def judge_invalid(check, status, out, err):
    """An invalid or malformed module: exit 1 and one diagnostic line."""
    if status == 0:
        return Result(check, f'module accepted, expected "{check.text}"')
    if status != 1:
        return Result(check, f"exit status {status}")
    if out:
        return Result(check, f"output on stdout: {first_line(out)}")
    lines = err.splitlines()
    if len(lines) != 1:
        return Result(check, f"{len(lines)} stderr lines, expected 1")
    pattern = re.escape(str(check.wasm)) + r":0x[0-9a-f]+: error: (.+)"
    match = re.fullmatch(pattern, lines[0])
    if not match:
        return Result(check, f"malformed diagnostic: {lines[0]}")
    return Result(check, None, match.group(1))


def signal_name(number):
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def run_check(wasm2native, check):
    try:
        proc = subprocess.run([wasm2native, "--validate", str(check.wasm)],
                              capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return Result(check, f"timeout after {TIMEOUT} s")
    if proc.returncode < 0:
        return Result(check, f"killed by {signal_name(-proc.returncode)}")
    out = proc.stdout.decode(errors="replace")
    err = proc.stderr.decode(errors="replace")
    judge = judge_valid if check.expect_valid else judge_invalid
    return judge(check, proc.returncode, out, err)


def where(check):
    return f"{check.script}:{check.line}: {check.kind}"


def print_failures(scripts, results):
    """Print one FAIL line per failure; return how many there were."""
    failed = 0
    for script in scripts:
        if script.failure:
            failed += 1
            print(f"FAIL {script.name}:0: wast2json: {script.failure}")
    for result in results:
        if result.failure:
            failed += 1
            print(f"FAIL {where(result.check)}: {result.failure}")
    return failed


def print_messages(results, verbose):
    """Compare the messages of passing rejections with the expected text."""
    rejections = [r for r in results if r.message is not None]
    differ = [r for r in rejections
              if not r.message.startswith(r.check.text)]
    if verbose:
        for result in differ:
            print(f'MESSAGE {where(result.check)}: expected '
                  f'"{result.check.text}", got "{result.message}"')
    print(f"frontend-spec messages: {len(rejections) - len(differ)} "
          f"matched, {len(differ)} differ")


def report(scripts, results, verbose):
    """Print the whole report; return the number of failures."""
    failed = print_failures(scripts, results)
    print_messages(results, verbose)
    text_modules = sum(s.text_modules for s in scripts)
    print(f"frontend-spec: {text_modules} not applicable: assert_malformed "
          f"of a text-format (.wat) module tests a text parser, "
          f"not a binary front end")
    passed = sum(1 for r in results if not r.failure)
    print(f"frontend-spec: {passed} passed, {failed} failed")
    return failed


def main():
    args = parse_args()
    wast2json = shutil.which(args.wast2json)
    if not wast2json:
        print(f"frontend-spec: 0 passed, 1 failed: wast2json not found "
              f"({args.wast2json}; Debian package wabt)")
        return 1
    if not shutil.which(args.wasm2native):
        print(f"frontend-spec: error: cannot run {args.wasm2native}")
        return 1
    scripts = find_scripts(args.testsuite, args.only)
    if not scripts:
        print(f"frontend-spec: error: no matching .wast script in "
              f"{args.testsuite}")
        return 1
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count()) as pool:
        loaded = list(pool.map(
            lambda s: load_script(wast2json, s, args.work), scripts))
        checks = [c for script in loaded for c in script.checks]
        results = list(pool.map(
            lambda c: run_check(args.wasm2native, c), checks))
    reversed_ = sum(1 for c in checks if c.kind == "superseded")
    print(f"frontend-spec: {reversed_} commands whose expectation Wasm 3.0 "
          "reverses checked as valid modules (tests/spec/superseded.txt)")
    return 1 if report(loaded, results, args.verbose) else 0


if __name__ == "__main__":
    sys.exit(main())
