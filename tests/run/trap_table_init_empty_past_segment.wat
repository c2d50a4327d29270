;; A zero-length table.init is still bounds-checked against the segment:
;; offset 2 of a two-element segment works, offset 3 traps.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds table access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (table $t 4 funcref)
  (elem $e func $f $f)
  (func $f)
  (func (export "_start")
    (table.init $t $e (i32.const 0) (i32.const 2) (i32.const 0))
    (call $print_i32 (i32.const 1))
    (table.init $t $e (i32.const 0) (i32.const 3) (i32.const 0))
    (call $print_i32 (i32.const 2))))
