#!/usr/bin/env python3
"""Partitioned compilation (codegen/cg_partition.c, driver/parts.c).

Generates a module of thousands of functions (small leaves called across
the whole module, mid-size functions reached through a table, and a few
functions large enough to be partitions of their own), works out its
output here in Python, and checks that:

  - the program prints that output at -O0 and -O2, and with partitions of
    1,000 instructions (on --target, run under --wrapper when given);
  - -c output is byte-identical for -j1, -j2 and -j8;
  - a program linked from slice files (--slices=N --slice=K, N = 1, 2, 3
    and more slices than there are partitions) is byte-identical to the
    whole build;
  - slices of other options, a damaged slice, and misused slice options
    are refused with a one-line error;
  - every module given with --same-bytes compiles to the same object with
    -j1 and -j8.

Prints `parts[LABEL]: P passed, F failed`.
"""
import argparse
import os
import shlex
import subprocess
import sys

MASK = 0xFFFFFFFF
N_LEAVES = 400
N_MIDS = 2400
N_LARGE = 2
LARGE_STEPS = 1500  # about 4,500 instructions each


def rotl(x, r):
    r &= 31
    return ((x << r) | (x >> (32 - r))) & MASK if r else x


def leaf_consts(k):
    return (k * 2654435761 + 12345) & MASK | 1, (k * 40503 + 7) & MASK


def mid_consts(i):
    return ((i * 69069 + 1) & MASK | 1, (i * 1103515245 + 12345) & MASK,
            (i * 7) % 31 + 1, i % N_LEAVES, (i * 7919 + 13) % N_LEAVES)


def leaf(k, x):
    c, d = leaf_consts(k)
    y = (x * c + d) & MASK
    y ^= y >> 7
    return (y + (y << 3)) & MASK


def mid(i, x, memory):
    a, b, r, near, far = mid_consts(i)
    x = (x * a + b) & MASK
    x ^= x >> 13
    x = rotl(x, r)
    addr = (i * 4) % 65536
    memory[addr] = x
    return (memory[addr] + leaf(near, x) + leaf(far, x ^ 0x5bd1e995)) & MASK


def large(n, x):
    for s in range(LARGE_STEPS):
        x = (x * 3 + s + n) & MASK
        x ^= x >> 11
    return x


def expected():
    memory = {}
    acc = 0
    for i in range(N_MIDS):
        acc = (acc * 31 + mid(i, i, memory)) & MASK
    for n in range(N_LARGE):
        acc = (acc + large(n, acc)) & MASK
    return "%d\n" % acc


def wat():
    out = ['(module',
           ' (import "wasi_snapshot_preview1" "fd_write"'
           ' (func $fd_write (param i32 i32 i32 i32) (result i32)))',
           ' (memory (export "memory") 2)',
           ' (type $mid (func (param i32) (result i32)))',
           ' (table %d funcref)' % N_MIDS]
    for k in range(N_LEAVES):
        c, d = leaf_consts(k)
        out.append(' (func $leaf%d (param $x i32) (result i32) (local $y i32)'
                   ' (local.set $y (i32.add (i32.mul (local.get $x)'
                   ' (i32.const %d)) (i32.const %d)))'
                   ' (local.set $y (i32.xor (local.get $y) (i32.shr_u'
                   ' (local.get $y) (i32.const 7))))'
                   ' (i32.add (local.get $y) (i32.shl (local.get $y)'
                   ' (i32.const 3))))' % (k, c - (1 << 32) if c >> 31 else c,
                                          d - (1 << 32) if d >> 31 else d))
    for i in range(N_MIDS):
        a, b, r, near, far = mid_consts(i)
        s32 = lambda v: v - (1 << 32) if v >> 31 else v
        out.append(' (func $mid%d (type $mid) (param $x i32) (result i32)'
                   ' (local.set $x (i32.add (i32.mul (local.get $x)'
                   ' (i32.const %d)) (i32.const %d)))'
                   ' (local.set $x (i32.xor (local.get $x) (i32.shr_u'
                   ' (local.get $x) (i32.const 13))))'
                   ' (local.set $x (i32.rotl (local.get $x) (i32.const %d)))'
                   ' (i32.store (i32.const %d) (local.get $x))'
                   ' (i32.add (i32.add (i32.load (i32.const %d))'
                   ' (call $leaf%d (local.get $x)))'
                   ' (call $leaf%d (i32.xor (local.get $x)'
                   ' (i32.const 0x5bd1e995)))))'
                   % (i, s32(a), s32(b), r, (i * 4) % 65536,
                      (i * 4) % 65536, near, far))
    for n in range(N_LARGE):
        body = []
        for s in range(LARGE_STEPS):
            body.append('(local.set $x (i32.add (i32.mul (local.get $x)'
                        ' (i32.const 3)) (i32.const %d)))'
                        '(local.set $x (i32.xor (local.get $x) (i32.shr_u'
                        ' (local.get $x) (i32.const 11))))' % (s + n))
        out.append(' (func $large%d (param $x i32) (result i32) %s'
                   ' (local.get $x))' % (n, ' '.join(body)))
    out.append(' (elem (i32.const 0) func %s)' %
               ' '.join('$mid%d' % i for i in range(N_MIDS)))
    out.append('''
 (func (export "_start") (local $i i32) (local $acc i32) (local $p i32)
  (block $done (loop $next
   (br_if $done (i32.ge_u (local.get $i) (i32.const %d)))
   (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31))
    (call_indirect (type $mid) (local.get $i) (local.get $i))))
   (local.set $i (i32.add (local.get $i) (i32.const 1)))
   (br $next)))
  %s
  ;; decimal digits, backwards from 70000
  (local.set $p (i32.const 70000))
  (i32.store8 (local.get $p) (i32.const 10))
  (loop $digit
   (local.set $p (i32.sub (local.get $p) (i32.const 1)))
   (i32.store8 (local.get $p) (i32.add (i32.const 48)
    (i32.rem_u (local.get $acc) (i32.const 10))))
   (local.set $acc (i32.div_u (local.get $acc) (i32.const 10)))
   (br_if $digit (local.get $acc)))
  (i32.store (i32.const 69000) (local.get $p))
  (i32.store (i32.const 69004) (i32.sub (i32.const 70001) (local.get $p)))
  (drop (call $fd_write (i32.const 1) (i32.const 69000) (i32.const 1)
   (i32.const 69008))))
)''' % (N_MIDS, ' '.join('(local.set $acc (i32.add (local.get $acc) (call $large%d'
                         ' (local.get $acc))))' % n for n in range(N_LARGE))))
    return '\n'.join(out)


class Tally:
    def __init__(self, label):
        self.label, self.passed, self.failed = label, 0, 0

    def check(self, ok, what, detail=''):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print('FAIL %s %s' % (what, detail))


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--wasm2native', required=True)
    ap.add_argument('--wat2wasm', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('--target')
    ap.add_argument('--wrapper', default='')
    ap.add_argument('--label', default='parts')
    ap.add_argument('--quick', action='store_true',
                    help='programs and slices only, at -O0 and -O1')
    ap.add_argument('--same-bytes', nargs='*', default=[])
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    w = lambda name: os.path.join(a.work, name)
    t = Tally(a.label)
    with open(w('many.wat'), 'w') as f:
        f.write(wat())
    r = run([a.wat2wasm, w('many.wat'), '-o', w('many.wasm')])
    if r.returncode:
        print(r.stderr)
        return 1
    want = expected()
    w2n = [a.wasm2native] + (['--target', a.target] if a.target else [])
    module = w('many.wasm')

    def program(name, *args):
        r = run(w2n + list(args) + [module, '-o', w(name)])
        t.check(r.returncode == 0, 'compile ' + name, r.stderr)
        return r

    # The program's output, and that the module was split.
    levels = ['0', '1'] if a.quick else ['0', '2']
    for level in levels:
        r = program('many-O' + level, '-O' + level, '-v', '-j2')
        parts = [l for l in r.stderr.splitlines() if 'partitions on' in l]
        t.check(bool(parts) and int(parts[0].split()[1]) >= 6,
                'split into partitions at -O' + level, str(parts))
        out = run(shlex.split(a.wrapper) + [w('many-O' + level)])
        t.check(out.stdout == want and out.returncode == 0,
                'output at -O' + level,
                '%r, want %r (status %d)' % (out.stdout, want,
                                             out.returncode))

    # Smaller partitions (--partition-size): more of them, same output.
    r = program('many-small', '-O1', '-v', '--partition-size=1000')
    parts = [l for l in r.stderr.splitlines() if 'partitions on' in l]
    t.check(bool(parts) and int(parts[0].split()[1]) >= 60,
            '--partition-size=1000 makes more partitions', str(parts))
    out = run(shlex.split(a.wrapper) + [w('many-small')])
    t.check(out.stdout == want, 'output with --partition-size=1000',
            out.stdout)

    # Any -j, the same object.
    if not a.quick:
        for jobs in ['1', '2', '8']:
            program('many-j%s.o' % jobs, '-c', '-O2', '-j' + jobs)
        t.check(read(w('many-j1.o')) == read(w('many-j2.o')) ==
                read(w('many-j8.o')), '-j1, -j2, -j8 give the same object')
        for m in a.same_bytes:
            base = os.path.basename(m)
            objs = []
            for jobs in ['1', '8']:
                out = w('same-%s-j%s.o' % (base, jobs))
                r = run(w2n + ['-c', '-j' + jobs, m, '-o', out])
                objs.append(read(out) if r.returncode == 0 else None)
            t.check(objs[0] is not None and objs[0] == objs[1],
                    'same object for -j1 and -j8: ' + base)

    # Slices: the same program, byte for byte, however many.
    level = '-O1' if a.quick else '-O0'
    program('whole', level)
    for n in [1, 2, 3, 40]:
        slices = []
        for k in range(n):
            s = w('many.%d-of-%d.o' % (k, n))
            r = run(w2n + [level, '-c', '--slices=%d' % n, '--slice=%d' % k,
                           '-j1', module, '-o', s])
            t.check(r.returncode == 0, 'slice %d of %d' % (k, n), r.stderr)
            slices.append(s)
        program('sliced-%d' % n, level, *slices)
        t.check(os.path.exists(w('sliced-%d' % n)) and
                read(w('sliced-%d' % n)) == read(w('whole')),
                '%d slices give the whole build' % n)

    # Refusals: a one-line error, status 1, no output.
    other = '-O2' if level != '-O2' else '-O1'
    with open(w('damaged.o'), 'wb') as f:
        f.write(read(w('many.1-of-2.o'))[:3000])
    bad = [
        ('damaged slice', [level, w('damaged.o')], 'damaged slice file'),
        ('slice of other options', [other, w('many.0-of-2.o')],
         'unusable slice file'),
        ('--slice without -c', [level, '--slices=2', '--slice=0'],
         '--slice needs -c'),
        ('--slice past --slices', [level, '-c', '--slices=2', '--slice=2'],
         '--slice=K needs --slices=N with K < N'),
        ('--slices alone', [level, '--slices=2'], '--slices=N needs'),
    ]
    for what, args, message in bad:
        out = w('refused')
        if os.path.exists(out):
            os.unlink(out)
        r = run(w2n + args + [module, '-o', out])
        lines = r.stderr.splitlines()
        t.check(r.returncode == 1 and len(lines) == 1 and
                message in lines[0] and not os.path.exists(out),
                'refused: ' + what, r.stderr)

    print('%s: %d passed, %d failed' % (t.label, t.passed, t.failed))
    return 1 if t.failed else 0


if __name__ == '__main__':
    sys.exit(main())
