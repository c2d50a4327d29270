;; A zero-length table.copy is still bounds-checked: a destination at the
;; table's size works, one past it traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds table access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (table $t 4 funcref)
  (func (export "_start")
    (table.copy (i32.const 4) (i32.const 0) (i32.const 0))
    (call $print_i32 (i32.const 1))
    (table.copy (i32.const 5) (i32.const 0) (i32.const 0))
    (call $print_i32 (i32.const 2))))
