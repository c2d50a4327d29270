;; table.get at the table's size traps; the last slot works.
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds table access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (table $t 3 funcref)
  (func $get (param i32) (result funcref) (table.get $t (local.get 0)))
  (func (export "_start")
    (call $print_i32 (ref.is_null (call $get (i32.const 2))))
    (call $print_i32 (ref.is_null (call $get (i32.const 3))))))
