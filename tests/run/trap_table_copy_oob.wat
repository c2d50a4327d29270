;; table.copy with a source range past the end traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds table access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (table $t 4 funcref)
  (func (export "_start")
    (table.copy (i32.const 0) (i32.const 2) (i32.const 2))
    (call $print_i32 (i32.const 1))
    (table.copy (i32.const 0) (i32.const 3) (i32.const 2))
    (call $print_i32 (i32.const 2))))
