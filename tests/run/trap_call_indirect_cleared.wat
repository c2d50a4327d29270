;; A slot cleared with table.set to ref.null traps when called.
;; RUN: expect-stdout
;; 5
;; RUN: expect-trap uninitialized element
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $id (func (result i32)))
  (table $t 1 funcref)
  (elem (table $t) (i32.const 0) func $five)
  (func $five (type $id) (i32.const 5))
  (func $call (param i32) (result i32) (call_indirect $t (type $id) (local.get 0)))
  (func (export "_start")
    (call $print_i32 (call $call (i32.const 0)))
    (table.set $t (i32.const 0) (ref.null func))
    (call $print_i32 (call $call (i32.const 0)))))
