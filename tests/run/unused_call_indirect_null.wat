;; call_indirect of a null slot, result dropped, traps.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap uninitialized element
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $t (func (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $k)
  (func $k (type $t) (i32.const 5))
  (func $f (param $a i32) (result i32) (call_indirect (type $t) (local.get $a)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (drop (call $f (i32.const 1)))
    (call $print_i32 (i32.const 2))))
