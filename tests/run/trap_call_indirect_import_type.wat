;; call_indirect to an imported function with the wrong type traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap indirect call type mismatch
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (table $t 1 funcref)
  (elem (table $t) (i32.const 0) func $exit)
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (drop (call_indirect $t (param i32) (result i32) (i32.const 0) (i32.const 0)))
    (call $print_i32 (i32.const 2))))
