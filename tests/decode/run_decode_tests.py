#!/usr/bin/env python3
"""Decoder tests: hand-written binaries with their expected diagnostics.

Usage: run_decode_tests.py WASM2NATIVE DIR

Each DIR/NAME.txt has `#` comment lines, one line `expect: ok` or
`expect: 0xOFFSET: MESSAGE-PREFIX`, and the module as whitespace-separated
hex byte pairs, where `;` starts a comment that runs to the end of the line.
Each module is written to a temporary .wasm file and given to
`WASM2NATIVE --validate`.  An `ok` module must exit 0 and print nothing.
Any other must exit 1 and print exactly one stderr line
`PATH:0xOFFSET: error: MESSAGE` with the expected offset and a MESSAGE that
starts with the expected prefix.  Exit status: 0 when all pass, else 1.
"""

import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 10  # seconds allowed for one validation
BYTE = re.compile(r"[0-9a-fA-F]{2}")
EXPECT_ERROR = re.compile(r"0x([0-9a-fA-F]+): (.+)")


class BadTestFile(Exception):
    pass


@dataclass
class Expect:
    """The expected diagnostic; offset None means the module is valid."""
    offset: int | None
    prefix: str = ""


def parse_expect(text, number):
    if text == "ok":
        return Expect(None)
    match = EXPECT_ERROR.fullmatch(text)
    if not match:
        raise BadTestFile(f"line {number}: bad expect line")
    return Expect(int(match.group(1), 16), match.group(2))


def parse_test(text):
    """Return the (Expect, module bytes) a test file describes."""
    expect, data = None, bytearray()
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        if line.startswith("expect:"):
            if expect is not None:
                raise BadTestFile(f"line {number}: second expect line")
            expect = parse_expect(line[len("expect:"):].strip(), number)
            continue
        for token in line.split(";", 1)[0].split():
            if not BYTE.fullmatch(token):
                raise BadTestFile(f"line {number}: bad byte {token!r}")
            data.append(int(token, 16))
    if expect is None:
        raise BadTestFile("no expect line")
    return expect, bytes(data)


def judge_ok(status, out, err):
    if status == 0 and not out and not err:
        return None
    if status == 1:
        return f"valid module rejected: {err.strip()}"
    return f"exit status {status}, output {(out + err).strip()!r}"


def judge_error(expect, wasm, status, out, err):
    """Check the one diagnostic line of a rejected module."""
    want = f"0x{expect.offset:x}: {expect.prefix}"
    if status != 1 or out:
        return f"exit status {status}, expected 1 with {want!r}"
    lines = err.splitlines()
    pattern = re.escape(str(wasm)) + r":0x([0-9a-f]+): error: (.+)"
    match = re.fullmatch(pattern, lines[0]) if len(lines) == 1 else None
    if not match:
        return f"expected one line {want!r}, got {err!r}"
    got = f"0x{match.group(1)}: {match.group(2)}"
    offset_ok = int(match.group(1), 16) == expect.offset
    if not offset_ok or not match.group(2).startswith(expect.prefix):
        return f"expected {want!r}, got {got!r}"
    return None


def run_test(wasm2native, test, tmp):
    """Return None when TEST passes, else the reason it fails."""
    try:
        expect, data = parse_test(test.read_text(encoding="utf-8"))
    except BadTestFile as error:
        return f"bad test file: {error}"
    wasm = tmp / (test.stem + ".wasm")
    wasm.write_bytes(data)
    try:
        proc = subprocess.run([wasm2native, "--validate", str(wasm)],
                              capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"timeout after {TIMEOUT} s"
    if proc.returncode < 0:
        return f"killed by signal {-proc.returncode}"
    out = proc.stdout.decode(errors="replace")
    err = proc.stderr.decode(errors="replace")
    if expect.offset is None:
        return judge_ok(proc.returncode, out, err)
    return judge_error(expect, wasm, proc.returncode, out, err)


def main():
    if len(sys.argv) != 3:
        print("usage: run_decode_tests.py WASM2NATIVE DIR", file=sys.stderr)
        return 1
    wasm2native, tests = sys.argv[1], sorted(Path(sys.argv[2]).glob("*.txt"))
    if not tests:
        print(f"decode: error: no tests in {sys.argv[2]}")
        return 1
    failed = 0
    with tempfile.TemporaryDirectory(prefix="w2n-decode-") as tmp:
        for test in tests:
            reason = run_test(wasm2native, test, Path(tmp))
            if reason:
                failed += 1
                print(f"FAIL {test.stem}: {reason}")
    print(f"decode: {len(tests) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
