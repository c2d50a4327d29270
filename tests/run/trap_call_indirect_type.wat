;; call_indirect with a type other than the callee's traps, even when only
;; a parameter differs; a separately declared identical type matches.
;; RUN: expect-stdout
;; 10
;; RUN: expect-trap indirect call type mismatch
(module
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (type $i_i (func (param i32) (result i32)))
  (type $i_i_again (func (param i32) (result i32)))
  (type $l_i (func (param i64) (result i32)))
  (table $t 1 funcref)
  (elem (table $t) (i32.const 0) func $double)
  (func $double (type $i_i) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "_start")
    (call $print_i32 (call_indirect $t (type $i_i_again) (i32.const 5) (i32.const 0)))
    (call $print_i32 (call_indirect $t (type $l_i) (i64.const 5) (i32.const 0)))))
