#!/usr/bin/env python3
"""run_wat.py - the 'run' suite: .wat programs compiled and run natively.

Each tests/run/*.wat file is a WASI command module (it exports _start)
whose leading `;;` comment block holds a description and then what the
program must do:

    ;; RUN: expect-stdout
    ;; 42
    ;; -1
    ;; RUN: expect-exit 0            (the default when absent)
or  ;; RUN: expect-trap integer divide by zero
or  ;; RUN: expect-exception uncaught exception of tag "e" (i32 7)
    ;; RUN: opt-levels 0,1,2,3      (instead of --opt, for this file)
    ;; RUN: features multi-memory,memory64   (wat2wasm --enable-FEATURE)
    ;; RUN: timeout 120             (seconds a run may take, instead of 20)
    ;; RUN: data-limit 256          (MiB of data the program may allocate,
                                     RLIMIT_DATA; not under --wrapper)
    ;; RUN: wabt 3.0                (converted by --wat2wasm3, the wabt of
                                     ../shared that reads Wasm 3.0 text)
    ;; RUN: flags --interruptible=epoch   (more wasm2native options)
    ;; RUN: options --timeout=200ms  (WASM2NATIVE_OPTIONS of the run)

Lines after `expect-stdout` up to the next `RUN:` line are the expected
stdout, one line each (`;;` alone is an empty line); without them stdout
must be empty.  A line
`;; INCLUDE print.wat` inside the module is replaced by
include/print.wat (the print helpers).  Each file is converted with
wat2wasm once, then compiled with wasm2native for every bounds-check
strategy and optimisation level asked for, and run:

  * stdout must equal the expected text;
  * without a trap, the exit status must be the expected one and stderr
    must be empty;
  * with a trap, the status must be 134 and stderr must start with
    `wasm trap: KIND` followed by ` in function ...` or the line's end;
    with an uncaught exception, the same with `wasm exception: TEXT`.

--rebase rewrites the RUN lines of each file from what it actually did,
when every configuration agrees.  The last line is `run: P passed, F
failed`, counting one case per file and configuration; the exit status is
1 when any case failed.
"""

import argparse
import concurrent.futures
import difflib
import errno
import fnmatch
import os
import re
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
INCLUDE_RE = re.compile(r'^\s*;;\s*INCLUDE\s+(\S+)\s*$')
TRAP_RE = re.compile(r'^wasm (trap|exception): (.*?)(?: in function .*)?$')
TRAP_STATUS = 134
RUN_TIMEOUT = 20
# The features beyond Wasm 2.0 that programs may use.
WAT2WASM_FEATURES = ['--enable-tail-call']
EXEC_RETRIES = 5


class Expect:
    """What a file says it does, parsed from its leading comment block."""

    def __init__(self):
        self.description = []    # comment lines before the first RUN line
        self.stdout = []         # expected lines (none: stdout is empty)
        self.exit = 0
        self.trap = None         # ('trap' or 'exception', text), or None
        self.header_len = 0      # lines in the leading comment block
        self.opt = None          # optimisation levels, or None for --opt
        self.features = []       # wat2wasm features to enable
        self.timeout = RUN_TIMEOUT  # seconds each run may take
        self.wabt3 = False       # converted by --wat2wasm3
        self.data_limit = None   # MiB of data the program may map
        self.flags = []          # more wasm2native options
        self.options = None      # WASM2NATIVE_OPTIONS, or None


def comment_text(line):
    """The text of a `;;` line: `;; x` gives `x`, `;;` gives ``."""
    body = line.rstrip('\n')[2:]
    return body[1:] if body.startswith(' ') else body


def parse_expect(path, lines):
    exp = Expect()
    exp.stdout = None
    mode = 'description'
    for line in lines:
        if not line.startswith(';;'):
            break
        exp.header_len += 1
        text = comment_text(line)
        if text.startswith('RUN:'):
            words = text[4:].split(None, 1)
            verb = words[0] if words else ''
            arg = words[1].strip() if len(words) > 1 else ''
            if verb == 'expect-stdout' and not arg:
                exp.stdout = []
                mode = 'stdout'
            elif verb == 'expect-exit' and re.fullmatch(r'\d+', arg):
                exp.exit = int(arg)
                mode = 'none'
            elif verb == 'opt-levels' and re.fullmatch(r'[0-3](,[0-3])*',
                                                       arg):
                exp.opt = arg.split(',')
                mode = 'none'
            elif verb == 'features' and re.fullmatch(r'[a-z0-9,-]+', arg):
                exp.features = arg.split(',')
            elif verb == 'wabt' and arg == '3.0':
                exp.wabt3 = True
                mode = 'none'
            elif verb == 'data-limit' and re.fullmatch(r'\d+', arg):
                exp.data_limit = int(arg)
                mode = 'none'
            elif verb == 'flags' and arg:
                exp.flags = arg.split()
                mode = 'none'
            elif verb == 'options' and arg:
                exp.options = arg
                mode = 'none'
            elif verb == 'timeout' and re.fullmatch(r'\d+', arg):
                exp.timeout = int(arg)
                mode = 'none'
            elif verb in ('expect-trap', 'expect-exception') and arg:
                exp.trap = (verb[7:], arg)
                exp.exit = TRAP_STATUS
                mode = 'none'
            else:
                raise ValueError(f'{path}: bad RUN line: {line.rstrip()}')
        elif mode == 'description':
            exp.description.append(line.rstrip('\n'))
        elif mode == 'stdout':
            exp.stdout.append(text)
        else:
            raise ValueError(f'{path}: text after a RUN line: {line.rstrip()}')
    if exp.stdout is None:
        exp.stdout = []
    return exp


def expand_includes(path, lines):
    """The module text with every INCLUDE line replaced by its file."""
    out = []
    for line in lines:
        m = INCLUDE_RE.match(line)
        if m:
            with open(os.path.join(HERE, 'include', m.group(1))) as f:
                out.append(f.read())
        else:
            out.append(line)
    return ''.join(out)


def run(cmd, timeout=RUN_TIMEOUT, **kw):
    """subprocess.run with a timeout.  A program that cannot be executed
    because it is being rewritten (a concurrent relink of wasm2native in a
    shared build tree) is tried again a few times."""
    for attempt in range(EXEC_RETRIES + 1):
        try:
            return subprocess.run(cmd, capture_output=True,
                                  timeout=timeout, **kw)
        except OSError as e:
            if e.errno not in (errno.EACCES, errno.ETXTBSY, errno.ENOENT) \
                    or attempt == EXEC_RETRIES:
                raise
            time.sleep(2)


def prepare(args, name):
    """Expands and converts one file; returns (Expect, wasm path) or an
    error string."""
    path = os.path.join(args.dir, name + '.wat')
    with open(path) as f:
        lines = f.readlines()
    try:
        exp = parse_expect(path, lines)
    except ValueError as e:
        return None, str(e)
    expanded = os.path.join(args.work, name + '.wat')
    wasm = os.path.join(args.work, name + '.wasm')
    with open(expanded, 'w') as f:
        f.write(expand_includes(path, lines))
    try:
        tool = [args.wat2wasm3, '--enable-all'] if exp.wabt3 else \
            [args.wat2wasm] + WAT2WASM_FEATURES
        r = run(tool + ['--debug-names', expanded, '-o', wasm] +
                ['--enable-' + f for f in exp.features])
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, f'cannot run wat2wasm: {e}'
    if r.returncode != 0:
        return None, 'wat2wasm failed:\n' + r.stderr.decode(errors='replace')
    return exp, wasm


class Outcome:
    """What one compiled program did."""

    def __init__(self, stdout, status, stderr):
        self.stdout = stdout
        self.status = status
        self.stderr = stderr

    def trap(self):
        first = self.stderr.split('\n', 1)[0]
        m = TRAP_RE.match(first)
        return m.groups() if m and self.status == TRAP_STATUS else None

    def key(self):
        return (self.stdout, self.status, self.trap())


def limit_data(mib):
    """A preexec_fn that limits the data size (RLIMIT_DATA: heap and
    writable private mappings, not the reserved guard region) to MIB."""
    def apply():
        n = mib << 20
        resource.setrlimit(resource.RLIMIT_DATA, (n, n))
    return apply


def run_case(args, name, wasm, bounds, opt, exp):
    """Compiles and runs one configuration; returns (Outcome, error)."""
    exe = os.path.join(args.work, f'{name}.{bounds}.O{opt}')
    target = [f'--target={args.target}'] if args.target else []
    timeout = exp.timeout
    try:
        r = run([args.wasm2native, f'--bounds-checks={bounds}', f'-O{opt}',
                 wasm, '-o', exe] + target + exp.flags)
    except subprocess.TimeoutExpired:
        return None, f'wasm2native timed out after {RUN_TIMEOUT}s'
    except OSError as e:
        return None, f'cannot run wasm2native: {e}'
    if r.returncode != 0:
        return None, ('wasm2native failed (status %d):\n%s' %
                      (r.returncode, r.stderr.decode(errors='replace')))
    env = dict(os.environ)
    env.pop('WASM2NATIVE_OPTIONS', None)
    if exp.options is not None:
        env['WASM2NATIVE_OPTIONS'] = exp.options
    try:
        # Under an emulator, the limit would count the emulator's data.
        limit = exp.data_limit and not args.wrapper and not args.sanitized
        p = run(args.wrapper + [exe], timeout=timeout,
                stdin=subprocess.DEVNULL, env=env,
                preexec_fn=limit_data(exp.data_limit) if limit else None)
    except subprocess.TimeoutExpired:
        return None, f'timed out after {timeout}s'
    except OSError as e:
        return None, f'cannot run {exe}: {e}'
    # A signal death shows as 128+N, the way a shell reports it.
    status = p.returncode if p.returncode >= 0 else 128 - p.returncode
    stderr = p.stderr.decode(errors='replace')
    if args.sanitized: # the stack limit's makecontext (docs/interruption.md)
        stderr = re.sub(r"==\d+==WARNING: ASan doesn't fully support "
                        r"makecontext/swapcontext.*\n", '', stderr)
    return Outcome(p.stdout.decode(errors='replace'), status, stderr), None


def expected_stdout(exp):
    return ''.join(line + '\n' for line in exp.stdout)


def check(exp, out):
    """The list of ways `out` differs from `exp` (empty when it passes)."""
    problems = []
    want = expected_stdout(exp)
    if out.stdout != want:
        diff = difflib.unified_diff(want.splitlines(True),
                                    out.stdout.splitlines(True),
                                    'expected', 'actual')
        problems.append('stdout differs:\n' + ''.join(diff).rstrip('\n'))
    if exp.trap is not None:
        if out.trap() != exp.trap:
            problems.append('expected %s "%s" with status %d; got status '
                            '%d, stderr: %r' % (*exp.trap, TRAP_STATUS,
                                                out.status, out.stderr[:300]))
    else:
        if out.status != exp.exit:
            problems.append('expected exit status %d, got %d' %
                            (exp.exit, out.status))
        if out.stderr:
            problems.append('unexpected stderr: %r' % out.stderr[:300])
    return problems


def rebase(args, name, exp, outcomes):
    """Rewrites the RUN lines of `name` from the agreed outcome."""
    keys = {o.key() for o in outcomes}
    if len(keys) != 1:
        return 'not rebased: the configurations disagree'
    out = outcomes[0]
    if out.stdout and not out.stdout.endswith('\n'):
        return 'not rebased: stdout does not end with a newline'
    path = os.path.join(args.dir, name + '.wat')
    with open(path) as f:
        lines = f.readlines()
    header = [line + '\n' for line in exp.description]
    if exp.opt:
        header.append(';; RUN: opt-levels %s\n' % ','.join(exp.opt))
    if exp.features:
        header.append(';; RUN: features %s\n' % ','.join(exp.features))
    if exp.wabt3:
        header.append(';; RUN: wabt 3.0\n')
    if exp.data_limit:
        header.append(f';; RUN: data-limit {exp.data_limit}\n')
    if exp.timeout != RUN_TIMEOUT:
        header.append(f';; RUN: timeout {exp.timeout}\n')
    if exp.flags:
        header.append(';; RUN: flags %s\n' % ' '.join(exp.flags))
    if exp.options is not None:
        header.append(f';; RUN: options {exp.options}\n')
    if out.stdout:
        header.append(';; RUN: expect-stdout\n')
        for line in out.stdout.split('\n')[:-1]:
            header.append((';; ' + line if line else ';;') + '\n')
    if out.trap() is not None:
        header.append(';; RUN: expect-%s %s\n' % out.trap())
    else:
        header.append(f';; RUN: expect-exit {out.status}\n')
    with open(path, 'w') as f:
        f.writelines(header + lines[exp.header_len:])
    return None


def test_file(args, name):
    """Runs every configuration of one file; returns the report lines and
    the number of cases passed and failed."""
    exp, wasm = prepare(args, name)
    if exp is None:
        configs = [(b, o) for b in args.bounds for o in args.opt]
        return [f'FAIL {name}: {wasm}'], 0, len(configs)
    configs = [(b, o) for b in args.bounds for o in exp.opt or args.opt]
    report, passed, failed, outcomes = [], 0, 0, []
    for bounds, opt in configs:
        label = f'{name} [{bounds} -O{opt}]'
        out, error = run_case(args, name, wasm, bounds, opt, exp)
        problems = [error] if error else check(exp, out)
        if out:
            outcomes.append(out)
        if problems:
            failed += 1
            report.append(f'FAIL {label}')
            report.append('  reproduce: %s --bounds-checks=%s -O%s %s -o x '
                          '&& ./x  (text: %s)' %
                          (args.wasm2native, bounds, opt, wasm,
                           wasm[:-5] + '.wat'))
            report.extend('  ' + line for p in problems
                          for line in p.split('\n'))
        else:
            passed += 1
            if args.verbose:
                report.append(f'ok   {label}')
    if args.rebase:
        if len(outcomes) == len(configs):
            note = rebase(args, name, exp, outcomes)
        else:
            note = 'not rebased: a configuration did not run'
        report.append(f'{name}: ' + (note or 'rebased'))
    return report, passed, failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--wasm2native', required=True)
    ap.add_argument('--wat2wasm', default='wat2wasm')
    ap.add_argument('--wat2wasm3', default='wat2wasm',
                    help='a wat2wasm that reads Wasm 3.0 text')
    ap.add_argument('--work', required=True, help='scratch directory')
    ap.add_argument('--dir', default=HERE, help='where the .wat files are')
    ap.add_argument('--bounds', default='guard,explicit',
                    help='comma-separated bounds-check strategies')
    ap.add_argument('--opt', default='0,2',
                    help='comma-separated optimisation levels')
    ap.add_argument('--target', help='compile for TRIPLE (--wrapper runs it)')
    ap.add_argument('--wrapper', default='',
                    help='command that runs a program of the target, e.g. '
                    '"qemu-aarch64 -L /usr/aarch64-linux-gnu"')
    ap.add_argument('--sanitized', action='store_true',
                    help='programs link a sanitizer runtime: no data-limit '
                    '(ASan maps its shadow; LeakSanitizer checks leaks at '
                    'exit instead) and ASan\'s swapcontext warning is not '
                    'unexpected stderr')
    ap.add_argument('--label', default='run',
                    help='the name on the totals line')
    ap.add_argument('-j', '--jobs', type=int, default=2)
    ap.add_argument('--rebase', action='store_true',
                    help='rewrite the RUN lines from the actual behaviour')
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('files', nargs='*',
                    help='test names, .wat paths or glob patterns (default: all)')
    args = ap.parse_args()
    args.bounds = args.bounds.split(',')
    args.opt = args.opt.split(',')
    args.wrapper = args.wrapper.split()
    os.makedirs(args.work, exist_ok=True)
    names = sorted(f[:-4] for f in os.listdir(args.dir)
                   if f.endswith('.wat'))
    if args.files:
        pats = [os.path.basename(f).removesuffix('.wat') for f in args.files]
        names = [n for n in names
                 if any(fnmatch.fnmatchcase(n, p) for p in pats)]
        if not names:
            print(f'{args.label}: no test matches ' + ' '.join(args.files))
            return 1
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for report, p, f in pool.map(lambda n: test_file(args, n), names):
            for line in report:
                print(line)
            passed += p
            failed += f
    print(f'{args.label}: {passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
