#!/usr/bin/env python3
"""A large real module compiled as partitions: Ruby 3.4 for WASI (npm
@ruby/3.4-wasm-wasi, ruby+stdlib.wasm: 30 MB, 18,000 functions).

Fetches the package with `npm pack` into --work (once), compiles the
module at -O0 on two threads into a program that calls its
`ruby-show-version` export (the module is a library), runs it and checks
that Ruby prints its version; then checks that -c gives the same object
on one thread as on two.  A registry that cannot be reached fails the
test: its checks did not run.
Prints `parts-ruby: P passed, F failed`.
"""
import argparse
import glob
import os
import subprocess
import sys
import tarfile

PACKAGE = '@ruby/3.4-wasm-wasi@2.10.1'
MEMBER = 'package/dist/ruby+stdlib.wasm'
EXPORT = 'ruby-show-version: func() -> ()'


def fetch(work):
    wasm = os.path.join(work, 'ruby+stdlib.wasm')
    if os.path.exists(wasm):
        return wasm
    r = subprocess.run(['npm', 'pack', '--silent', '--pack-destination',
                        work, PACKAGE], capture_output=True, text=True)
    tgz = glob.glob(os.path.join(work, 'ruby-3.4-wasm-wasi-*.tgz'))
    if r.returncode or not tgz:
        print('parts-ruby: cannot fetch %s from npm: %s' %
              (PACKAGE, r.stderr.strip()[-300:]))
        return None
    with tarfile.open(tgz[0]) as t:
        with t.extractfile(MEMBER) as src, open(wasm + '.tmp', 'wb') as dst:
            dst.write(src.read())
    os.rename(wasm + '.tmp', wasm)
    os.unlink(tgz[0])
    return wasm


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--wasm2native', required=True)
    ap.add_argument('--work', required=True)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    wasm = fetch(a.work)
    if not wasm:
        print('parts-ruby: 0 passed, 1 failed (no module to test)')
        return 1
    passed = failed = 0

    def check(ok, what, detail=''):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print('FAIL %s %s' % (what, detail[-2000:]))

    prog = os.path.join(a.work, 'ruby')
    r = subprocess.run([a.wasm2native, '-O0', '-j2', '-v',
                        '--trap-unknown-imports', '--invoke', EXPORT, wasm,
                        '-o', prog], capture_output=True, text=True)
    check(r.returncode == 0, 'compile', r.stderr)
    print(r.stderr, end='')
    if r.returncode == 0:
        out = subprocess.run([prog], capture_output=True, text=True)
        check(out.returncode == 0 and
              out.stdout.startswith('ruby 3.4.1 (2024-12-25') and
              '[wasm32-wasi]' in out.stdout, 'ruby prints its version',
              out.stdout + out.stderr)
    objs = []
    for jobs in ['1', '2']:
        obj = os.path.join(a.work, 'ruby-j%s.o' % jobs)
        r = subprocess.run([a.wasm2native, '-O0', '-c', '-j' + jobs, wasm,
                            '-o', obj], capture_output=True, text=True)
        check(r.returncode == 0, 'compile -c -j' + jobs, r.stderr)
        with open(obj, 'rb') as f:
            objs.append(f.read())
        os.unlink(obj)
    check(objs[0] == objs[1], 'the same object on one thread and on two')
    print('parts-ruby: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
