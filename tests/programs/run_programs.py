#!/usr/bin/env python3
"""run_programs.py - the 'programs' suite: C programs built twice.

Each *.c (clang) and *.cpp (clang++) program of a folder
(tests/programs by default) is compiled -O2 to wasm32-wasi and natively.
The WebAssembly build is compiled with wasm2native for each bounds-check
strategy, for this machine or with --target for another one run through
--wrapper (qemu-user); every build runs with the same argv (argv[0] is
the program's name), environment, stdin and scratch directory, and stdout
and the exit status must equal the native build's.  --wasm-source adds C
files to every WebAssembly build (support code the wasm32 libraries
lack, such as tests/cxx's C++ exception runtime).

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


def execute(exe, name, spec, scratch, wasm, wrapper=()):
    """Runs one build in a fresh scratch directory, through `wrapper`
    (qemu-user, which takes argv[0] with -0) if any; (Result, error)."""
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
    cwd = os.path.dirname(exe)
    if wrapper:
        argv = list(wrapper) + ['-0', name, exe] + argv[1:]
        exe = shutil.which(argv[0]) or argv[0]
    try:
        r, error = run(argv, RUN_TIMEOUT, executable=exe, env=env,
                       stdin=stdin, cwd=cwd)
    finally:
        if spec.stdin:
            stdin.close()
    if error:
        return None, error
    status = r.returncode if r.returncode >= 0 else 128 - r.returncode
    return Result(r.stdout, status, r.stderr), None


def reproduce(exe, name, spec, scratch, wrapper=()):
    """A shell command that runs the WebAssembly build the same way."""
    items = [f'--env={n}={v}' for n, v in spec.env.items()]
    argv = []
    if spec.dir:
        items.append(f'--dir={scratch}::{scratch}')
        argv.append(scratch)
    argv += spec.args
    options = ' '.join(map(option_word, items))
    run_as = (list(wrapper) + ['-0', name] if wrapper else
              ['bash', '-c', f'exec -a {name} "$0" "$@"'])
    cmd = (f'env -i WASM2NATIVE_OPTIONS={shlex.quote(options)} '
           + ' '.join(shlex.quote(a) for a in run_as + [exe] + argv))
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


def build_commands(args, src, out):
    """The compiler commands of the WebAssembly and the native build."""
    cxx = src.endswith('.cpp')
    compiler = args.clangxx if cxx else args.clang
    extra = []
    if args.wasm_source:
        # C even when the driver is clang++; back to by-suffix after.
        extra = ['-x', 'c'] + args.wasm_source + ['-x', 'none']
    wasm = ([compiler, '--target=wasm32-wasi', f'--sysroot={args.sysroot}',
             '-O2'] + args.wasm_flag + extra + [src, '-o', out + '.wasm'])
    native = [compiler, '-O2', src, '-o', out + '.native', '-lm']
    return wasm, native


def test_program(args, name):
    """Builds and runs one program; (report lines, passed, failed)."""
    src = os.path.join(args.dir, name)
    name = os.path.splitext(name)[0]
    out = os.path.join(args.work, name)
    cases = len(args.bounds)
    fail = lambda why: ([f'FAIL {name}: ' + why.replace('\n', '\n  ')],
                        0, cases)
    try:
        spec = parse_spec(src)
    except ValueError as e:
        return fail(str(e))
    wasm_cmd, native_cmd = build_commands(args, src, out)
    error = compile_step(wasm_cmd) or compile_step(native_cmd)
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
    wrapper = shlex.split(args.wrapper)
    for bounds in args.bounds:
        label = f'{name} [{bounds}]'
        exe = f'{out}.{bounds}'
        target = [f'--target={args.target}'] if args.target else []
        error = compile_step([args.wasm2native, f'--bounds-checks={bounds}']
                             + target + args.w2n_flag +
                             [out + '.wasm', '-o', exe])
        got = None
        if not error:
            got, error = execute(exe, name, spec, scratch, True, wrapper)
        problems = [error] if error else compare(native, got)
        if problems:
            failed += 1
            report.append(f'FAIL {label}')
            report.append('  reproduce: ' + reproduce(exe, name, spec,
                                                      scratch, wrapper))
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
    ap.add_argument('--clangxx', default='clang++-19')
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
    ap.add_argument('--wasm-source', action='append', default=[],
                    help='C file added to every wasm32 build (repeatable)')
    ap.add_argument('--target',
                    help='compile the WebAssembly builds for this triple')
    ap.add_argument('--wrapper', default='',
                    help='command that runs them, e.g. '
                         '"qemu-aarch64 -L /usr/aarch64-linux-gnu"')
    ap.add_argument('-j', '--jobs', type=int, default=2)
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('programs', nargs='*',
                    help='program names or glob patterns (default: all)')
    args = ap.parse_args()
    args.bounds = args.bounds.split(',')
    args.work = os.path.abspath(args.work)
    os.makedirs(args.work, exist_ok=True)
    names = sorted(f for f in os.listdir(args.dir)
                   if f.endswith(('.c', '.cpp')))
    if args.programs:
        pats = [os.path.splitext(os.path.basename(p))[0]
                for p in args.programs]
        names = [n for n in names
                 if any(fnmatch.fnmatchcase(os.path.splitext(n)[0], p)
                        for p in pats)]
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
