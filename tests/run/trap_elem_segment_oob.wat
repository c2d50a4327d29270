;; An active element segment that does not fit in its table makes
;; instantiation trap: nothing runs.
;; RUN: expect-trap out of bounds table access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (table $t 2 funcref)
  (elem (table $t) (i32.const 1) func $f $f)
  (func $f)
  (func (export "_start") (call $print_i32 (i32.const 1))))
