;; call_indirect with the wrong signature, result dropped, traps.
;; RUN: opt-levels 0,1,2,3
;; RUN: expect-stdout
;; 1
;; RUN: expect-trap indirect call type mismatch
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $t (func (result i32)))
  (type $u (func (result i64)))
  (table 2 funcref)
  (elem (i32.const 0) $k)
  (func $k (type $u) (i64.const 5))
  (func $f (param $a i32) (result i32) (call_indirect (type $t) (local.get $a)))
  (func (export "_start")
    (call $print_i32 (i32.const 1))
    (drop (call $f (i32.const 0)))
    (call $print_i32 (i32.const 2))))
