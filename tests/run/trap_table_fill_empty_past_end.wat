;; A zero-length table.fill is still bounds-checked: at the table's size
;; it works, one past it traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds table access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (table $t 4 funcref)
  (func (export "_start")
    (table.fill $t (i32.const 4) (ref.null func) (i32.const 0))
    (call $print_i32 (i32.const 1))
    (table.fill $t (i32.const 5) (ref.null func) (i32.const 0))
    (call $print_i32 (i32.const 2))))
