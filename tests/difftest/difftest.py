#!/usr/bin/env python3
"""difftest.py - differential testing of wasm2native against native code.

Random C programs from csmith (Debian's csmith and libcsmith-dev) are
built natively with clang-19 (for 32-bit x86, whose ILP32 data model is
wasm32's) and for wasm32-wasi; the .wasm is compiled by wasm2native for
every bounds strategy and optimisation level asked for, and every build
must print the same checksum as the native one.  When all of them agree
on another checksum and node's engine prints it too, the C program
depends on what still differs between the two ABIs: it is discarded with
that reason, not passed.
The programs of tests/difftest/regress/*.c (minimised from mismatches
found earlier) run the same way, every time.

A seed whose native build does not finish within the time limit, dies of
a signal, or that clang cannot build, tests nothing of ours: it is
counted and named ("discarded"), not passed.  The last line is
`difftest: P passed, F failed` over programs x configurations; the exit
status is 1 when anything failed.

    difftest.py --wasm2native build/wasm2native --seeds 1-60
    scripts/difftest.sh N      (N more seeds, after those CI runs)
"""

import argparse
import concurrent.futures
import errno
import glob
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CSMITH_INCLUDE = '/usr/include/csmith'
CLANG = os.environ.get('CLANG', 'clang-19')
CFLAGS = ['-O2', '-w', '-I' + CSMITH_INCLUDE]
# The native reference is 32-bit x86 (ILP32, as wasm32: csmith's `long`
# constants and pointer-to-integer tests behave the same), with SSE
# arithmetic instead of x87's excess precision, linked statically against
# Debian's i686 cross libc (libc6-dev-i386-cross), which installs beside
# the other cross compilers where the i386 multilib packages would
# replace them; an x86-64 kernel runs it.
NATIVE_CFLAGS = ['--target=i686-linux-gnu', '-static', '-msse2',
                 '-mfpmath=sse'] + CFLAGS
WASM_CFLAGS = ['--target=wasm32-wasi', '--sysroot=/usr'] + CFLAGS
NODE_RUNNER = os.path.join(HERE, '..', '..', 'bench', 'node-wasi.mjs')
NATIVE_TIMEOUT = 3
WASM_TIMEOUT = 30
# Simple programs, so that most finish quickly: no volatile (it only
# makes checksums depend on how often an access is done, which both
# compilers may choose), no packed structs, no bit-fields (their layout
# is the ABI's, which differ between x86-64 and wasm32 only by choice).
CSMITH_FLAGS = ['--no-volatiles', '--no-packed-struct', '--no-bitfields',
                '--max-funcs', '8']


def run(cmd, timeout, **kw):
    """subprocess.run, None on a time-out.  A program being relinked (a
    rebuild of the compiler meanwhile) is tried again a few times."""
    for attempt in range(6):
        try:
            return subprocess.run(cmd, capture_output=True,
                                  timeout=timeout, **kw)
        except subprocess.TimeoutExpired:
            return None
        except OSError as e:
            if e.errno not in (errno.EACCES, errno.ETXTBSY, errno.ENOENT) \
                    or attempt == 5:
                raise
            time.sleep(2)


def build(src, work, name):
    """Native and wasm builds of one C file: (native, wasm) paths or an
    error string."""
    native = os.path.join(work, name + '.native')
    wasm = os.path.join(work, name + '.wasm')
    for cmd in ([CLANG] + NATIVE_CFLAGS + [src, '-o', native],
                [CLANG] + WASM_CFLAGS + [src, '-o', wasm]):
        r = run(cmd, 120)
        if r is None or r.returncode != 0:
            return 'clang failed: ' + ' '.join(cmd)
    return native, wasm


def check_program(args, src, name):
    """One program under every configuration.  Returns (report lines,
    passed, failed, discarded reason or None)."""
    built = build(src, args.work, name)
    if isinstance(built, str):
        return [], 0, 0, built
    native, wasm = built
    want = run([native], NATIVE_TIMEOUT)
    if want is None:
        return [], 0, 0, f'native run exceeds {NATIVE_TIMEOUT} s'
    if want.returncode < 0:
        # Say, a recursion deeper than the native stack: no checksum to
        # compare (the wasm build traps, as it should).
        return [], 0, 0, f'native run dies of signal {-want.returncode}'
    report, passed, failed = [], 0, 0
    mismatches = []
    for bounds in args.bounds:
        for opt in args.opt:
            exe = os.path.join(args.work, f'{name}.{bounds}.O{opt}')
            cmd = [args.wasm2native, f'--bounds-checks={bounds}',
                   f'-O{opt}', wasm, '-o', exe]
            r = run(cmd, 600)
            if r is None or r.returncode != 0:
                why = 'timed out' if r is None else r.stderr.decode(
                    errors='replace').strip()
                got = None
            else:
                got = run([exe], WASM_TIMEOUT)
                why = 'run timed out' if got is None else None
            same = got is not None and (got.stdout, got.returncode) == \
                (want.stdout, want.returncode)
            if same:
                passed += 1
                os.unlink(exe)
                continue
            failed += 1
            if why is None:
                mismatches.append((got.stdout, got.returncode))
                why = 'output %r (status %d), native %r (status %d)' % (
                    got.stdout[-200:], got.returncode, want.stdout[-200:],
                    want.returncode)
            report.append(f'FAIL {name} [{bounds} -O{opt}]: {why}')
            report.append(f'  reproduce: {" ".join(cmd)} && {exe}  '
                          f'(source: {src})')
    if mismatches and not passed and abi_difference(wasm, mismatches):
        return [], 0, 0, ('its wasm32 build prints another checksum than '
                          'the native one under every configuration and '
                          'under node too: the C program depends on the ABI')
    return report, passed, failed, None


def abi_difference(wasm, outputs):
    """Whether every configuration printed one same output that node's
    WebAssembly engine prints too: then the program itself behaves
    differently on wasm32 (say, through a union's layout), which no
    correct engine can change."""
    if len(set(outputs)) != 1 or not shutil.which('node'):
        return False
    got = run(['node', '--single-threaded-gc', NODE_RUNNER, wasm],
              WASM_TIMEOUT)
    return got is not None and (got.stdout, got.returncode) == outputs[0]


def csmith_program(args, seed):
    src = os.path.join(args.work, f'seed{seed}.c')
    if not os.path.exists(src):
        r = run(['csmith', '--seed', str(seed)] + CSMITH_FLAGS +
                ['-o', src], 60)
        if r is None or r.returncode != 0:
            return None
    return src


def parse_seeds(text):
    lo, _, hi = text.partition('-')
    return range(int(lo), int(hi or lo) + 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--wasm2native', required=True)
    ap.add_argument('--work', required=True, help='scratch directory')
    ap.add_argument('--seeds', default='1-60', help='csmith seeds, A-B')
    ap.add_argument('--bounds', default='guard,explicit')
    ap.add_argument('--opt', default='0,2')
    ap.add_argument('-j', '--jobs', type=int, default=2)
    args = ap.parse_args()
    args.bounds = args.bounds.split(',')
    args.opt = args.opt.split(',')
    os.makedirs(args.work, exist_ok=True)
    if not os.path.isdir(CSMITH_INCLUDE):
        print('difftest: csmith headers missing: install the Debian '
              'packages csmith and libcsmith-dev (scripts/setup.sh)')
        return 1
    jobs = [(f, os.path.basename(f)[:-2]) for f in
            sorted(glob.glob(os.path.join(HERE, 'regress', '*.c')))]
    for seed in parse_seeds(args.seeds):
        src = csmith_program(args, seed)
        if src is None:
            print(f'FAIL seed {seed}: csmith failed')
            return 1
        jobs.append((src, f'seed{seed}'))
    passed = failed = 0
    discarded = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = pool.map(lambda j: check_program(args, *j), jobs)
        for (src, name), (report, p, f, why) in zip(jobs, results):
            for line in report:
                print(line, flush=True)
            passed += p
            failed += f
            if why:
                discarded.append(f'{name} ({why})')
    programs = len(jobs) - len(discarded)
    configs = len(args.bounds) * len(args.opt)
    print(f'{programs} programs x {configs} configurations '
          f'({", ".join(args.bounds)} x -O{",".join(args.opt)}); '
          f'{len(discarded)} seeds discarded: ' +
          (', '.join(discarded) or 'none'))
    print(f'difftest: {passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
