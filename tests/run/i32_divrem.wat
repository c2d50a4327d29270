;; i32 div and rem: truncation toward zero, the sign of the remainder follows
;; the dividend, INT_MIN rem_s -1 is 0 (no trap), unsigned forms.
;; RUN: expect-stdout
;; 3
;; -3
;; -3
;; 3
;; -2147483648
;; -1073741824
;; 0
;; 2147483647
;; 3
;; 0
;; 1
;; 1
;; -1
;; 1
;; -1
;; 0
;; 0
;; -2
;; 0
;; 5
;; 2
;; 5
;; RUN: expect-exit 0
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $div_s (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $div_u (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func $rem_s (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
  (func $rem_u (param i32 i32) (result i32) (i32.rem_u (local.get 0) (local.get 1)))
  (func (export "_start")
    (call $print_i32 (call $div_s (i32.const 7) (i32.const 2)))
    (call $print_i32 (call $div_s (i32.const -7) (i32.const 2)))
    (call $print_i32 (call $div_s (i32.const 7) (i32.const -2)))
    (call $print_i32 (call $div_s (i32.const -7) (i32.const -2)))
    (call $print_i32 (call $div_s (i32.const 0x80000000) (i32.const 1)))
    (call $print_i32 (call $div_s (i32.const 0x80000000) (i32.const 2)))
    (call $print_i32 (call $div_s (i32.const 1) (i32.const 0x80000000)))
    (call $print_i32 (call $div_u (i32.const -1) (i32.const 2)))
    (call $print_i32 (call $div_u (i32.const 7) (i32.const 2)))
    (call $print_i32 (call $div_u (i32.const 0x80000000) (i32.const -1)))
    (call $print_i32 (call $div_u (i32.const -1) (i32.const -1)))
    (call $print_i32 (call $rem_s (i32.const 7) (i32.const 2)))
    (call $print_i32 (call $rem_s (i32.const -7) (i32.const 2)))
    (call $print_i32 (call $rem_s (i32.const 7) (i32.const -2)))
    (call $print_i32 (call $rem_s (i32.const -7) (i32.const -2)))
    (call $print_i32 (call $rem_s (i32.const 0x80000000) (i32.const -1)))
    (call $print_i32 (call $rem_s (i32.const 5) (i32.const -1)))
    (call $print_i32 (call $rem_s (i32.const 0x80000000) (i32.const 3)))
    (call $print_i32 (call $rem_s (i32.const 0x80000000) (i32.const 2)))
    (call $print_i32 (call $rem_u (i32.const -1) (i32.const 10)))
    (call $print_i32 (call $rem_u (i32.const 0x80000000) (i32.const 3)))
    (call $print_i32 (call $rem_u (i32.const 5) (i32.const -1)))))
