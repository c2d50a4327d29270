#!/usr/bin/env python3
"""run_programs.py - the 'programs' suite: C programs built twice.

Each tests/programs/*.c is compiled with clang -O2 to wasm32-wasi and
natively.  The WebAssembly build is compiled with wasm2native for each
bounds-check strategy; every build runs with the same argv (argv[0] is the
program's name), environment, stdin and scratch directory, and stdout and
the exit status must equal the native build's.

RUN lines in a leading `//` comment block say how to run a program:

    // RUN: args one "two words"    arguments after argv[0] (shlex syntax)
    // RUN: env NAME=VALUE          an environment variable (repeatable);
                                    nothing else is in the environment
    // RUN: dir                     a fresh empty directory, passed as the
                                    first argument; the WebAssembly builds
                                    get it preopened at the same path
    // RUN: stdin FILE              stdin from FILE next to the program
                                    (otherwise /dev/null)
    // RUN: exit N                  the exit status every build must have
                                    (default 0), so a broken native build
                                    is not taken as the reference

Environment and directory reach the WebAssembly builds through
WASM2NATIVE_OPTIONS (`--env=NAME=VALUE`, `--dir=PATH::PATH`).  The last
line is `programs: P passed, F failed`, one case per program and strategy;
the exit status is 1 when any case failed.
"""

import argparse
import concurrent.futures
import difflib
import errno
import fnmatch
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RUN_TIMEOUT = 60
COMPILE_TIMEOUT = 300
DIFF_CONTEXT = 3
DIFF_LINES = 40
EXEC_RETRIES = 5


class Spec:
    """How to run one program, from its RUN lines."""

    def __init__(self):
        self.args = []
        self.env = {}
        self.dir = False
        self.stdin = None
        self.exit = 0


def parse_spec(path):
    spec = Spec()
    with open(path) as f:
        for line in f:
            if not line.startswith('//'):
                break
            m = re.match(r'//\s*RUN:\s*(\S+)\s*(.*?)\s*$', line)
            if not m:
                continue
            verb, arg = m.groups()
            if verb == 'args':
                spec.args += shlex.split(arg)
            elif verb == 'env' and '=' in arg:
                name, value = arg.split('=', 1)
                spec.env[name] = value
            elif verb == 'dir' and not arg:
                spec.dir = True
            elif verb == 'stdin' and arg:
                spec.stdin = os.path.join(os.path.dirname(path), arg)
            elif verb == 'exit' and re.fullmatch(r'\d+', arg):
                spec.exit = int(arg)
            else:
                raise ValueError(f'{path}: bad RUN line: {line.rstrip()}')
    return spec


def option_word(text):
    """One WASM2NATIVE_OPTIONS item: blanks and backslashes escaped."""
    return re.sub(r'([\\ \t\n])', r'\\\1', text)


def run(cmd, timeout, **kw):
    """subprocess.run that reports failures to start or finish as text.
    A program that cannot be executed because it is being rewritten
    (a concurrent relink of wasm2native in a shared build tree) is tried
    again a few times."""
    for attempt in range(EXEC_RETRIES + 1):
        try:
            return subprocess.run(cmd, capture_output=True, timeout=timeout,
                                  **kw), None
        except subprocess.TimeoutExpired:
            return None, f'{cmd[0]}: timed out after {timeout}s'
        except OSError as e:
            if e.errno not in (errno.EACCES, errno.ETXTBSY, errno.ENOENT) \
                    or attempt == EXEC_RETRIES:
                return None, f'{cmd[0]}: {e}'
            time.sleep(2)


def compile_step(cmd):
    """Runs one compiler command; returns an error string or None."""
    r, error = run(cmd, COMPILE_TIMEOUT)
    if error:
        return error
    if r.returncode != 0:
        return ('%s failed (status %d):\n%s' %
                (' '.join(cmd), r.returncode,
                 r.stderr.decode(errors='replace')))
    return None


class Result:
    def __init__(self, stdout, status, stderr):
        self.stdout, self.status, self.stderr = stdout, status, stderr


def execute(exe, name, spec, scratch, wasm):
    """Runs one build in a fresh scratch directory; (Result, error)."""
    argv = [name]
    env = dict(spec.env)
    if spec.dir:
        shutil.rmtree(scratch, ignore_errors=True)
        os.makedirs(scratch)
        argv.append(scratch)
    argv += spec.args
    if wasm:
        items = [f'--env={n}={v}' for n, v in spec.env.items()]
        if spec.dir:
            items.append(f'--dir={scratch}::{scratch}')
        env = {'WASM2NATIVE_OPTIONS': ' '.join(map(option_word, items))}
    stdin = open(spec.stdin, 'rb') if spec.stdin else subprocess.DEVNULL
    try:
        r, error = run(argv, RUN_TIMEOUT, executable=exe, env=env,
                       stdin=stdin, cwd=os.path.dirname(exe))
    finally:
        if spec.stdin:
            stdin.close()
    if error:
        return None, error
    status = r.returncode if r.returncode >= 0 else 128 - r.returncode
    return Result(r.stdout, status, r.stderr), None


def reproduce(exe, name, spec, scratch):
    """A shell command that runs the WebAssembly build the same way."""
    items = [f'--env={n}={v}' for n, v in spec.env.items()]
    argv = []
    if spec.dir:
        items.append(f'--dir={scratch}::{scratch}')
        argv.append(scratch)
    argv += spec.args
    options = ' '.join(map(option_word, items))
    cmd = (f'env -i WASM2NATIVE_OPTIONS={shlex.quote(options)} '
           f'bash -c \'exec -a {name} "$0" "$@"\' '
           + ' '.join(shlex.quote(a) for a in [exe] + argv))
    if spec.stdin:
        cmd += ' < ' + shlex.quote(spec.stdin)
    return cmd


def describe_difference(want, got):
    """A short unified diff around the first differing line."""
    a = want.decode(errors='replace').splitlines(True)
    b = got.decode(errors='replace').splitlines(True)
    first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y),
                 min(len(a), len(b)))
    lo = max(0, first - DIFF_CONTEXT)
    hi = first + DIFF_CONTEXT + 1
    diff = list(difflib.unified_diff(a[lo:hi], b[lo:hi], 'native', 'wasm',
                                     lineterm='\n'))
    head = (f'stdout differs: native {len(want)} bytes / {len(a)} lines, '
            f'wasm {len(got)} bytes / {len(b)} lines; first difference '
            f'at line {first + 1}')
    body = ''.join(diff[:DIFF_LINES]).rstrip('\n')
    return head + '\n' + body


def compare(native, got):
    problems = []
    if got.stdout != native.stdout:
        problems.append(describe_difference(native.stdout, got.stdout))
    if got.status != native.status:
        problems.append(f'exit status {got.status}, native {native.status}')
    if problems and got.stderr:
        problems.append('stderr: ' +
                        got.stderr.decode(errors='replace')[:500].rstrip())
    return problems


def test_program(args, name):
    """Builds and runs one program; (report lines, passed, failed)."""
    src = os.path.join(args.dir, name + '.c')
    out = os.path.join(args.work, name)
    cases = len(args.bounds)
    fail = lambda why: ([f'FAIL {name}: ' + why.replace('\n', '\n  ')],
                        0, cases)
    try:
        spec = parse_spec(src)
    except ValueError as e:
        return fail(str(e))
    error = (compile_step([args.clang, '--target=wasm32-wasi',
                           f'--sysroot={args.sysroot}', '-O2'] +
                          args.wasm_flag + [src, '-o', out + '.wasm']) or
             compile_step([args.clang, '-O2', src, '-o', out + '.native',
                           '-lm']))
    if error:
        return fail(error)
    scratch = out + '.dir'
    native, error = execute(out + '.native', name, spec, scratch, False)
    if error:
        return fail('native build: ' + error)
    if native.status != spec.exit:
        return fail(f'the native build exits with {native.status}, not '
                    f'{spec.exit}: the program or its RUN lines are wrong\n'
                    + native.stderr.decode(errors='replace')[:500])
    report, passed, failed = [], 0, 0
    for bounds in args.bounds:
        label = f'{name} [{bounds}]'
        exe = f'{out}.{bounds}'
        error = compile_step([args.wasm2native, f'--bounds-checks={bounds}']
                             + args.w2n_flag + [out + '.wasm', '-o', exe])
        got = None
        if not error:
            got, error = execute(exe, name, spec, scratch, True)
        problems = [error] if error else compare(native, got)
        if problems:
            failed += 1
            report.append(f'FAIL {label}')
            report.append('  reproduce: ' + reproduce(exe, name, spec,
                                                      scratch))
            report.extend('  ' + line for p in problems
                          for line in p.split('\n'))
        else:
            passed += 1
            if args.verbose:
                report.append(f'ok   {label} ({len(native.stdout)} bytes, '
                              f'exit {native.status})')
    return report, passed, failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--wasm2native', required=True)
    ap.add_argument('--clang', default='clang-19')
    ap.add_argument('--sysroot', default='/usr',
                    help='wasi-libc sysroot for --target=wasm32-wasi')
    ap.add_argument('--work', required=True, help='scratch directory')
    ap.add_argument('--dir', default=HERE, help='where the .c files are')
    ap.add_argument('--bounds', default='guard,explicit',
                    help='comma-separated bounds-check strategies')
    ap.add_argument('--wasm-flag', action='append', default=[],
                    help='extra clang option for the wasm32 build only '
                         '(repeatable), e.g. -msimd128')
    ap.add_argument('--w2n-flag', action='append', default=[],
                    help='extra wasm2native option (repeatable), e.g. -O0')
    ap.add_argument('-j', '--jobs', type=int, default=2)
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('programs', nargs='*',
                    help='program names or glob patterns (default: all)')
    args = ap.parse_args()
    args.bounds = args.bounds.split(',')
    args.work = os.path.abspath(args.work)
    os.makedirs(args.work, exist_ok=True)
    names = sorted(f[:-2] for f in os.listdir(args.dir) if f.endswith('.c'))
    if args.programs:
        pats = [os.path.basename(p).removesuffix('.c') for p in args.programs]
        names = [n for n in names
                 if any(fnmatch.fnmatchcase(n, p) for p in pats)]
        if not names:
            print('programs: nothing matches ' + ' '.join(args.programs))
            return 1
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for report, p, f in pool.map(lambda n: test_program(args, n), names):
            for line in report:
                print(line, flush=True)
            passed += p
            failed += f
    print(f'programs: {passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
