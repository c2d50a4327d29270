;; table.fill whose range ends one slot past the table traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds table access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (table $t 3 funcref)
  (func (export "_start")
    (table.fill $t (i32.const 1) (ref.null func) (i32.const 2))
    (call $print_i32 (i32.const 1))
    (table.fill $t (i32.const 2) (ref.null func) (i32.const 2))
    (call $print_i32 (i32.const 2))))
