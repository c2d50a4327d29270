#!/usr/bin/env python3
"""Runs a command and compares its stdout with a file (suite 'embed').

usage: check_output.py EXPECTED COMMAND [ARGS...]
Exit status 0 when the command exits 0 and prints exactly EXPECTED.  In a
cross build the command runs under meson's exe wrapper (qemu-user).
"""

import os
import shlex
import subprocess
import sys


def main():
    expected_path, command = sys.argv[1], sys.argv[2:]
    with open(expected_path) as f:
        expected = f.read()
    wrapper = shlex.split(os.environ.get("MESON_EXE_WRAPPER", ""))
    proc = subprocess.run(wrapper + command, capture_output=True, text=True)
    if proc.returncode != 0 or proc.stdout != expected:
        print(f"exit status {proc.returncode}; stderr:\n{proc.stderr}")
        print(f"stdout:\n{proc.stdout}expected:\n{expected}", end="")
        return 1
    print(proc.stdout, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
