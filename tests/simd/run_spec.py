#!/usr/bin/env python3
"""Runs the testsuite's simd_*.wast scripts, and tests/simd/*.wast, end to
end.

Each script is converted with wast2json into a temporary directory and run
by the general spec runner (tests/spec/spec_runner.c): every module is
compiled by wasm2native, loaded and instantiated through the runtime, and
every assert_return / assert_trap / assert_invalid checked, v128 results
lane by lane with nan:canonical and nan:arithmetic patterns.  Text-format
assert_malformed modules count as "not applicable".

usage: run_spec.py [--build DIR] [--testsuite DIR] [--bounds guard|explicit]
                   [--flags="-O0 ..."] [--cross TRIPLE] [-j N] [NAME ...]
--flags are passed to every wasm2native run (through a wrapper script).
--cross runs another target's code under qemu-user: the spec runner and
the runtime are built with that target's gcc, wasm2native gets --target;
exits 77 (skipped) when the cross compiler or qemu is missing.
Prints the failures and one summary line per script, then the totals;
exits 1 if anything failed.
"""
import argparse
import concurrent.futures
import os
import glob
import re
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile

import wast

SUMMARY = re.compile(r'spec-script .*: (\d+) passed, (\d+) failed, '
                     r'(\d+) not applicable')


# Cross targets: C compiler, qemu-user, and its sysroot.
CROSS = {
    'aarch64-linux-gnu': ('aarch64-linux-gnu-gcc', 'qemu-aarch64',
                          '/usr/aarch64-linux-gnu'),
    'arm-linux-gnueabihf': ('arm-linux-gnueabihf-gcc', 'qemu-arm',
                            '/usr/arm-linux-gnueabihf'),
    'riscv64-linux-gnu': ('riscv64-linux-gnu-gcc', 'qemu-riscv64',
                          '/usr/riscv64-linux-gnu'),
}


def cross_runner(triple, workdir):
    """Builds the spec runner for `triple`; the command that runs it."""
    cc, qemu, sysroot = CROSS[triple]
    if not shutil.which(cc) or not shutil.which(qemu):
        print('skipped: %s or %s missing' % (cc, qemu))
        sys.exit(77)
    # The sources of the w2n_rt library, as runtime/meson.build lists them.
    with open(os.path.join(wast.ROOT, 'runtime', 'meson.build')) as f:
        lib = re.search(r"static_library\('w2n_rt',(.*?)dependencies",
                        f.read(), re.S).group(1)
    runtime = [os.path.join(wast.ROOT, 'runtime', c)
               for c in re.findall(r"'([\w/]+\.c)'", lib)]
    spec = glob.glob(os.path.join(wast.ROOT, 'tests', 'spec', '*.c'))
    exe = os.path.join(workdir, 'spec_runner')
    subprocess.run([cc, '-std=c17', '-O1', '-D_GNU_SOURCE',
                    '-I' + os.path.join(wast.ROOT, 'runtime'), '-o', exe,
                    *spec, *runtime, '-rdynamic', '-ldl', '-lpthread',
                    '-lm'], check=True)
    return [qemu, '-L', sysroot, exe]


def wrapper(compiler, flags, workdir):
    """A script running `compiler` with `flags` added to its arguments."""
    path = os.path.join(workdir, 'wasm2native')
    with open(path, 'w') as f:
        f.write('#!/bin/sh\nexec %s %s "$@"\n' % (
            shlex.quote(compiler), ' '.join(map(shlex.quote, flags))))
    os.chmod(path, stat.S_IRWXU)
    return path


def run_script(runner, compiler, bounds, script):
    with tempfile.TemporaryDirectory() as work:
        p = subprocess.run(
            [*runner, '--compiler', compiler,
             '--bounds', bounds, '--work', work,
             wast.convert(script, work)],
            capture_output=True, text=True)
    out = p.stdout + p.stderr
    m = SUMMARY.search(out)
    if not m:
        return (0, 1, 0), out + '\nexit %d, no summary' % p.returncode
    fails = '\n'.join(line for line in out.splitlines()
                      if line.startswith('FAIL'))
    return tuple(int(g) for g in m.groups()), fails


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', default=os.path.join(wast.ROOT, 'build'))
    ap.add_argument('--testsuite', default=wast.TESTSUITE)
    ap.add_argument('--bounds', default='guard')
    ap.add_argument('--flags', default='')
    ap.add_argument('--cross', choices=sorted(CROSS))
    ap.add_argument('-j', type=int, default=2)
    ap.add_argument('names', nargs='*')
    args = ap.parse_args()
    scripts = wast.scripts(args.testsuite, args.names)
    total = [0, 0, 0]
    with tempfile.TemporaryDirectory() as tmp, \
            concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        compiler = os.path.join(args.build, 'wasm2native')
        runner = [os.path.join(args.build, 'tests', 'spec', 'spec_runner')]
        flags = shlex.split(args.flags)
        if args.cross:
            runner = cross_runner(args.cross, tmp)
            flags.append('--target=' + args.cross)
        if flags:
            compiler = wrapper(compiler, flags, tmp)
        results = pool.map(
            lambda s: run_script(runner, compiler, args.bounds, s),
            scripts)
        for script, (counts, fails) in zip(scripts, results):
            if fails:
                print(fails)
            name = os.path.splitext(os.path.basename(script))[0]
            print('%-40s %5d passed %4d failed %4d n/a' % (name, *counts))
            total = [t + c for t, c in zip(total, counts)]
    print('total: %d passed, %d failed, %d not applicable (%s bounds%s)' %
          (total[0], total[1], total[2], args.bounds,
           ''.join(', ' + f for f in flags)))
    return 1 if total[1] else 0


if __name__ == '__main__':
    sys.exit(main())
