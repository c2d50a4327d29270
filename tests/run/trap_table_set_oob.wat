;; table.set at the table's size traps (an externref table); the last
;; slot works.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds table access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (table $t 3 externref)
  (func $set (param i32) (table.set $t (local.get 0) (ref.null extern)))
  (func (export "_start")
    (call $set (i32.const 2))
    (call $print_i32 (i32.const 1))
    (call $set (i32.const 3))
    (call $print_i32 (i32.const 2))))
