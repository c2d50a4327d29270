#!/usr/bin/env python3
"""Compiles every module of the spec testsuite's simd_*.wast scripts.

Each script (the testsuite's simd_*.wast, then tests/simd/*.wast) is
converted with wast2json into a temporary directory.  Every module it
defines (module, assert_uninstantiable, assert_unlinkable, assert_trap on a
module) must compile to an object with `wasm2native -c`: no diagnostic, no
LLVM verifier failure, no crash.  Modules that assert_invalid or
assert_malformed expect to be rejected are not compiled.

usage: compile_modules.py [--testsuite DIR] [--compiler PATH] [-j N]
                          [--flags="-O0 --target=..."] [NAME ...]
Prints one line per failure and a summary; exits 1 if anything failed.
"""
import argparse
import concurrent.futures
import json
import os
import shlex
import subprocess
import sys
import tempfile

import wast

# Command types whose module is valid and must compile.
COMPILED = {'module', 'assert_uninstantiable', 'assert_unlinkable',
            'assert_trap'}


def modules(json_path):
    with open(json_path) as f:
        script = json.load(f)
    base = os.path.dirname(json_path)
    for cmd in script['commands']:
        if cmd['type'] in COMPILED and 'filename' in cmd:
            if cmd.get('module_type', 'binary') == 'binary':
                yield os.path.join(base, cmd['filename']), cmd['line']


def compile_one(compiler, flags, wasm, outdir):
    out = os.path.join(outdir, os.path.basename(wasm) + '.o')
    argv = [compiler, '-c', *flags, wasm, '-o', out]
    try:
        p = subprocess.run(argv, capture_output=True, text=True,
                           timeout=300)
    except subprocess.TimeoutExpired:
        return 'timeout'
    if os.path.exists(out):
        os.unlink(out)
    if p.returncode != 0:
        msg = (p.stderr or p.stdout).strip().splitlines()
        return 'exit %d: %s' % (p.returncode, msg[0] if msg else '')
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--testsuite', default=wast.TESTSUITE)
    ap.add_argument('--compiler',
                    default=os.path.join(wast.ROOT, 'build', 'wasm2native'))
    ap.add_argument('-j', type=int, default=2)
    ap.add_argument('--flags', default='')
    ap.add_argument('names', nargs='*')
    args = ap.parse_args()
    flags = shlex.split(args.flags)
    failed = 0
    with tempfile.TemporaryDirectory() as outdir, \
            concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        work = []
        for script in wast.scripts(args.testsuite, args.names):
            name = os.path.splitext(os.path.basename(script))[0]
            work += [(name, w, line) for w, line in
                     modules(wast.convert(script, outdir))]
        futures = [pool.submit(compile_one, args.compiler, flags, w, outdir)
                   for _, w, _ in work]
        for (name, wasm, line), fut in zip(work, futures):
            err = fut.result()
            if err:
                failed += 1
                print('FAIL %s:%d %s: %s' % (name, line,
                                             os.path.basename(wasm), err))
    print('%d/%d modules compiled' % (len(work) - failed, len(work)))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
