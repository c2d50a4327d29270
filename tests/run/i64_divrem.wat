;; i64 div and rem: truncation toward zero, remainder takes the dividend's
;; sign, INT64_MIN rem_s -1 is 0 (no trap), unsigned forms on values above
;; 2^63.
;; RUN: expect-stdout
;; 3
;; -3
;; -3
;; 3
;; -9223372036854775808
;; -1317624576693539401
;; 6148914691236517205
;; 4294967295
;; 1
;; 1
;; -1
;; 1
;; -1
;; 0
;; -2
;; 0
;; 5
;; 2
;; 4294967296
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $div_s (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
  (func $div_u (param i64 i64) (result i64) (i64.div_u (local.get 0) (local.get 1)))
  (func $rem_s (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
  (func $rem_u (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
  (func (export "_start")
    (call $print_i64 (call $div_s (i64.const 7) (i64.const 2)))
    (call $print_i64 (call $div_s (i64.const -7) (i64.const 2)))
    (call $print_i64 (call $div_s (i64.const 7) (i64.const -2)))
    (call $print_i64 (call $div_s (i64.const -7) (i64.const -2)))
    (call $print_i64 (call $div_s (i64.const 0x8000000000000000) (i64.const 1)))
    (call $print_i64 (call $div_s (i64.const 0x8000000000000000) (i64.const 7)))
    (call $print_i64 (call $div_u (i64.const -1) (i64.const 3)))
    (call $print_i64 (call $div_u (i64.const -1) (i64.const 0x100000001)))
    (call $print_i64 (call $div_u (i64.const -1) (i64.const -1)))
    (call $print_i64 (call $rem_s (i64.const 7) (i64.const 2)))
    (call $print_i64 (call $rem_s (i64.const -7) (i64.const 2)))
    (call $print_i64 (call $rem_s (i64.const 7) (i64.const -2)))
    (call $print_i64 (call $rem_s (i64.const -7) (i64.const -2)))
    (call $print_i64 (call $rem_s (i64.const 0x8000000000000000) (i64.const -1)))
    (call $print_i64 (call $rem_s (i64.const 0x8000000000000000) (i64.const 3)))
    (call $print_i64 (call $rem_s (i64.const 0x8000000000000000) (i64.const 2)))
    (call $print_i64 (call $rem_u (i64.const -1) (i64.const 10)))
    (call $print_i64 (call $rem_u (i64.const 0x8000000000000000) (i64.const 3)))
    (call $print_i64 (call $rem_u (i64.const 0x100000000) (i64.const -1)))))
