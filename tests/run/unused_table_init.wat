;; table.init of zero elements past the end of the segment traps.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap out of bounds table access
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (table $tab 2 funcref)
  (elem $e func $f)
  (func $f (param $a i32) (table.init $tab $e (i32.const 0) (local.get $a) (i32.const 0)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (call $f (i32.const 2))
    (call $print_i32 (i32.const 2))))
