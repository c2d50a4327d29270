#!/usr/bin/env python3
"""run_backtrace.py - traps that say where (docs/backtraces.md).

Each trap of traps.wat is raised in a leaf function called from a middle
one called from the export `run`.  Compiled as a program (--invoke=run,
the trap picked by its argument), and as a plugin called through the
embedding API by bt_host (--host), every trap must report, at -O0 and
-O2 under each bounds strategy given:

    wasm trap: TEXT in function leaf_K at offset 0xN
    wasm backtrace:
        0: 0x0000NN leaf_K     the trapping instruction
        1: 0x0000NN mid_K      its call of leaf_K
        2: 0x0000NN run        its call of mid_K

with the offsets that wasm-objdump -d gives those instructions.  At -O2
LLVM inlines leaf and middle into run: their frames come from the line
table and its inlined calls.  Stack exhaustion reports 64 frames of the
recursive leaf and says that deeper ones were left out.  With -g0 (no
line table) the frames keep their names and lose the callers' offsets.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys

# (case, trap text, the leaf's trapping instruction), in run's br_table
# order.
CASES = [
    ('unreachable', 'unreachable', r'unreachable$'),
    ('div_zero', 'integer divide by zero', r'i32\.div_s$'),
    ('overflow', 'integer overflow', r'i32\.div_s$'),
    ('conversion', 'invalid conversion to integer', r'i32\.trunc_f32_s$'),
    ('load', 'out of bounds memory access', r'i32\.load '),
    ('store', 'out of bounds memory access', r'i64\.store '),
    ('copy', 'out of bounds memory access', r'memory\.copy'),
    ('table', 'out of bounds table access', r'table\.get'),
    ('undefined', 'undefined element', r'call_indirect'),
    ('uninitialized', 'uninitialized element', r'call_indirect'),
    ('mismatch', 'indirect call type mismatch', r'call_indirect'),
    ('recurse', 'call stack exhausted', None),
    ('unaligned', 'unaligned atomic', r'i32\.atomic\.load'),
    ('not_shared', 'expected shared memory', r'memory\.atomic\.wait32'),
    ('null_exn', 'null exception reference', r'throw_ref'),
    ('null_ref', 'null reference', r'ref\.as_non_null'),
    ('null_func', 'null function reference', r'call_ref'),
    # the import: unresolved in the program, a failing host function
    # through the API
    ('host', None, r'call 0 '),
]
HOST_TEXT = {'program': 'call to an unresolved import env.fail',
             'api': 'host function failed'}
# The loop that never ends, run only when compiled interruptible: the
# trap, the flags and the options of the program, with its loop as the
# trapping instruction (the check is at its header).
SPIN = len(CASES)
INTERRUPTIONS = [
    ('interrupted', ['--interruptible=epoch'], '--timeout=100ms'),
    ('out of fuel', ['--interruptible=fuel'], '--fuel=100000'),
]
TRAP = 134
FRAMES_MAX = 64

FIRST_RE = re.compile(r'^wasm trap: (.*?)(?: in function (\S+))?'
                      r'(?: at offset 0x([0-9a-f]+))?$')
FRAME_RE = re.compile(r'^ +(\d+): +(0x[0-9a-f]+|\?) (\S+)$')


def disassemble(objdump, wasm):
    """{function name: [(offset, instruction text)]} from wasm-objdump."""
    out = subprocess.run([objdump, '-d', wasm], check=True,
                         capture_output=True, text=True).stdout
    funcs, cur = {}, None
    for line in out.splitlines():
        m = re.match(r'^([0-9a-f]+) func\[\d+\] <(.*)>:$', line)
        if m:
            cur = funcs.setdefault(m.group(2), [])
            continue
        m = re.match(r'^ ([0-9a-f]+): [0-9a-f ]*\| *(.*)$', line)
        if m and cur is not None:
            cur.append((int(m.group(1), 16), m.group(2)))
    return funcs


def offset_of(funcs, func, pattern):
    hits = [off for off, text in funcs[func] if re.match(pattern, text)]
    if len(hits) != 1:
        raise SystemExit(f'{func}: {len(hits)} instructions match {pattern}')
    return hits[0]


def expected(funcs, case, pattern):
    leaf, mid = 'leaf_' + case, 'mid_' + case
    return [(leaf, offset_of(funcs, leaf, pattern)),
            (mid, offset_of(funcs, mid, rf'call \d+ <{leaf}>')),
            ('run', offset_of(funcs, 'run', rf'call \d+ <{mid}>'))]


def parse(text):
    """(trap text, function, offset or None, [(name, offset or None)],
    deeper frames left out) of a report, or None."""
    lines = text.splitlines()
    m = FIRST_RE.match(lines[0]) if lines else None
    if not m or len(lines) < 2 or lines[1] != 'wasm backtrace:':
        return None
    frames = []
    for i, line in enumerate(lines[2:]):
        f = FRAME_RE.match(line)
        if not f or int(f.group(1)) != i:
            break
        off = None if f.group(2) == '?' else int(f.group(2), 16)
        frames.append((f.group(3), off))
    more = lines[-1] == '  ...: deeper frames left out'
    top = int(m.group(3), 16) if m.group(3) else None
    return m.group(1), m.group(2), top, frames, more


def check_recursion(funcs, got, line_table, arm):
    """Stack exhaustion: 64 frames of leaf_recurse, the innermost at its
    entry or its call, the others at the call.  On 32-bit ARM the
    innermost alone: libgcc's EHABI unwinder does not unwind through a
    signal frame (docs/backtraces.md)."""
    leaf = 'leaf_recurse'
    call = offset_of(funcs, leaf, rf'call \d+ <{leaf}>')
    entry = funcs[leaf][0][0]
    _, _, _, frames, more = got
    if arm and len(frames) == 1 and not more:
        pass
    elif len(frames) != FRAMES_MAX or not more:
        return f'{len(frames)} frames, more={more}'
    if any(name != leaf for name, _ in frames):
        return 'a frame is not ' + leaf
    if not line_table:
        return None
    if frames[0][1] not in (entry, call):
        return f'innermost frame at {frames[0][1]}'
    if any(off != call for _, off in frames[1:]):
        return 'a caller is not at the recursive call'
    return None


def is_subsequence(names, of):
    it = iter(of)
    return all(name in it for name in names)


def check(funcs, case, text, pattern, got, line_table, arm):
    """What is wrong with report `got` of case `case`, or None."""
    if got is None:
        return 'no backtrace'
    trap, func, top, frames, _ = got
    if trap != text:
        return f'first line names {trap!r}'
    if func is None and case != 'host':  # (the import names itself)
        return 'the first line names no function'
    if pattern is None:
        if func != 'leaf_' + case:
            return f'first line names {func}'
        return check_recursion(funcs, got, line_table, arm)
    want = expected(funcs, case, pattern)
    if arm and case == 'host' and func is None:
        # Known gap (docs/backtraces.md): on 32-bit ARM the unwinder stops
        # in an unresolved import's stub; its caller's frames are lost.
        return None if frames and frames[-1][0] == 'run' else \
            f'frames {frames}'
    if not line_table:
        # Without a line table, code LLVM inlined is its caller's: the
        # physical frames alone, and offsets only where the code checked.
        names = [name for name, _ in frames]
        if not names or not is_subsequence(names, [n for n, _ in want]) \
                or func not in (None, names[0]):
            return f'frames {frames}, want some of {want}'
        if any(off is not None for _, off in frames[1:]):
            return 'callers have offsets without a line table'
        return None
    if func not in (None, 'leaf_' + case) or frames != want or \
            (func and top != want[0][1]):
        return f'{func} at {top}, frames {frames}, want {want}'
    return None


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                          **kw)


def compile_wasm(args, wasm, out, flags):
    cmd = [args.wasm2native, *flags, wasm, '-o', out]
    if args.target:
        cmd.insert(1, '--target=' + args.target)
    p = run(cmd)
    if p.returncode != 0:
        raise SystemExit(' '.join(cmd) + ' failed:\n' + p.stderr)


def program_reports(args, exe, cases, options=''):
    """{case index: (status, stderr)} of the program."""
    wrapper = shlex.split(args.wrapper)
    env = dict(os.environ, WASM2NATIVE_OPTIONS=options)
    return {i: (p.returncode, p.stderr) for i in cases
            for p in [run(wrapper + [exe, str(i)], env=env)]}


def host_reports(args, plugin):
    """{case index: (TRAP, report)} through the embedding API."""
    p = run([args.host, plugin] + [str(i) for i in range(len(CASES))])
    if p.returncode != 0:
        raise SystemExit('bt_host failed:\n' + p.stderr)
    reports = re.split(r'\n(?=wasm trap: |case )', p.stdout.strip())
    return {i: (TRAP, r + '\n') for i, r in enumerate(reports)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--wasm2native', required=True)
    ap.add_argument('--wat2wasm', required=True)
    ap.add_argument('--objdump', required=True, help='wasm-objdump')
    ap.add_argument('--wat', required=True, help='traps.wat')
    ap.add_argument('--host', help='bt_host: also check the API')
    ap.add_argument('--target')
    ap.add_argument('--wrapper', default='')
    ap.add_argument('--bounds', default='guard,explicit')
    ap.add_argument('--label', default='backtrace')
    ap.add_argument('--work', required=True)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    wasm = os.path.join(args.work, 'traps.wasm')
    p = run([args.wat2wasm, '--enable-all', '--debug-names', args.wat,
             '-o', wasm])
    if p.returncode != 0:
        raise SystemExit(p.stderr)
    funcs = disassemble(args.objdump, wasm)
    arm = (args.target or '').startswith('arm-')
    passed = failed = 0

    def tally(source, tag, case, text, pattern, report, line_table):
        nonlocal passed, failed
        status, out = report
        text = text or HOST_TEXT[source]
        why = (f'status {status}' if status != TRAP else
               check(funcs, case, text, pattern, parse(out), line_table,
                     arm))
        if why is None:
            passed += 1
            return
        failed += 1
        print(f'{source} {tag} {case}: {why}\n{out}', file=sys.stderr)

    for bounds in args.bounds.split(','):
        for opt, line_table in (('-O0', True), ('-O2', True),
                                ('-O2 -g0', False)):
            flags = opt.split() + ['--bounds-checks=' + bounds,
                                   '--trap-unknown-imports']
            tag = f'{bounds}{opt.replace(" ", "")}'
            exe = os.path.join(args.work, 'traps' + tag)
            compile_wasm(args, wasm, exe, flags + ['--invoke=run'])
            sources = [('program',
                        program_reports(args, exe, range(len(CASES))))]
            if args.host:
                plugin = exe + '.so'
                compile_wasm(args, wasm, plugin, flags + ['--shared'])
                sources.append(('api', host_reports(args, plugin)))
            for source, reports in sources:
                for i, (case, text, pattern) in enumerate(CASES):
                    tally(source, tag, case, text, pattern,
                          reports.get(i, (None, '')), line_table)
        # The interruption traps, at the loop's header.
        for text, flags, options in INTERRUPTIONS:
            tag = f'{bounds}{flags[0]}'
            exe = os.path.join(args.work, 'spin' + tag)
            compile_wasm(args, wasm, exe, ['-O2', '--bounds-checks=' + bounds,
                                           '--trap-unknown-imports',
                                           '--invoke=run'] + flags)
            report = program_reports(args, exe, [SPIN], options)[SPIN]
            tally('program', tag, 'spin', text, r'loop', report, True)
    print(f'{args.label}: {passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
