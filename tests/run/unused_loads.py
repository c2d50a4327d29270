#!/usr/bin/env python3
"""unused_loads.py - every load instruction, its value unused, traps.

Writes one program per load of the instruction set (scalar loads of
every width and type, v128 loads, extending loads, splats, zero-extending
and lane loads) into --out: each loads from an address whose last byte is
the first past the end of memory into a local nobody reads, so only the
trap can be observed.  Then runs them as run_wat.py does (its options
follow), at every -O level unless --opt says otherwise.
"""

import os
import sys

import run_wat

# (instruction, bytes read, type of the local)
LOADS = [
    ('i32.load', 4, 'i32'), ('i64.load', 8, 'i64'),
    ('f32.load', 4, 'f32'), ('f64.load', 8, 'f64'),
    ('i32.load8_s', 1, 'i32'), ('i32.load8_u', 1, 'i32'),
    ('i32.load16_s', 2, 'i32'), ('i32.load16_u', 2, 'i32'),
    ('i64.load8_s', 1, 'i64'), ('i64.load8_u', 1, 'i64'),
    ('i64.load16_s', 2, 'i64'), ('i64.load16_u', 2, 'i64'),
    ('i64.load32_s', 4, 'i64'), ('i64.load32_u', 4, 'i64'),
    ('v128.load', 16, 'v128'),
    ('v128.load8x8_s', 8, 'v128'), ('v128.load8x8_u', 8, 'v128'),
    ('v128.load16x4_s', 8, 'v128'), ('v128.load16x4_u', 8, 'v128'),
    ('v128.load32x2_s', 8, 'v128'), ('v128.load32x2_u', 8, 'v128'),
    ('v128.load8_splat', 1, 'v128'), ('v128.load16_splat', 2, 'v128'),
    ('v128.load32_splat', 4, 'v128'), ('v128.load64_splat', 8, 'v128'),
    ('v128.load32_zero', 4, 'v128'), ('v128.load64_zero', 8, 'v128'),
    ('v128.load8_lane 1', 1, 'v128'), ('v128.load16_lane 1', 2, 'v128'),
    ('v128.load32_lane 1', 4, 'v128'), ('v128.load64_lane 1', 8, 'v128'),
]

TEMPLATE = ''';; {op} past the end of memory into a dead local traps.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds memory access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $f (param $a i32) (local $x {type})
    (local.set $x ({op} (local.get $a){lane_operand})))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $f (i32.const {address}))
    (call $print_i32 (i32.const 2))))
'''


def write_programs(out):
    os.makedirs(out, exist_ok=True)
    for op, width, local in LOADS:
        name = 'unused_' + op.split()[0].replace('.', '_')
        text = TEMPLATE.format(
            op=op, type=local, address=65536 - width + 1,
            lane_operand=' (v128.const i64x2 0 0)' if '_lane' in op else '')
        with open(os.path.join(out, name + '.wat'), 'w') as f:
            f.write(text)


def main():
    argv = sys.argv[1:]
    if len(argv) < 2 or argv[0] != '--out':
        sys.exit('usage: unused_loads.py --out DIR [run_wat.py options]')
    write_programs(argv[1])
    sys.argv = [sys.argv[0], '--dir', argv[1], '--label', 'unused-loads'] \
        + argv[2:]
    return run_wat.main()


if __name__ == '__main__':
    sys.exit(main())
