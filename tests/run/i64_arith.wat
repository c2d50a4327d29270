;; i64 add, sub and mul wrap modulo 2^64, with values whose low 32 bits are
;; equal so a 32-bit slip shows; comparisons, signed and unsigned.
;; RUN: expect-stdout
;; -9223372036854775808
;; 4294967296
;; 9223372036854775807
;; -4294967296
;; 2465395958572223728
;; -8589934591
;; -9223372036709301616
;; 4611686018427387904
;; 1
;; 0
;; 0
;; 1
;; 1
;; 0
;; 1
;; 0
;; 1
;; 0
;; 1
;; 1
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $add (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
  (func $sub (param i64 i64) (result i64) (i64.sub (local.get 0) (local.get 1)))
  (func $mul (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
  (func $eqz (param i64) (result i32) (i64.eqz (local.get 0)))
  (func $eq (param i64 i64) (result i32) (i64.eq (local.get 0) (local.get 1)))
  (func $ne (param i64 i64) (result i32) (i64.ne (local.get 0) (local.get 1)))
  (func $lt_s (param i64 i64) (result i32) (i64.lt_s (local.get 0) (local.get 1)))
  (func $lt_u (param i64 i64) (result i32) (i64.lt_u (local.get 0) (local.get 1)))
  (func $gt_s (param i64 i64) (result i32) (i64.gt_s (local.get 0) (local.get 1)))
  (func $gt_u (param i64 i64) (result i32) (i64.gt_u (local.get 0) (local.get 1)))
  (func $le_s (param i64 i64) (result i32) (i64.le_s (local.get 0) (local.get 1)))
  (func $ge_u (param i64 i64) (result i32) (i64.ge_u (local.get 0) (local.get 1)))
  (func (export "_start")
    (call $print_i64 (call $add (i64.const 0x7fffffffffffffff) (i64.const 1)))
    (call $print_i64 (call $add (i64.const 0xffffffff) (i64.const 1)))
    (call $print_i64 (call $sub (i64.const 0x8000000000000000) (i64.const 1)))
    (call $print_i64 (call $sub (i64.const 0) (i64.const 0x100000000)))
    (call $print_i64 (call $mul (i64.const 0x0123456789abcdef)
                                (i64.const 0xfedcba9876543210)))
    (call $print_i64 (call $mul (i64.const 0xffffffff) (i64.const 0xffffffff)))
    (call $print_i64 (call $mul (i64.const 3037000500) (i64.const 3037000500)))
    (call $print_i64 (call $mul (i64.const -7) (i64.const 0x4000000000000000)))
    (call $print_i32 (call $eqz (i64.const 0)))
    (call $print_i32 (call $eqz (i64.const 0x100000000)))
    (call $print_i32 (call $eq (i64.const 0x100000000) (i64.const 0)))
    (call $print_i32 (call $ne (i64.const 0x100000001) (i64.const 1)))
    (call $print_i32 (call $lt_s (i64.const -1) (i64.const 0x100000000)))
    (call $print_i32 (call $lt_u (i64.const -1) (i64.const 0x100000000)))
    (call $print_i32 (call $gt_s (i64.const 0x100000000) (i64.const 0xffffffff)))
    (call $print_i32 (call $gt_u (i64.const 1) (i64.const 0x8000000000000000)))
    (call $print_i32 (call $le_s (i64.const 0x8000000000000000) (i64.const 0x7fffffffffffffff)))
    (call $print_i32 (call $le_s (i64.const 0) (i64.const -1)))
    (call $print_i32 (call $ge_u (i64.const 0x8000000000000000) (i64.const 0x7fffffffffffffff)))
    (call $print_i32 (call $ge_u (i64.const 5) (i64.const 5)))))
