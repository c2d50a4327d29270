;; table.init of one element from a dropped segment traps.
;; RUN: expect-stdout
;; 7
;; RUN: expect-trap out of bounds table access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (table $t 2 funcref)
  (elem $e func $seven)
  (func $seven (result i32) (i32.const 7))
  (func (export "_start")
    (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 1))
    (call $print_i32 (call_indirect $t (result i32) (i32.const 0)))
    (elem.drop $e)
    (table.init $t $e (i32.const 1) (i32.const 0) (i32.const 1))
    (call $print_i32 (i32.const 2))))
