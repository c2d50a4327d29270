;; i64.trunc_f64_u of 2^64, one past the largest result, traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap integer overflow
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $op (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $print_i64 (call $op (f64.const 0x1p64)))
    (call $print_i32 (i32.const 2))))
