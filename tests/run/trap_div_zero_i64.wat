;; i64.div_s by zero traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap integer divide by zero
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $op (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $print_i64 (call $op (i64.const 7) (i64.const 0)))
    (call $print_i32 (i32.const 2))))
