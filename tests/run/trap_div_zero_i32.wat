;; i32.div_s by zero traps (the value printed first shows the program ran up to it).
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap integer divide by zero
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func $op (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $print_i32 (call $op (i32.const 7) (i32.const 0)))
    (call $print_i32 (i32.const 2))))
