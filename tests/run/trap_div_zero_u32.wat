;; i32.div_u by zero traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap integer divide by zero
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $op (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $print_i32 (call $op (i32.const -1) (i32.const 0)))
    (call $print_i32 (i32.const 2))))
