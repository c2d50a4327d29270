;; i32 add, sub and mul wrap modulo 2^32; comparisons, signed and unsigned.
;; RUN: expect-stdout
;; -2147483648
;; -2
;; 2147483647
;; -1
;; 0
;; -2
;; -21
;; -67153019
;; 1
;; 0
;; 1
;; 0
;; 1
;; 0
;; 0
;; 1
;; 1
;; 0
;; 1
;; 0
;; 1
;; 1
;; 0
;; 1
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $sub (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
  (func $mul (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1)))
  (func $eqz (param i32) (result i32) (i32.eqz (local.get 0)))
  (func $eq (param i32 i32) (result i32) (i32.eq (local.get 0) (local.get 1)))
  (func $ne (param i32 i32) (result i32) (i32.ne (local.get 0) (local.get 1)))
  (func $lt_s (param i32 i32) (result i32) (i32.lt_s (local.get 0) (local.get 1)))
  (func $lt_u (param i32 i32) (result i32) (i32.lt_u (local.get 0) (local.get 1)))
  (func $gt_s (param i32 i32) (result i32) (i32.gt_s (local.get 0) (local.get 1)))
  (func $gt_u (param i32 i32) (result i32) (i32.gt_u (local.get 0) (local.get 1)))
  (func $le_s (param i32 i32) (result i32) (i32.le_s (local.get 0) (local.get 1)))
  (func $le_u (param i32 i32) (result i32) (i32.le_u (local.get 0) (local.get 1)))
  (func $ge_s (param i32 i32) (result i32) (i32.ge_s (local.get 0) (local.get 1)))
  (func $ge_u (param i32 i32) (result i32) (i32.ge_u (local.get 0) (local.get 1)))
  (func (export "_start")
    (call $print_i32 (call $add (i32.const 0x7fffffff) (i32.const 1)))
    (call $print_i32 (call $add (i32.const -1) (i32.const -1)))
    (call $print_i32 (call $sub (i32.const 0x80000000) (i32.const 1)))
    (call $print_i32 (call $sub (i32.const 0) (i32.const 1)))
    (call $print_i32 (call $mul (i32.const 0x10000) (i32.const 0x10000)))
    (call $print_i32 (call $mul (i32.const 0x7fffffff) (i32.const 2)))
    (call $print_i32 (call $mul (i32.const -3) (i32.const 7)))
    (call $print_i32 (call $mul (i32.const 123456789) (i32.const 987654321)))
    (call $print_i32 (call $eqz (i32.const 0)))
    (call $print_i32 (call $eqz (i32.const 0x80000000)))
    (call $print_i32 (call $eq (i32.const -1) (i32.const 0xffffffff)))
    (call $print_i32 (call $ne (i32.const 5) (i32.const 5)))
    (call $print_i32 (call $lt_s (i32.const -1) (i32.const 1)))
    (call $print_i32 (call $lt_u (i32.const -1) (i32.const 1)))
    (call $print_i32 (call $gt_s (i32.const 0x80000000) (i32.const 0x7fffffff)))
    (call $print_i32 (call $gt_u (i32.const 0x80000000) (i32.const 0x7fffffff)))
    (call $print_i32 (call $le_s (i32.const 7) (i32.const 7)))
    (call $print_i32 (call $le_u (i32.const -2) (i32.const 2)))
    (call $print_i32 (call $ge_s (i32.const 2) (i32.const -2)))
    (call $print_i32 (call $ge_u (i32.const 2) (i32.const -2)))
    (call $print_i32 (call $ge_u (i32.const 0) (i32.const 0)))
    (call $print_i32 (call $lt_s (i32.const 0x80000000) (i32.const 0)))
    (call $print_i32 (call $gt_u (i32.const 0) (i32.const 0)))
    (call $print_i32 (call $le_s (i32.const 0x80000000) (i32.const 0x7fffffff)))))
