;; i32.trunc_f64_s of 2^31, one past the largest result, traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap integer overflow
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $op (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $print_i32 (call $op (f64.const 2147483648)))
    (call $print_i32 (i32.const 2))))
