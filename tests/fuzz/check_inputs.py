#!/usr/bin/env python3
"""Runs `wasm2native --validate` on hostile inputs (meson suite 'fuzz').

  check_inputs.py regressions WASM2NATIVE DIR
      every file in DIR (inputs that fuzzing found, plus seeds) must end
      with exit status 0 or 1 and at most one line on stderr: never a
      signal, a sanitizer report or any other output.
  check_inputs.py large WASM2NATIVE WORKDIR
      a 100 MB random file, and one with a valid header before 100 MB of
      random bytes, written into WORKDIR and deleted afterwards, must be
      rejected with one diagnostic in under 5 seconds and less than
      300 MB of memory (the child's peak RSS).
"""
import os
import random
import resource
import subprocess
import sys
import time

PER_FILE_TIMEOUT = 20  # seconds; a hang is a finding too
LARGE_SIZE = 100 * 1000 * 1000
LARGE_TIME_LIMIT = 5.0  # seconds
LARGE_RSS_LIMIT = 300 * 1024 * 1024  # bytes


def run(wasm2native, path, env=None):
    """Runs the validator; returns (returncode, stdout, stderr, seconds)."""
    start = time.monotonic()
    p = subprocess.run([wasm2native, "--validate", path], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=PER_FILE_TIMEOUT)
    return p.returncode, p.stdout, p.stderr, time.monotonic() - start


def problem(code, out, err, want_codes):
    """What is wrong with one run, or None."""
    if code < 0:
        return "killed by signal %d" % -code
    if code not in want_codes:
        return "exit status %d" % code
    if out:
        return "output on stdout"
    lines = err.decode("utf-8", "replace").splitlines()
    if len(lines) > 1:
        return "%d lines on stderr" % len(lines)
    if code == 1 and not lines:
        return "rejected without a diagnostic"
    if code == 0 and lines:
        return "accepted with a diagnostic"
    return None


def check_regressions(wasm2native, directory):
    names = sorted(n for n in os.listdir(directory)
                   if os.path.isfile(os.path.join(directory, n)))
    failed = 0
    for name in names:
        path = os.path.join(directory, name)
        try:
            code, out, err, _ = run(wasm2native, path)
            why = problem(code, out, err, (0, 1))
        except subprocess.TimeoutExpired:
            why, err = "no result in %d s" % PER_FILE_TIMEOUT, b""
        if why:
            failed += 1
            print("FAIL %s: %s" % (name, why))
            sys.stdout.write(err.decode("utf-8", "replace")[:2000])
        else:
            print("ok   %s" % name)
    print("fuzz-regressions: %d passed, %d failed"
          % (len(names) - failed, failed))
    return 1 if failed or not names else 0


def large_env():
    """The environment for the large inputs.  In an ASan build, freed
    blocks stay resident in ASan's quarantine (up to 256 MB) on purpose;
    the limit is about the compiler's own footprint, so the quarantine is
    turned off (no effect on other builds)."""
    env = dict(os.environ)
    opts = env.get("ASAN_OPTIONS", "")
    env["ASAN_OPTIONS"] = (opts + ":" if opts else "") + "quarantine_size_mb=0"
    return env


def check_large(wasm2native, workdir, name, header):
    path = os.path.join(workdir, name)
    rng = random.Random(name)  # the same bytes on every run
    try:
        with open(path, "wb") as f:
            f.write(header)
            left = LARGE_SIZE - len(header)
            while left:
                n = min(left, 1 << 24)
                f.write(rng.randbytes(n))
                left -= n
        code, out, err, seconds = run(wasm2native, path, large_env())
    finally:
        if os.path.exists(path):
            os.remove(path)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    why = problem(code, out, err, (1,))
    if not why and seconds >= LARGE_TIME_LIMIT:
        why = "took %.2f s" % seconds
    if not why and rss >= LARGE_RSS_LIMIT:
        why = "peak RSS %d MB" % (rss >> 20)
    print("%s %s: exit %d in %.2f s, peak RSS %d MB: %s"
          % ("FAIL" if why else "ok  ", name, code, seconds, rss >> 20,
             err.decode("utf-8", "replace").strip()))
    if why:
        print("     %s" % why)
    return 1 if why else 0


def main(argv):
    if len(argv) != 4 or argv[1] not in ("regressions", "large"):
        sys.exit(__doc__)
    mode, wasm2native, where = argv[1:]
    if mode == "regressions":
        return check_regressions(wasm2native, where)
    os.makedirs(where, exist_ok=True)
    failed = check_large(wasm2native, where, "large-random.wasm", b"")
    failed += check_large(wasm2native, where, "large-header-random.wasm",
                          b"\0asm\1\0\0\0")
    print("fuzz-large-input: %d passed, %d failed" % (2 - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
